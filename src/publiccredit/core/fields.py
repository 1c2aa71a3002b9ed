"""Model fields for personal data kept at rest encrypted (SM4-GCM through ``core.crypto``)."""

import re

from django.db import models

from .crypto import CIPHERTEXT_PREFIX, decrypt_text, encrypt_text

MOBILE = re.compile(r"^(?:\+?86[- ]?)?1[3-9]\d{9}$")
PHONE = re.compile(r"^[\d+\-() ]{7,20}$")


class EncryptedTextField(models.TextField):
    """A contact detail (phone number, e-mail address) stored encrypted and read back in clear by the code that
    needs it; pages show it only where their reads are audited. It cannot be searched or filtered on."""

    context = b"contact"

    def from_db_value(self, value, expression, connection):
        if not value or not value.startswith(CIPHERTEXT_PREFIX):
            return value  # empty, or written before the field was encrypted (the migration re-saves those)
        return decrypt_text(value, context=self.context)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value or value.startswith(CIPHERTEXT_PREFIX):
            return value
        return encrypt_text(value, context=self.context)


def is_mobile(phone: str) -> bool:
    """A mainland mobile number, however spaced or dashed (139 1234 5678, 139-1234-5678, +86 139…)."""
    return bool(MOBILE.match(re.sub(r"[\s-]", "", phone or "")))


def mobile_digits(phone: str) -> str:
    """A mobile number as its 11 digits (without +86, spaces or dashes); the caller has checked ``is_mobile``."""
    return re.sub(r"\D", "", phone or "")[-11:]


def mask_phone(phone: str) -> str:
    digits = (phone or "").strip()
    return f"{digits[:3]}****{digits[-4:]}" if len(digits) >= 8 else "****"


def contact_problems(phone: str, email: str = "") -> list[str]:
    """Why a contact phone or e-mail address cannot be used (empty when both can)."""
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    problems = []
    if phone and not PHONE.match(phone.strip()):
        problems.append("联系电话格式不正确：请填写手机号码或带区号的固定电话，如 13800000000、0793-8888888")
    if email:
        try:
            validate_email(email.strip())
        except ValidationError:
            problems.append("电子邮箱格式不正确")
    return problems


def encrypt_existing(model, *fields: str) -> int:
    """For a migration that turns clear-text columns into ``EncryptedTextField``: re-save every clear value.
    Reads the stored text itself (the field would decrypt it), so a second run changes nothing."""
    from django.db import connection

    quote = connection.ops.quote_name
    columns = [model._meta.get_field(f).column for f in fields]
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {quote(model._meta.pk.column)}, {', '.join(quote(c) for c in columns)} "
                       f"FROM {quote(model._meta.db_table)}")
        rows = cursor.fetchall()
    changed = 0
    for pk, *values in rows:
        clear = {f: v for f, v in zip(fields, values, strict=True) if v and not v.startswith(CIPHERTEXT_PREFIX)}
        if clear:
            model.objects.filter(pk=pk).update(**clear)
            changed += 1
    return changed
