"""Credit evaluation models as data (公共信用综合评价, GB/T 45255-2025; docs/evaluation.md): the credit office (or a
department, for its sector) edits a model's indicators, points, decay, caps, grades and hard rules in the admin, and
publishes it as an immutable version that every computed grade names."""

from django.db import models


class EvaluationModel(models.Model):
    class Kind(models.TextChoices):
        PUBLIC = "public", "公共信用综合评价"
        INDUSTRY = "industry", "行业信用评价"
        IMPORTED = "imported", "外部评价结果（导入）"

    class Disclosure(models.TextChoices):
        PUBLIC = "public", "向社会公开等级"
        GOVERNMENT = "government", "仅政务共享（部门和主体本人可见）"

    code = models.SlugField("模型代码", max_length=40, unique=True)
    name = models.CharField("模型名称", max_length=200)
    kind = models.CharField("类别", max_length=10, choices=Kind.choices, default=Kind.PUBLIC)
    owner = models.ForeignKey("organizations.Organization", verbose_name="制定单位", null=True, blank=True,
                              on_delete=models.PROTECT, related_name="evaluation_models",
                              help_text="行业模型由行业主管部门制定；公共模型留空（信用主管部门）")
    disclosure = models.CharField("等级公开方式", max_length=10, choices=Disclosure.choices,
                                  default=Disclosure.GOVERNMENT)
    base_score = models.DecimalField("基础分", max_digits=8, decimal_places=2, default=1000)
    min_score = models.DecimalField("最低分", max_digits=8, decimal_places=2, default=0)
    max_score = models.DecimalField("最高分", max_digits=8, decimal_places=2, default=1200)
    description = models.TextField("模型说明", blank=True)
    is_active = models.BooleanField("启用", default=True)
    current_version = models.ForeignKey("ModelVersion", verbose_name="当前版本", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+", editable=False)

    class Meta:
        verbose_name = "信用评价模型"
        verbose_name_plural = "信用评价模型"
        ordering = ["kind", "code"]

    def __str__(self) -> str:
        return self.name


class IndicatorFamily(models.Model):
    model = models.ForeignKey(EvaluationModel, verbose_name="模型", on_delete=models.CASCADE, related_name="families")
    code = models.SlugField("代码", max_length=40)
    name = models.CharField("一级指标", max_length=100)
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "指标类别（一级指标）"
        verbose_name_plural = "指标类别（一级指标）"
        ordering = ["model", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["model", "code"], name="family_code_unique_in_model")]

    def __str__(self) -> str:
        return self.name


class Indicator(models.Model):
    """One scored item: what it counts (``source`` and its filter), the points per occurrence (negative for a
    deduction), how the points fade with age (``decay``: [[months, factor], …], 0 beyond the last step) and a cap on
    the indicator's total."""

    class Source(models.TextChoices):
        RECORD = "record", "信用记录（目录信息项）"
        LIST_ENTRY = "list_entry", "信用名单"
        COMMITMENT = "commitment", "信用承诺及履行"
        REGISTRATION = "registration", "自愿注册信息（已核实）"
        COURSE = "course", "诚信教育完成情况"
        MODEL_SCORE = "model_score", "其他模型的得分（如公共信用综合评价）"

    model = models.ForeignKey(EvaluationModel, verbose_name="模型", on_delete=models.CASCADE, related_name="indicators")
    family = models.ForeignKey(IndicatorFamily, verbose_name="指标类别", on_delete=models.PROTECT,
                               related_name="indicators")
    code = models.SlugField("指标代码", max_length=40)
    name = models.CharField("指标名称", max_length=200)
    source = models.CharField("数据来源", max_length=12, choices=Source.choices)
    catalog_item = models.ForeignKey("catalog.CatalogItem", verbose_name="目录信息项", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    severity = models.CharField("失信程度", max_length=10, blank=True,
                                help_text="只计该失信程度的记录（留空计全部）")
    list_kind = models.ForeignKey("lists.ListKind", verbose_name="名单", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    input_model = models.ForeignKey(EvaluationModel, verbose_name="引用的模型", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField("每次分值", max_digits=8, decimal_places=2,
                                 help_text="扣分填负数；引用其他模型得分时为折算系数")
    cap = models.DecimalField("本项累计上限（绝对值）", max_digits=8, decimal_places=2, null=True, blank=True)
    decay = models.JSONField("随时间衰减", default=list, blank=True,
                             help_text="如 [[12, 1], [36, 0.5]]：一年内全额、三年内减半、三年后不计；留空不衰减")
    sort_order = models.PositiveIntegerField("排序", default=0)

    class Meta:
        verbose_name = "评价指标"
        verbose_name_plural = "评价指标"
        ordering = ["model", "family__sort_order", "sort_order", "id"]
        constraints = [models.UniqueConstraint(fields=["model", "code"], name="indicator_code_unique_in_model")]

    def __str__(self) -> str:
        return self.name


class GradeBand(models.Model):
    model = models.ForeignKey(EvaluationModel, verbose_name="模型", on_delete=models.CASCADE, related_name="grades")
    grade = models.CharField("等级", max_length=4)
    label = models.CharField("等级名称", max_length=50, blank=True)
    min_score = models.DecimalField("最低分（含）", max_digits=8, decimal_places=2)

    class Meta:
        verbose_name = "等级划分"
        verbose_name_plural = "等级划分"
        ordering = ["model", "-min_score"]

    def __str__(self) -> str:
        return self.grade


class HardRule(models.Model):
    """A fact that caps the grade whatever the points (a serious-dishonesty listing gives D)."""

    model = models.ForeignKey(EvaluationModel, verbose_name="模型", on_delete=models.CASCADE,
                              related_name="hard_rules")
    name = models.CharField("规则说明", max_length=200)
    list_kind = models.ForeignKey("lists.ListKind", verbose_name="在列名单", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    catalog_item = models.ForeignKey("catalog.CatalogItem", verbose_name="有效的信用记录", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")
    severity = models.CharField("失信程度", max_length=10, blank=True)
    grade = models.CharField("等级至多为", max_length=4)

    class Meta:
        verbose_name = "直接定级规则"
        verbose_name_plural = "直接定级规则"
        ordering = ["model", "id"]

    def __str__(self) -> str:
        return self.name


class ModelVersion(models.Model):
    """An immutable snapshot of a model: every grade names the version it was computed with."""

    model = models.ForeignKey(EvaluationModel, verbose_name="模型", on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    definition = models.JSONField("定义")
    published_at = models.DateTimeField("发布时间", auto_now_add=True)

    class Meta:
        verbose_name = "模型版本"
        verbose_name_plural = "模型版本"
        ordering = ["model", "-number"]
        constraints = [models.UniqueConstraint(fields=["model", "number"], name="model_version_number_unique")]

    def __str__(self) -> str:
        return f"{self.model.code} v{self.number}"
