"""Names are contracts (docs/architecture.md): event topics and audit actions are ``<app>.<object>.<verb>``, topics
come from each app's constants, and every audit action a service writes has its Chinese label."""

import ast
import importlib
import re
from pathlib import Path

import pytest
from django.apps import apps

from publiccredit.audit.labels import action_label
from publiccredit.casework.models import Case

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "publiccredit"
NAME = re.compile(r"^[a-z_]+\.[a-z_]+\.[a-z_]+$")
PREFIX = re.compile(r"^[a-z_]+\.[a-z_]+$")
AUDIT_CALLS = {"record_write", "record_read", "record_access"}


def source_modules() -> list[Path]:
    return sorted(path for path in PACKAGE.rglob("*.py") if "migrations" not in path.parts)


def calls(path: Path | str, names: set[str]):
    source = path if isinstance(path, str) else path.read_text(encoding="utf-8")
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
            if name in names:
                yield node


def topic_modules() -> list[str]:
    return sorted(f"publiccredit.{path.parent.name}.topics" for path in PACKAGE.glob("*/topics.py"))


@pytest.mark.parametrize("module", topic_modules())
def test_each_topic_constant_names_its_own_app_object_and_verb(module):
    app = module.split(".")[1]
    constants = {name: value for name, value in vars(importlib.import_module(module)).items()
                 if name.isupper() and isinstance(value, str)}
    assert constants
    for name, value in constants.items():
        assert value.startswith(f"{app}.") and (NAME.match(value) or PREFIX.match(value)), (name, value)


def spelled_out_topics(path: Path | str) -> list[int]:
    return [call.lineno for call in calls(path, {"emit"}) if call.args and isinstance(call.args[0], ast.Constant)]


def test_the_scan_finds_a_topic_spelled_out_and_passes_a_constant():
    assert spelled_out_topics('emit(topics.SUBJECTS_REGISTERED, {})\nemit("subject.registered", {})\n') == [2]


def test_no_service_emits_a_topic_spelled_out_in_place():
    spelled = [f"{path.relative_to(PACKAGE)}:{line}" for path in source_modules() for line in spelled_out_topics(path)]
    assert spelled == []


def test_every_case_kind_names_its_events_after_its_own_app():
    kinds = [model for model in apps.get_models() if issubclass(model, Case)]
    assert len(kinds) >= 2
    for model in apps.get_models():
        if issubclass(model, Case):
            assert model.TOPIC.startswith(f"{model._meta.app_label}.") and PREFIX.match(model.TOPIC), model


def audit_actions() -> list[tuple[str, str]]:
    found = []
    for path in source_modules():
        for call in calls(path, AUDIT_CALLS):
            for keyword in call.keywords:
                if keyword.arg == "action" and isinstance(keyword.value, ast.Constant):
                    found.append((f"{path.relative_to(PACKAGE)}:{call.lineno}", keyword.value.value))
    return found


def test_every_audit_action_written_in_place_is_app_object_verb_with_a_chinese_label():
    labels = {app.label for app in apps.get_app_configs()}
    wrong = [(where, action) for where, action in audit_actions()
             if not NAME.match(action) or action.split(".")[0] not in labels or action_label(action) == action]
    assert audit_actions() and wrong == []
