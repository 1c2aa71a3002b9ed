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


class EvaluationRun(models.Model):
    """One grading of many subjects with one model version, split into chunks of subject ids that workers on several
    machines claim in turn; a killed run is resumed by running its chunks that are not done."""

    class Kind(models.TextChoices):
        FULL = "full", "全量评价"
        INCREMENTAL = "incremental", "增量更新"

    class State(models.TextChoices):
        RUNNING = "running", "进行中"
        DONE = "done", "已完成"
        FAILED = "failed", "有失败的分块"

    version = models.ForeignKey(ModelVersion, verbose_name="模型版本", on_delete=models.PROTECT, related_name="runs")
    kind = models.CharField("类型", max_length=12, choices=Kind.choices, default=Kind.FULL)
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.RUNNING)
    chunk_size = models.PositiveIntegerField("分块大小（主体编号区间）")
    chunks_total = models.PositiveIntegerField("分块数", default=0)
    chunks_done = models.PositiveIntegerField("已完成分块", default=0)
    subjects_graded = models.PositiveIntegerField("已评价主体", default=0)
    as_of = models.DateField("评价基准日")
    started_at = models.DateTimeField("开始时间", auto_now_add=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    requested_by = models.ForeignKey("accounts.User", verbose_name="发起人", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "评价批次"
        verbose_name_plural = "评价批次"
        ordering = ["-started_at"]

    def __str__(self) -> str:
        return f"{self.version} {self.started_at:%Y-%m-%d %H:%M}"


class RunChunk(models.Model):
    class State(models.TextChoices):
        PENDING = "pending", "待处理"
        CLAIMED = "claimed", "处理中"
        DONE = "done", "已完成"
        FAILED = "failed", "失败"

    run = models.ForeignKey(EvaluationRun, verbose_name="评价批次", on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField("序号")
    first_subject_id = models.BigIntegerField("起始主体编号（含）")
    last_subject_id = models.BigIntegerField("截止主体编号（含）")
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField("尝试次数", default=0)
    error = models.TextField("错误", blank=True)
    claimed_at = models.DateTimeField("领取时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)
    subjects = models.PositiveIntegerField("评价主体数", default=0)

    class Meta:
        verbose_name = "评价分块"
        verbose_name_plural = "评价分块"
        ordering = ["run", "number"]
        constraints = [models.UniqueConstraint(fields=["run", "number"], name="chunk_number_unique_in_run")]
        indexes = [models.Index(fields=["run", "state"], name="chunk_run_state_idx")]

    def __str__(self) -> str:
        return f"{self.run_id}#{self.number}"


class EvaluationResult(models.Model):
    """A subject's grade under one model version, with the contributions that make it up: base + the sum of the
    contributions' points is the score (clamped to the model's range). Earlier results stay as the history."""

    # A city's night writes a million results: only the indexes its reads use are kept (a subject's history leads
    # with the subject, current results are found by the unique (model, subject) index) and the references are not
    # checked row by row by the database — results are written by the services alone (docs/evaluation.md, "Speed").
    subject = models.ForeignKey("subjects.Subject", verbose_name="信用主体", on_delete=models.PROTECT,
                                related_name="evaluations", db_constraint=False, db_index=False)
    model = models.ForeignKey(EvaluationModel, verbose_name="模型", on_delete=models.PROTECT, related_name="results",
                              db_constraint=False, db_index=False)
    version = models.ForeignKey(ModelVersion, verbose_name="模型版本", on_delete=models.PROTECT, related_name="results",
                                db_constraint=False, db_index=False)
    run = models.ForeignKey(EvaluationRun, verbose_name="评价批次", null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="results", db_constraint=False, db_index=False)
    score = models.DecimalField("得分", max_digits=8, decimal_places=2)
    grade = models.CharField("等级", max_length=4)
    base = models.DecimalField("基础分", max_digits=8, decimal_places=2)
    contributions = models.JSONField("各项得分", default=list)
    capped_by = models.CharField("直接定级规则", max_length=200, blank=True)
    digest = models.CharField("结果摘要", max_length=32, blank=True, editable=False,
                              help_text="版本、得分、等级、直接定级规则和各项得分的摘要：重新评价时据此判断结果是否变化")
    as_of = models.DateField("评价基准日")
    computed_at = models.DateTimeField("计算时间")
    is_current = models.BooleanField("当前结果", default=True)

    class Meta:
        verbose_name = "评价结果"
        verbose_name_plural = "评价结果"
        ordering = ["-computed_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["model", "subject"], condition=models.Q(is_current=True),
                                               name="one_current_result_per_model")]
        indexes = [models.Index(fields=["subject", "model", "computed_at"], name="result_history_idx")]

    def __str__(self) -> str:
        return f"{self.subject_id} {self.grade}"
