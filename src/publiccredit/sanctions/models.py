"""Joint punishment and incentives: memoranda (合作备忘录), the measure catalog, business matters, and screenings
(查询-比对-执行-反馈) with the measures' feedback."""

from django.conf import settings
from django.db import models

from publiccredit.catalog.models import Severity
from publiccredit.subjects.models import SubjectScope


class Matter(models.Model):
    """A business matter in which departments apply measures (government procurement, bidding, fiscal funds …)."""

    code = models.SlugField("事项代码", max_length=40, unique=True)
    name = models.CharField("事项名称", max_length=100)
    description = models.CharField("说明", max_length=300, blank=True)
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "业务事项"
        verbose_name_plural = "业务事项"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Effect(models.TextChoices):
    PUNISH = "punish", "失信惩戒"
    INCENTIVE = "incentive", "守信激励"


class Memorandum(models.Model):
    """A cooperation memorandum (合作备忘录) by which departments agree on joint measures."""

    code = models.SlugField("备忘录代码", max_length=40, unique=True)
    title = models.CharField("名称", max_length=200)
    document_number = models.CharField("文号", max_length=100, blank=True)
    issued_on = models.DateField("印发日期", null=True, blank=True)
    effect = models.CharField("性质", max_length=10, choices=Effect.choices, default=Effect.PUNISH)
    lead_name = models.CharField("发起单位", max_length=200, help_text="国家层面的牵头单位，如 国家发展改革委、最高人民法院")
    lead_department = models.ForeignKey("organizations.Organization", verbose_name="本市牵头单位", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="led_memoranda")
    participants = models.ManyToManyField("organizations.Organization", verbose_name="本市参与单位", blank=True,
                                          related_name="memoranda")
    list_kinds = models.ManyToManyField("lists.ListKind", verbose_name="适用名单", blank=True, related_name="memoranda")
    summary = models.TextField("主要内容", blank=True)
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "合作备忘录"
        verbose_name_plural = "合作备忘录"
        ordering = ["issued_on", "code"]

    def __str__(self) -> str:
        return self.title


class Measure(models.Model):
    """One joint measure of the catalog: what is done, by whom, on what basis, to whom and in which matters."""

    class Type(models.TextChoices):
        ADMINISTRATIVE = "administrative", "行政性"
        MARKET = "market", "市场性"
        INDUSTRY = "industry", "行业性"
        SOCIAL = "social", "社会性"

    Scope = SubjectScope

    code = models.SlugField("措施代码", max_length=20, unique=True)
    name = models.CharField("措施名称", max_length=200)
    type = models.CharField("措施类型", max_length=16, choices=Type.choices)
    effect = models.CharField("性质", max_length=10, choices=Effect.choices, default=Effect.PUNISH)
    content = models.TextField("措施内容", blank=True)
    legal_basis = models.TextField("设定依据")
    memorandum = models.ForeignKey(Memorandum, verbose_name="所属备忘录", null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="measures")
    implementer = models.ForeignKey("organizations.Organization", verbose_name="实施单位", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="measures")
    implementer_note = models.CharField("实施单位说明", max_length=200, blank=True,
                                        help_text="如“各级财政部门”；本市无对应单位时填写")
    scope = models.CharField("适用对象", max_length=16, choices=Scope.choices, default=Scope.ALL)
    list_kinds = models.ManyToManyField("lists.ListKind", verbose_name="适用名单", blank=True, related_name="measures")
    record_items = models.ManyToManyField("catalog.CatalogItem", verbose_name="适用的信用记录（信息项）", blank=True,
                                          related_name="measures")
    record_min_severity = models.CharField("记录最低失信程度", max_length=10, choices=Severity.choices, blank=True,
                                           help_text="留空表示该信息项的任何有效记录")
    grade_model = models.ForeignKey("evaluation.EvaluationModel", verbose_name="依据的信用评价模型", null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="measures")
    grades = models.CharField("适用评价等级", max_length=40, blank=True,
                              help_text="逗号分隔，如“D”或“A,A+”：主体在所选模型中的当前等级属于其中之一即适用")
    matters = models.ManyToManyField(Matter, verbose_name="适用业务事项", related_name="measures")
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "奖惩措施"
        verbose_name_plural = "奖惩措施清单"
        ordering = ["effect", "sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def grade_list(self) -> list[str]:
        return [grade.strip() for grade in self.grades.replace("，", ",").split(",") if grade.strip()]

    def clean(self):
        """A grade condition names a model and only grades that model has (docs/lists.md, "Measures by grade")."""
        from django.core.exceptions import ValidationError

        if self.grades and self.grade_model_id is None:
            raise ValidationError({"grade_model": "按评价等级适用的措施须选择信用评价模型"})
        if self.grade_model_id and not self.grades:
            raise ValidationError({"grades": "请填写适用的评价等级，如“D”"})
        version = self.grade_model.current_version if self.grade_model_id else None
        if version is not None:
            known = [band["grade"] for band in version.definition["grades"]]
            unknown = [grade for grade in self.grade_list if grade not in known]
            if unknown:
                raise ValidationError({"grades": f"模型“{self.grade_model.name}”没有等级：{'、'.join(unknown)}"
                                                 f"（现有等级：{'、'.join(known)}）"})


class Screening(models.Model):
    """One query-and-compare request of a department for a matter: its subjects and their results."""

    class Channel(models.TextChoices):
        API = "api", "接口"
        WEB = "web", "页面录入"
        FILE = "file", "文件上传"

    matter = models.ForeignKey(Matter, verbose_name="业务事项", on_delete=models.PROTECT, related_name="screenings")
    organization = models.ForeignKey("organizations.Organization", verbose_name="查询单位", on_delete=models.PROTECT,
                                     related_name="screenings")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="查询人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    channel = models.CharField("渠道", max_length=6, choices=Channel.choices)
    reference = models.CharField("业务编号", max_length=100, blank=True, help_text="如采购项目编号、审批件号")
    file_name = models.CharField("文件名", max_length=255, blank=True)
    created_at = models.DateTimeField("查询时间", auto_now_add=True, db_index=True)
    total = models.PositiveIntegerField("查询主体数", default=0)
    found = models.PositiveIntegerField("匹配到主体", default=0)
    not_found = models.PositiveIntegerField("未匹配", default=0)
    invalid = models.PositiveIntegerField("无效行", default=0)
    hits = models.PositiveIntegerField("命中", default=0)
    related_hits = models.PositiveIntegerField("关联命中", default=0)
    measures = models.PositiveIntegerField("适用措施（项次）", default=0)

    class Meta:
        verbose_name = "联合奖惩比对"
        verbose_name_plural = "联合奖惩比对"
        ordering = ["-id"]
        indexes = [models.Index(fields=["organization", "created_at"])]

    def __str__(self) -> str:
        return f"比对 #{self.pk} {self.matter}"


class ScreeningSubject(models.Model):
    """One screened subject: what was asked, what it matched, and (for anything but a clean result) the findings."""

    class Status(models.TextChoices):
        CLEAN = "clean", "未发现"
        HIT = "hit", "命中"
        NOT_FOUND = "not_found", "未匹配到主体"
        AMBIGUOUS = "ambiguous", "名称对应多个主体"
        INVALID = "invalid", "无效"

    screening = models.ForeignKey(Screening, verbose_name="比对", on_delete=models.PROTECT, related_name="rows",
                                  db_index=False)
    position = models.PositiveIntegerField("序号")
    query_code = models.CharField("查询代码", max_length=64, blank=True)
    query_name = models.CharField("查询名称", max_length=200, blank=True)
    subject = models.ForeignKey("subjects.Subject", verbose_name="主体", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+", db_index=False, db_constraint=False)
    status = models.CharField("结果", max_length=10, choices=Status.choices)
    related = models.BooleanField("有关联命中", default=False)
    result = models.JSONField("比对结果", null=True, blank=True)

    class Meta:
        verbose_name = "比对结果"
        verbose_name_plural = "比对结果"
        ordering = ["screening", "position"]
        constraints = [models.UniqueConstraint(fields=["screening", "position"], name="screening_row_position")]

    def __str__(self) -> str:
        return f"{self.screening_id}#{self.position} {self.get_status_display()}"


class MeasureFeedback(models.Model):
    """What the department did with a measure that applied to a screened subject (执行-反馈)."""

    row = models.ForeignKey(ScreeningSubject, verbose_name="比对结果", on_delete=models.PROTECT, related_name="feedback")
    measure = models.ForeignKey(Measure, verbose_name="措施", on_delete=models.PROTECT, related_name="feedback")
    organization = models.ForeignKey("organizations.Organization", verbose_name="反馈单位", on_delete=models.PROTECT,
                                     related_name="+")
    executed = models.BooleanField("已执行")
    note = models.CharField("说明", max_length=500, blank=True, help_text="未执行时须说明原因")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="反馈人", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField("反馈时间", auto_now=True)

    class Meta:
        verbose_name = "措施执行反馈"
        verbose_name_plural = "措施执行反馈"
        ordering = ["-at"]
        constraints = [models.UniqueConstraint(fields=["row", "measure"], name="one_feedback_per_row_and_measure")]
        indexes = [models.Index(fields=["organization", "at"])]

    def __str__(self) -> str:
        return f"{self.row_id} {self.measure.code} {'已执行' if self.executed else '未执行'}"
