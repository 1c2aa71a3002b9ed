import pytest

from publiccredit.audit.models import AuditEntry
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.subjects.services import reveal_citizen_id
from tests.conftest import CITIZEN_ID


def test_the_credit_office_can_reveal_a_number_with_a_reason_and_the_read_is_audited(citizen, credit_office_admin):
    number = reveal_citizen_id(subject=citizen, actor=credit_office_admin, reason="核实异议申请人身份")
    assert number == CITIZEN_ID
    entry = AuditEntry.objects.get(action="subjects.citizen_id.reveal")
    assert entry.kind == AuditEntry.Kind.READ
    assert entry.reason == "核实异议申请人身份"
    assert entry.actor_name == "admin-li"
    assert CITIZEN_ID not in entry.target_label


def test_a_clerk_without_the_permission_cannot_reveal_a_number(citizen, market_clerk):
    with pytest.raises(PermissionDenied):
        reveal_citizen_id(subject=citizen, actor=market_clerk, reason="想看看")
    assert not AuditEntry.objects.filter(action="subjects.citizen_id.reveal").exists()


def test_revealing_without_a_reason_is_refused(citizen, credit_office_admin):
    with pytest.raises(DomainError) as refused:
        reveal_citizen_id(subject=citizen, actor=credit_office_admin, reason=" ")
    assert refused.value.code == "reason_required"
