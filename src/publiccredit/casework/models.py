"""What every case of the remedies shares (docs/architecture.md, "One casework kernel"): a number, a query code the
filer gets once, contact details kept encrypted, the account that filed it and a history of steps. Repair
applications and objections are cases; each app adds its own fields, states and deadlines."""

from typing import ClassVar

from django.conf import settings
from django.db import models

from publiccredit.core.crypto import lookup_hash
from publiccredit.core.fields import EncryptedTextField


class Case(models.Model):
    """A numbered case. ``NUMBER_PREFIX`` starts its number, ``TOPIC`` names its audit actions and events
    (``<TOPIC>.<action>``), ``EVENT_KEY`` is the payload key carrying its id, ``NOUN`` names it in messages."""

    NUMBER_PREFIX: ClassVar[str]
    TOPIC: ClassVar[str]
    EVENT_KEY: ClassVar[str]
    NOUN: ClassVar[str]

    number = models.CharField("编号", max_length=20, unique=True)
    query_code_hash = models.CharField("查询码摘要", max_length=64, editable=False)
    contact_phone = EncryptedTextField("联系电话")
    contact_email = EncryptedTextField("电子邮箱", blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="提交人（账号）", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.number

    def has_query_code(self, code: str) -> bool:
        return bool(code) and self.query_code_hash == lookup_hash(code.strip().upper())


class CaseStep(models.Model):
    """One step of a case: the state it entered, who moved it and why. The concrete step adds the key to its case
    and the choices of ``state``."""

    state = models.CharField("进入状态", max_length=10)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    note = models.TextField("说明", blank=True)
    at = models.DateTimeField("时间", auto_now_add=True)

    class Meta:
        abstract = True
