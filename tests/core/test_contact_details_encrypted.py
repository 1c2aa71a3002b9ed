"""Contact phones and e-mail addresses of applicants, objectors and account holders are encrypted at rest, read back
in clear by the code that needs them, checked for format, and texts go only to mobile numbers."""

import pytest
from django.db import connection

from publiccredit.core.errors import DomainError
from publiccredit.core.fields import encrypt_existing, is_mobile
from publiccredit.objections.models import Objection
from publiccredit.objections.services import file_objection
from publiccredit.repair.models import RepairApplication
from publiccredit.repair.services import Applicant, apply_for_repair
from tests.builders import proof

pytestmark = pytest.mark.django_db
PHONE, EMAIL = "13912345678", "liu@xinjiang-pv.cn"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")
        return [row[0] for row in cursor.fetchall()]


def test_an_applicants_phone_and_email_are_ciphertext_in_the_database_and_clear_in_the_model(old_penalty):
    application, _ = apply_for_repair(
        record=old_penalty, applicant=Applicant(name="信江光伏", contact_name="刘", contact_phone=PHONE,
                                                contact_email=EMAIL),
        statement="已缴清", commitment_accepted=True, files=[proof()], actor=None, channel="portal")
    stored = raw("repair_repairapplication", "contact_phone") + raw("repair_repairapplication", "contact_email")
    assert all(value.startswith("sm4gcm1:") for value in stored) and PHONE not in str(stored)
    again = RepairApplication.objects.get(pk=application.pk)
    assert (again.contact_phone, again.contact_email) == (PHONE, EMAIL)


def test_an_objectors_phone_is_ciphertext_too(old_penalty):
    file_objection(record=old_penalty, filer_kind="concerned", filer_name="王某", contact_phone=PHONE,
                   reasons="有误", actor=None, channel="window")
    assert raw("objections_objection", "contact_phone")[0].startswith("sm4gcm1:")
    assert Objection.objects.get().contact_phone == PHONE


@pytest.mark.parametrize("phone, email, message", [
    ("call me", "", "联系电话格式不正确"),
    (PHONE, "not-an-address", "电子邮箱格式不正确"),
])
def test_a_malformed_contact_is_refused_in_chinese_and_nothing_is_stored(old_penalty, phone, email, message):
    with pytest.raises(DomainError, match=message):
        file_objection(record=old_penalty, filer_kind="concerned", filer_name="王某", contact_phone=phone,
                       contact_email=email, reasons="有误", actor=None, channel="window")
    assert not Objection.objects.exists()


def test_a_landline_gets_no_text_message_but_the_email_still_goes(old_penalty, django_capture_on_commit_callbacks,
                                                                  sms_outbox):
    from django.core import mail

    with django_capture_on_commit_callbacks(execute=True):
        file_objection(record=old_penalty, filer_kind="concerned", filer_name="王某", contact_phone="0793-8888888",
                       contact_email=EMAIL, reasons="有误", actor=None, channel="window")
    assert sms_outbox == [] and any(m.to == [EMAIL] for m in mail.outbox)
    assert is_mobile("+86 139 1234 5678") and not is_mobile("0793-8888888")


def test_the_migration_step_encrypts_rows_written_in_clear(old_penalty):
    file_objection(record=old_penalty, filer_kind="concerned", filer_name="王某", contact_phone=PHONE,
                   reasons="有误", actor=None, channel="window")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE objections_objection SET contact_phone = %s", [PHONE])
    assert Objection.objects.get().contact_phone == PHONE  # clear text still reads
    assert encrypt_existing(Objection, "contact_phone", "contact_email") == 1
    assert raw("objections_objection", "contact_phone")[0].startswith("sm4gcm1:")
    assert Objection.objects.get().contact_phone == PHONE
    assert encrypt_existing(Objection, "contact_phone", "contact_email") == 0
