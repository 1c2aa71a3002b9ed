"""The layers of docs/architecture.md are a checked contract: today's code keeps them, an upward import breaks them."""

from pathlib import Path

import grimp
import pytest
from importlinter import api
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.independence import IndependenceContract
from importlinter.contracts.layers import LayersContract

CONFIG = Path(__file__).resolve().parents[2] / "pyproject.toml"
CONTRACT_TYPES = {"layers": LayersContract, "independence": IndependenceContract, "forbidden": ForbiddenContract}


@pytest.fixture(scope="module")
def configuration():
    return api.read_configuration(str(CONFIG))


@pytest.fixture
def graph():
    return grimp.build_graph("publiccredit", cache_dir=None)


def check(configuration, graph, contract_id: str) -> bool:
    [options] = [o for o in configuration["contracts_options"] if o["id"] == contract_id]
    contract = CONTRACT_TYPES[options["type"]](name=options["name"], session_options=configuration["session_options"],
                                                contract_options=options)
    return contract.check(graph, verbose=False).kept


def test_the_code_keeps_every_import_contract(configuration, graph):
    assert all(check(configuration, graph, options["id"]) for options in configuration["contracts_options"])


@pytest.mark.parametrize(("importer", "imported"), [
    ("publiccredit.core.crypto", "publiccredit.subjects.models"),       # the ground reaching into a registry
    ("publiccredit.subjects.services", "publiccredit.lists.services"),  # a registry reaching into the domain
    ("publiccredit.lists.services", "publiccredit.portal.views"),       # the domain reaching into presentation
    ("publiccredit.lists.queries", "publiccredit.sanctions.models"),    # a domain app reaching into one above it
    ("publiccredit.repair.services", "publiccredit.sanctions.services"),  # two sibling domain apps
    ("publiccredit.notifications.services", "publiccredit.objections.models"),  # the channel knowing its callers
    ("publiccredit.core.crypto", "publiccredit.audit.services"),        # the ground's bottom reaching up
    ("publiccredit.casework.evidence", "publiccredit.repair.models"),   # the kernel knowing its users
])
def test_an_upward_import_breaks_the_layers(configuration, graph, importer, imported):
    graph.add_import(importer=importer, imported=imported, line_number=1, line_contents=f"import {imported}")
    assert check(configuration, graph, "layers") is False


def test_a_view_importing_another_apps_view_breaks_the_views_contract(configuration, graph):
    graph.add_import(importer="publiccredit.lists.views", imported="publiccredit.repair.views", line_number=1,
                     line_contents="from publiccredit.repair.views import decision_document")
    assert check(configuration, graph, "views") is False


def test_a_service_importing_a_tasks_module_breaks_the_tasks_contract(configuration, graph):
    graph.add_import(importer="publiccredit.lists.services", imported="publiccredit.notifications.tasks", line_number=1,
                     line_contents="from publiccredit.notifications.tasks import deliver_notifications")
    assert check(configuration, graph, "tasks") is False


def app_of(module: str) -> str:
    return module.split(".")[1] if module.count(".") else module


def app_cycles(graph) -> list[list[str]]:
    imports: dict[str, set[str]] = {}
    for module in graph.modules:
        for imported in graph.find_modules_directly_imported_by(module):
            if app_of(module) != app_of(imported):
                imports.setdefault(app_of(module), set()).add(app_of(imported))
    done: set[str] = set()

    def cycle_from(app: str, path: list[str]) -> list[str] | None:
        if app in path:
            return [*path[path.index(app):], app]
        if app in done:
            return None
        for imported in sorted(imports.get(app, ())):
            found = cycle_from(imported, [*path, app])
            if found:
                return found
        done.add(app)
        return None

    return [cycle for app in sorted(imports) if (cycle := cycle_from(app, []))]


def test_the_apps_import_each_other_without_a_cycle(graph):
    assert app_cycles(graph) == []


def test_an_import_back_from_lists_into_repair_makes_a_cycle(graph):
    graph.add_import(importer="publiccredit.lists.services", imported="publiccredit.repair.models", line_number=1,
                     line_contents="from publiccredit.repair.models import RepairApplication")
    assert ["lists", "repair", "lists"] in app_cycles(graph) or ["repair", "lists", "repair"] in app_cycles(graph)
