"""Integrity education is never a precondition of admission (docs/education.md, "Never a condition"): with no
course taken by anyone — indeed with every course withdrawn — a subject signs a commitment, gets the green channel,
and applies for repair; and no module that admits or refuses reads education at all."""

import ast
import pathlib

import pytest

import publiccredit
from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.commitments.models import CommitmentTemplate
from publiccredit.commitments.services import decide_green_channel, sign_commitment
from publiccredit.education.models import Completion, Course
from publiccredit.repair.services import Applicant, apply_for_repair
from tests.builders import proof

pytestmark = pytest.mark.django_db

# the modules that decide an admission, an approval, a repair, a screening or a listing
DECIDING_MODULES = ["commitments/services.py", "commitments/api.py", "repair/services.py", "repair/rules.py",
                    "sanctions/services.py", "lists/services.py", "inspections/services.py",
                    "objections/services.py", "registrations/services.py", "rectification/services.py"]


def imported_modules(path: pathlib.Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


@pytest.mark.parametrize("module", DECIDING_MODULES)
def test_no_module_that_decides_an_admission_reads_integrity_education(module):
    source = pathlib.Path(publiccredit.__file__).parent / module
    assert not {name for name in imported_modules(source) if "education" in name}
    assert "Completion" not in source.read_text(encoding="utf-8")


def test_every_admission_path_succeeds_with_no_course_taken_and_none_published(enterprise, market_regulation,
                                                                               old_penalty):
    window = create_user(username="chuangkou-jy", role=Role.REGULATOR, organization=market_regulation,
                         password="Chuangkou-2026!", full_name="窗口")
    Course.objects.update(is_active=False)
    assert not Completion.objects.exists()
    approval = CommitmentTemplate.objects.create(
        code="t-approval", department=market_regulation, matter_code="M-1", matter_name="食品经营许可", type="1",
        title="告知承诺书", reason="告知承诺", content="符合条件。", liability="撤销许可。")
    tolerance = CommitmentTemplate.objects.create(
        code="t-tolerance", department=market_regulation, matter_code="M-2", matter_name="食品生产许可", type="2",
        title="容缺受理承诺书", reason="容缺受理", content="按期补齐。", liability="终止办理。")
    assert sign_commitment(template=approval, subject=enterprise, actor=window, channel="window").number
    assert decide_green_channel(subject=enterprise, template=tolerance, missing=["营业执照副本"],
                                actor=window).eligible
    application, _ = apply_for_repair(
        record=old_penalty, applicant=Applicant(name=enterprise.name, contact_name="刘经理", contact_phone="0793-8888888"),
        statement="已缴清罚款", commitment_accepted=True, files=[proof()], actor=None, channel="portal")
    assert application.state == "submitted"
