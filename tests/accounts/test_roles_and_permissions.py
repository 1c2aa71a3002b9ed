import pytest
from django.db import IntegrityError, transaction

from publiccredit.accounts.models import User
from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.core.errors import DomainError


def test_the_credit_office_configures_organisations_and_reveals_ids(credit_office_admin):
    assert credit_office_admin.is_staff
    assert credit_office_admin.has_perm("organizations.change_organization")
    assert credit_office_admin.has_perm("subjects.reveal_citizen_id")
    assert credit_office_admin.has_perm("audit.view_auditentry")


def test_a_provider_clerk_views_but_does_not_configure(market_clerk):
    assert market_clerk.has_perm("subjects.view_subject")
    assert not market_clerk.has_perm("organizations.change_organization")
    assert not market_clerk.has_perm("subjects.reveal_citizen_id")
    assert not market_clerk.has_perm("audit.view_auditentry")


def test_an_auditor_reads_the_audit_log_but_changes_nothing(auditor):
    assert auditor.has_perm("audit.view_auditentry")
    assert not auditor.has_perm("subjects.change_subject")


def test_a_subject_user_is_not_staff_and_has_no_back_office_permissions(enterprise):
    owner = create_user(username="owner", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!")
    assert not owner.is_staff
    assert not owner.get_all_permissions()


def test_staff_must_belong_to_an_organisation(db):
    with pytest.raises(DomainError) as refused:
        create_user(username="nobody", role=Role.REGULATOR)
    assert refused.value.code == "organization_required"


def test_the_database_refuses_a_staff_user_without_an_organisation(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.create(username="orphan", role=Role.REGULATOR)
