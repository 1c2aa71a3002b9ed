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


def test_creating_a_user_in_the_admin_gives_back_office_access_by_role(client, credit_office_admin, market_regulation):
    from publiccredit.audit.models import AuditEntry

    client.force_login(credit_office_admin)
    response = client.post("/admin/accounts/user/add/", {
        "username": "inspector-chen", "password1": "Jiancha-2026!x", "password2": "Jiancha-2026!x",
        "role": "regulator", "organization": market_regulation.pk})
    assert response.status_code == 302
    created = User.objects.get(username="inspector-chen")
    assert created.is_staff and created.organization == market_regulation
    assert AuditEntry.objects.filter(action="accounts.user.create", target_id=str(created.pk)).exists()
