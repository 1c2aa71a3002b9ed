"""Credit reports (docs/reports.md): the standard credit report and the special report that replaces certificates of
no violations (信用代证, 发改财金〔2025〕565号), kept immutable with their PDF, its digest and its SM2 signature so
that anyone can check them; the domains a special report may cover, as data."""

from django.conf import settings
from django.db import models

from publiccredit.core.crypto import lookup_hash
from publiccredit.core.singletons import SingletonSettings


class ReportSettings(SingletonSettings):
    validity_days = models.PositiveSmallIntegerField("报告有效期（天）", default=90,
                                                     help_text="自出具之日起；过期的报告核验结果为“已过期”")
    max_years = models.PositiveSmallIntegerField("专项报告最长查询期间（年）", default=5)

    class Meta:
        verbose_name = "信用报告设置"
        verbose_name_plural = "信用报告设置"

    def __str__(self) -> str:
        return f"有效期{self.validity_days}天，专项报告最长{self.max_years}年"


class ReportDomain(models.Model):
    """A domain (领域) a special report may cover: the departments whose decisions fall in it."""

    code = models.SlugField("领域编码", max_length=40, unique=True)
    name = models.CharField("领域名称", max_length=100, unique=True)
    organizations = models.ManyToManyField("organizations.Organization", verbose_name="作出决定的单位",
                                           related_name="report_domains")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "专项信用报告领域"
        verbose_name_plural = "专项信用报告领域"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class ReportSerial(models.Model):
    """The last serial given out on a day: a report's number is printed in its PDF, so it is taken (in a short
    transaction of its own) before the PDF is rendered, not found free after it."""

    day = models.DateField("日期", unique=True)
    last = models.PositiveIntegerField("最后序号", default=0)

    class Meta:
        verbose_name = "报告编号序号"
        verbose_name_plural = "报告编号序号"

    def __str__(self) -> str:
        return f"{self.day} {self.last}"


class CreditReport(models.Model):
    """An issued report: never changed after it is written (the services only insert)."""

    class Kind(models.TextChoices):
        STANDARD = "standard", "公共信用信息报告（标准版）"
        SPECIAL = "special", "专项信用报告（替代有无违法违规记录证明）"

    class Channel(models.TextChoices):
        PORTAL = "portal", "信用网站"
        WINDOW = "window", "窗口"
        API = "api", "接口"
        CLI = "cli", "命令行"

    number = models.CharField("报告编号", max_length=20, unique=True)
    kind = models.CharField("报告类型", max_length=10, choices=Kind.choices)
    subject = models.ForeignKey("subjects.Subject", verbose_name="信用主体", on_delete=models.PROTECT,
                                related_name="credit_reports")
    audience = models.CharField("内容范围", max_length=16)
    domains = models.JSONField("领域", default=list, blank=True)
    period_start = models.DateField("查询期间起", null=True, blank=True)
    period_end = models.DateField("查询期间止", null=True, blank=True)
    purpose = models.CharField("用途", max_length=200, blank=True)
    channel = models.CharField("出具渠道", max_length=8, choices=Channel.choices)
    ordered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="申请人账号", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    issued_at = models.DateTimeField("出具时间")
    valid_until = models.DateField("有效期至")
    key_id = models.CharField("签名密钥", max_length=40)
    digest = models.CharField("PDF 摘要（SHA-256）", max_length=64, db_index=True)
    pdf = models.BinaryField("PDF")
    signature = models.BinaryField("SM2 签名（DER）")
    code_hash = models.CharField("核验码摘要", max_length=64, editable=False)

    class Meta:
        verbose_name = "信用报告"
        verbose_name_plural = "信用报告"
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["subject", "-issued_at"], name="report_subject_idx")]

    def __str__(self) -> str:
        return self.number

    def has_code(self, code: str) -> bool:
        return bool(code) and self.code_hash == lookup_hash(str(code).strip().upper())


class Authorisation(models.Model):
    """A subject's authorisation of a credit service agency (信用服务机构): what it may do (query its 授权查询
    information, or order its credit report), for what purpose, until when; the subject revokes it at any time."""

    class Scope(models.TextChoices):
        QUERY = "query", "查询授权查询信息"
        REPORT = "report", "代为申请信用报告"

    class State(models.TextChoices):
        ACTIVE = "active", "有效"
        REVOKED = "revoked", "已撤销"

    subject = models.ForeignKey("subjects.Subject", verbose_name="授权主体", on_delete=models.PROTECT,
                                related_name="authorisations")
    agency = models.ForeignKey("organizations.Organization", verbose_name="信用服务机构", on_delete=models.PROTECT,
                               related_name="authorisations", limit_choices_to={"kind": "agency"})
    scope = models.CharField("授权范围", max_length=8, choices=Scope.choices)
    purpose = models.CharField("用途", max_length=200)
    valid_from = models.DateField("授权起始日")
    valid_until = models.DateField("授权截止日")
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.ACTIVE)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="授权账号", on_delete=models.PROTECT,
                                   related_name="+")
    granted_at = models.DateTimeField("授权时间", auto_now_add=True)
    revoked_at = models.DateTimeField("撤销时间", null=True, blank=True)

    class Meta:
        verbose_name = "信用信息查询授权"
        verbose_name_plural = "信用信息查询授权"
        ordering = ["-granted_at", "-id"]
        indexes = [models.Index(fields=["agency", "subject", "state"], name="authorisation_lookup_idx")]

    def __str__(self) -> str:
        return f"{self.subject_id} → {self.agency_id} {self.scope}"


class AgencyQuery(models.Model):
    """One query (or report order) an agency made under an authorisation: listed to the subject."""

    authorisation = models.ForeignKey(Authorisation, verbose_name="授权", on_delete=models.PROTECT,
                                      related_name="queries")
    subject = models.ForeignKey("subjects.Subject", verbose_name="被查询主体", on_delete=models.PROTECT,
                                related_name="agency_queries")
    agency = models.ForeignKey("organizations.Organization", verbose_name="信用服务机构", on_delete=models.PROTECT,
                               related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="查询人", on_delete=models.PROTECT,
                             related_name="+")
    what = models.CharField("查询内容", max_length=200)
    records = models.PositiveIntegerField("返回记录数", default=0)
    at = models.DateTimeField("查询时间", auto_now_add=True)

    class Meta:
        verbose_name = "信用服务机构查询记录"
        verbose_name_plural = "信用服务机构查询记录"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["subject", "-at"], name="agency_query_subject_idx")]

    def __str__(self) -> str:
        return f"{self.agency_id} {self.subject_id} {self.at:%Y-%m-%d}"
