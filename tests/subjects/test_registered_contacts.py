"""Registered mobile numbers of subjects (for binding portal accounts by a one-time code): kept encrypted, shown
masked, set in the admin or imported from the regulator's list with bad rows reported and re-sent rows unchanged."""

import json

import pytest
from django.core.management import call_command
from django.urls import reverse

from publiccredit.audit.models import AuditEntry
from publiccredit.core.errors import DomainError
from publiccredit.core.identifiers import make_uscc
from publiccredit.subjects.models import RegisteredContact
from publiccredit.subjects.services import set_registered_contact
from tests.conftest import CITIZEN_ID, ENTERPRISE_USCC

pytestmark = pytest.mark.django_db

SOURCE = "市场监管局企业登记联络员信息"


def run(capsys, path, *extra):
    try:
        call_command("import-contacts", str(path), "--source", SOURCE, *extra)
    except SystemExit as stopped:
        captured = capsys.readouterr()
        return stopped.code, captured.out, captured.err
    captured = capsys.readouterr()
    return 0, captured.out, captured.err


def stored_phone(subject) -> str:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM subjects_registeredcontact WHERE subject_id = %s", [subject.pk])
        return cursor.fetchone()[0]


def test_a_registered_number_is_stored_encrypted_shown_masked_and_audited(enterprise, credit_office_admin):
    contact = set_registered_contact(subject=enterprise, phone="+86 139-1234-5678", source=SOURCE,
                                     actor=credit_office_admin)
    assert contact.phone == "13912345678" and contact.phone_masked == "139****5678"
    assert stored_phone(enterprise).startswith("sm4gcm1:") and "5678" not in stored_phone(enterprise)
    entry = AuditEntry.objects.get(action="subjects.contact.set")
    assert entry.detail["phone"] == "139****5678" and "13912345678" not in json.dumps(entry.detail)


def test_a_landline_cannot_be_a_registered_number_for_codes(enterprise, credit_office_admin):
    with pytest.raises(DomainError, match="11位手机号码"):
        set_registered_contact(subject=enterprise, phone="0793-8888888", source=SOURCE, actor=credit_office_admin)
    assert not RegisteredContact.objects.exists()


def test_setting_the_same_number_again_changes_and_audits_nothing(enterprise, credit_office_admin):
    for _ in range(2):
        set_registered_contact(subject=enterprise, phone="13912345678", source=SOURCE, actor=credit_office_admin)
    assert AuditEntry.objects.filter(action="subjects.contact.set").count() == 1


def test_an_import_keeps_good_rows_reports_bad_ones_by_row_and_a_resend_changes_nothing(
        tmp_path, capsys, enterprise, citizen):
    path = tmp_path / "联络员.csv"
    unknown = make_uscc("91", "361102", "MA35YYYY")
    path.write_text("统一社会信用代码,联系电话\n"
                    f"{ENTERPRISE_USCC},139 1234 5678\n"
                    f"{CITIZEN_ID},13700001111\n"
                    f"{ENTERPRISE_USCC[:-1]}X,13900000000\n"
                    f"{unknown},13900000000\n"
                    f"{ENTERPRISE_USCC},0793-8888888\n", encoding="gbk")
    code, out, _ = run(capsys, path, "--json")
    report = json.loads(out)
    assert code == 0 and (report["total"], report["created"], report["rejected"]) == (5, 2, 3)
    rows = {e["row"]: e["message"] for e in report["errors"]}
    # rows as Excel numbers them: the header is row 1
    assert rows[4].startswith("代码不正确") and rows[5] == "主体库中没有该代码的主体"
    assert rows[6] == "联系电话不是11位手机号码，无法用于短信验证码"
    assert RegisteredContact.objects.get(pk=enterprise.pk).phone == "13912345678"
    assert RegisteredContact.objects.get(pk=citizen.pk).phone_masked == "137****1111"
    code, out, _ = run(capsys, path, "--json")
    again = json.loads(out)
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
    assert AuditEntry.objects.filter(action="subjects.contact.import").count() == 1


def test_an_import_updates_a_changed_number(tmp_path, capsys, enterprise):
    path = tmp_path / "联络员.csv"
    path.write_text(f"统一社会信用代码,手机号码\n{ENTERPRISE_USCC},13912345678\n", encoding="utf-8")
    run(capsys, path)
    path.write_text(f"统一社会信用代码,手机号码\n{ENTERPRISE_USCC},13811112222\n", encoding="utf-8")
    code, out, _ = run(capsys, path)
    assert code == 0 and "更新 1" in out
    assert RegisteredContact.objects.get().phone == "13811112222"


def test_an_import_without_a_phone_column_exits_2_and_writes_nothing(tmp_path, capsys, enterprise):
    path = tmp_path / "联络员.csv"
    path.write_text(f"统一社会信用代码,名称\n{ENTERPRISE_USCC},信江光伏\n", encoding="utf-8")
    code, _, err = run(capsys, path)
    assert code == 2 and "缺少必填列：联系电话（手机号码）" in err
    assert not RegisteredContact.objects.exists()


def test_the_credit_office_sets_a_number_in_the_admin_and_never_sees_it_whole(client, credit_office_admin, enterprise):
    client.force_login(credit_office_admin)
    url = reverse("admin:subjects_registeredcontact_add")
    response = client.post(url, {"subject": enterprise.pk, "new_phone": "0793-8888888", "source": SOURCE})
    assert response.status_code == 200 and "11位手机号码" in response.content.decode()
    response = client.post(url, {"subject": enterprise.pk, "new_phone": "13912345678", "source": SOURCE})
    assert response.status_code == 302
    contact = RegisteredContact.objects.get()
    assert contact.updated_by == credit_office_admin
    page = client.get(reverse("admin:subjects_registeredcontact_change", args=[contact.pk])).content.decode()
    assert "139****5678" in page and "13912345678" not in page
    assert AuditEntry.objects.filter(action="subjects.contact.set", channel="admin").exists()


def test_a_changed_number_is_replaced_in_the_admin_and_listed_masked(client, credit_office_admin, enterprise):
    contact = set_registered_contact(subject=enterprise, phone="13912345678", source=SOURCE, actor=credit_office_admin)
    client.force_login(credit_office_admin)
    response = client.post(reverse("admin:subjects_registeredcontact_change", args=[contact.pk]),
                           {"new_phone": "13811112222", "source": "企业自行变更（窗口核对营业执照）"})
    assert response.status_code == 302
    contact = RegisteredContact.objects.get()
    assert contact.phone == "13811112222" and contact.source == "企业自行变更（窗口核对营业执照）"
    listing = client.get(reverse("admin:subjects_registeredcontact_changelist")).content.decode()
    assert "138****2222" in listing and "13811112222" not in listing
    assert AuditEntry.objects.filter(action="subjects.contact.set").count() == 2


def test_registered_numbers_cannot_be_deleted_in_the_admin(client, credit_office_admin, enterprise):
    contact = set_registered_contact(subject=enterprise, phone="13912345678", source=SOURCE, actor=credit_office_admin)
    client.force_login(credit_office_admin)
    response = client.post(reverse("admin:subjects_registeredcontact_delete", args=[contact.pk]), {"post": "yes"})
    assert response.status_code == 403 and RegisteredContact.objects.exists()
