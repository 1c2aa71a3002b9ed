"""Graded supervision (docs/inspections.md): the directories a department draws from — matters, inspection objects,
inspectors —, the credit office's grade → ratio table, and plans whose draws anyone can recompute."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from publiccredit.casework.evidence import EvidenceFile
from publiccredit.core.fields import EncryptedTextField


class InspectionMatter(models.Model):
    """A random-inspection matter (抽查事项) on a department's list."""

    class Method(models.TextChoices):
        ON_SITE = "on_site", "现场检查"
        DOCUMENTS = "documents", "书面检查"
        ONLINE = "online", "网络监测"
        SAMPLING = "sampling", "抽样检测"
        OTHER = "other", "其他"

    department = models.ForeignKey("organizations.Organization", verbose_name="实施部门", on_delete=models.PROTECT,
                                   related_name="inspection_matters")
    code = models.CharField("事项编码", max_length=40)
    name = models.CharField("抽查事项", max_length=200)
    legal_basis = models.TextField("依据")
    method = models.CharField("检查方式", max_length=12, choices=Method.choices, default=Method.ON_SITE)
    object_scope = models.CharField("检查对象范围", max_length=300, blank=True)
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "随机抽查事项"
        verbose_name_plural = "随机抽查事项"
        ordering = ["department_id", "code"]
        constraints = [models.UniqueConstraint(fields=["department", "code"], name="one_matter_code_per_department")]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class ObjectDirectory(models.Model):
    """An inspection object directory (检查对象名录): the market entities a department may inspect, by kind,
    industry (GB/T 4754 codes or their prefixes: "C" a section, "C13" a division), region (code prefixes) and,
    where given, a licence item (subjects holding a licence of it in force). Only registered (存续) entities with a
    unified social credit code are inspection objects."""

    department = models.ForeignKey("organizations.Organization", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="object_directories")
    name = models.CharField("名录名称", max_length=100)
    kinds = models.JSONField("主体类别", default=list, blank=True, help_text="留空为全部单位类别（法人、非法人组织、个体工商户）")
    industry_codes = models.JSONField("行业代码", default=list, blank=True,
                                      help_text="GB/T 4754 门类或大类代码，如 [\"C13\", \"H\"]；留空为不限")
    region_codes = models.JSONField("区划代码", default=list, blank=True,
                                    help_text="区划代码或其前缀，如 [\"361102\"]；留空为不限")
    licence_item = models.ForeignKey("catalog.CatalogItem", verbose_name="许可事项", null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="+",
                                     help_text="只含持有该目录信息项有效许可的主体；留空为不限")
    is_active = models.BooleanField("有效", default=True)

    class Meta:
        verbose_name = "检查对象名录"
        verbose_name_plural = "检查对象名录"
        ordering = ["department_id", "name"]

    def __str__(self) -> str:
        return self.name


class Inspector(models.Model):
    """A law-enforcement inspector (执法检查人员) of a department. ``id`` is the identifier a draw hashes."""

    department = models.ForeignKey("organizations.Organization", verbose_name="部门", on_delete=models.PROTECT,
                                   related_name="inspectors")
    name = models.CharField("姓名", max_length=50)
    certificate_number = models.CharField("执法证号", max_length=40, unique=True)
    domains = models.CharField("执法领域", max_length=200, blank=True)
    is_active = models.BooleanField("在岗", default=True)

    class Meta:
        verbose_name = "执法检查人员"
        verbose_name_plural = "执法检查人员"
        ordering = ["department_id", "certificate_number"]

    def __str__(self) -> str:
        return f"{self.name}（{self.certificate_number}）"


class InspectorConflict(models.Model):
    """A conflict an inspector declared with a subject (回避): the draw never assigns them to it."""

    inspector = models.ForeignKey(Inspector, verbose_name="检查人员", on_delete=models.CASCADE, related_name="conflicts")
    subject = models.ForeignKey("subjects.Subject", verbose_name="信用主体", on_delete=models.PROTECT,
                                related_name="+")
    reason = models.CharField("回避事由", max_length=200)
    declared_on = models.DateField("申报日期", auto_now_add=True)

    class Meta:
        verbose_name = "回避申报"
        verbose_name_plural = "回避申报"
        constraints = [models.UniqueConstraint(fields=["inspector", "subject"], name="one_conflict_per_pair")]

    def __str__(self) -> str:
        return f"{self.inspector} 回避 {self.subject_id}"


class GradeRatio(models.Model):
    """The credit office's table: a grade of the public evaluation → the share of subjects drawn and how often
    (DESIGN: A ≤ 5%, B 5–20%, C 21–60%, D 61–100%). ``grade`` "" is for subjects not yet graded."""

    grade = models.CharField("信用等级", max_length=4, unique=True, blank=True)
    label = models.CharField("说明", max_length=40)
    ratio = models.DecimalField("抽查比例", max_digits=5, decimal_places=4,
                                validators=[MinValueValidator(0), MaxValueValidator(1)],
                                help_text="0到1之间，如 0.05 即 5%")
    frequency = models.CharField("抽查频次", max_length=60, blank=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "信用等级抽查比例"
        verbose_name_plural = "信用等级抽查比例"
        ordering = ["sort_order", "grade"]

    def __str__(self) -> str:
        return f"{self.grade or '未评价'} {self.ratio}"


class SeedField(EncryptedTextField):
    """A draw's seed before it is revealed: encrypted at rest like a contact detail, under its own context."""

    context = b"inspection-seed"


class InspectionPlan(models.Model):
    """A 双随机 plan: drafted, frozen (candidates, grades, inspectors and avoidances fixed and published with the
    seed's commitment), drawn (the seed revealed, the selection and assignment recomputable by anyone)."""

    class State(models.TextChoices):
        DRAFT = "draft", "草拟"
        FROZEN = "frozen", "已冻结待抽取"
        DRAWN = "drawn", "已抽取"

    number = models.CharField("计划编号", max_length=20, unique=True)
    title = models.CharField("计划名称", max_length=200)
    department = models.ForeignKey("organizations.Organization", verbose_name="牵头部门", on_delete=models.PROTECT,
                                   related_name="inspection_plans")
    joint_departments = models.ManyToManyField("organizations.Organization", verbose_name="联合抽查部门", blank=True,
                                               related_name="joint_inspection_plans")
    matters = models.ManyToManyField(InspectionMatter, verbose_name="抽查事项", related_name="plans")
    directory = models.ForeignKey(ObjectDirectory, verbose_name="检查对象名录", on_delete=models.PROTECT,
                                  related_name="plans")
    period_start = models.DateField("检查开始日期")
    period_end = models.DateField("检查结束日期")
    inspectors_per_task = models.PositiveSmallIntegerField("每户检查人员数", default=2)
    state = models.CharField("状态", max_length=8, choices=State.choices, default=State.DRAFT)
    commitment = models.CharField("种子承诺值（SM3）", max_length=64, blank=True)
    seed_sealed = SeedField("抽取种子（密文）", blank=True, editable=False)
    seed = models.CharField("抽取种子", max_length=64, blank=True, help_text="抽取时公开")
    candidates_sha256 = models.CharField("候选名单SHA-256", max_length=64, blank=True)
    candidates_count = models.PositiveIntegerField("候选主体数", default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="制定人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="审批人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    frozen_at = models.DateTimeField("冻结时间", null=True, blank=True)
    drawn_at = models.DateTimeField("抽取时间", null=True, blank=True)

    class Meta:
        verbose_name = "双随机抽查计划"
        verbose_name_plural = "双随机抽查计划"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

    @property
    def is_published(self) -> bool:
        return self.state != self.State.DRAFT


class PlanCandidates(models.Model):
    """The frozen candidate list exactly as published (``candidates.csv``): the draw reads these bytes, so what a
    verifier downloads is what was drawn from."""

    plan = models.OneToOneField(InspectionPlan, verbose_name="计划", on_delete=models.CASCADE, primary_key=True,
                                related_name="candidate_file")
    content = models.BinaryField("候选名单（CSV）")

    class Meta:
        verbose_name = "候选名单"
        verbose_name_plural = "候选名单"

    def __str__(self) -> str:
        return f"{self.plan_id} candidates.csv"


class PlanStratum(models.Model):
    """One grade's share of a frozen plan: its ratio (fixed at freeze), candidates and, after the draw, selected."""

    plan = models.ForeignKey(InspectionPlan, verbose_name="计划", on_delete=models.CASCADE, related_name="strata")
    grade = models.CharField("信用等级", max_length=4, blank=True)
    ratio = models.DecimalField("抽查比例", max_digits=5, decimal_places=4)
    candidates = models.PositiveIntegerField("候选数")
    selected = models.PositiveIntegerField("抽中数", default=0)

    class Meta:
        verbose_name = "分层"
        verbose_name_plural = "分层"
        ordering = ["plan_id", "grade"]
        constraints = [models.UniqueConstraint(fields=["plan", "grade"], name="one_stratum_per_grade")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.grade or '未评价'}"


class PlanInspector(models.Model):
    """An inspector in a frozen plan's pool."""

    plan = models.ForeignKey(InspectionPlan, verbose_name="计划", on_delete=models.CASCADE, related_name="pool")
    inspector = models.ForeignKey(Inspector, verbose_name="检查人员", on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "inspector"], name="one_pool_place_per_inspector")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.inspector_id}"


class PlanExclusion(models.Model):
    """A pair the draw may not put together, fixed at freeze and published (without the declared reason)."""

    class Cause(models.TextChoices):
        DECLARED = "declared", "本人申报回避"
        LAST_PLAN = "last_plan", "上一计划检查过该主体"

    plan = models.ForeignKey(InspectionPlan, verbose_name="计划", on_delete=models.CASCADE, related_name="exclusions")
    inspector = models.ForeignKey(Inspector, verbose_name="检查人员", on_delete=models.PROTECT, related_name="+")
    subject_code = models.CharField("统一社会信用代码", max_length=18)
    cause = models.CharField("原因", max_length=10, choices=Cause.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["plan", "inspector", "subject_code"],
                                               name="one_exclusion_per_pair")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.inspector_id}≠{self.subject_code}"


class InspectionTask(models.Model):
    """A drawn subject of a plan: its key and place in its stratum, and the inspectors assigned to it."""

    plan = models.ForeignKey(InspectionPlan, verbose_name="计划", on_delete=models.CASCADE, related_name="tasks")
    subject = models.ForeignKey("subjects.Subject", verbose_name="检查对象", null=True, blank=True,
                                on_delete=models.PROTECT, related_name="inspection_tasks", db_constraint=False)
    code = models.CharField("统一社会信用代码", max_length=18)
    grade = models.CharField("信用等级", max_length=4, blank=True)
    key = models.CharField("抽取键（HMAC-SM3）", max_length=64)
    rank = models.PositiveIntegerField("层内名次")
    inspectors = models.JSONField("检查人员编号", default=list)

    class Meta:
        verbose_name = "检查任务"
        verbose_name_plural = "检查任务"
        ordering = ["plan_id", "grade", "rank"]
        constraints = [models.UniqueConstraint(fields=["plan", "code"], name="one_task_per_subject_and_plan")]
        indexes = [models.Index(fields=["subject"], name="inspection_task_subject_idx")]

    def __str__(self) -> str:
        return f"{self.plan_id} {self.code}"


class InspectionResult(models.Model):
    """What the inspectors found at a drawn subject (一公开): recorded within ``RESULT_WORKING_DAYS`` working days of
    the inspection and published; a problem found becomes a 行政检查 credit record and, when ordered, a
    rectification."""

    class Outcome(models.TextChoices):
        NO_PROBLEM = "no_problem", "未发现问题"
        RECTIFY = "rectify", "发现问题已责令整改"
        FAILED = "failed", "不合格（发现问题已立案查处）"
        NOT_FOUND = "not_found", "未找到检查对象"
        CLOSED = "closed", "已停业、歇业或注销"

    WORKING_DAYS = 20  # recorded (and so published) within 20 working days of the inspection
    # outcome → the catalog's 检查结果 (JC_JG_JG) of the 行政检查 record it becomes; the others make no record
    RECORDED = {Outcome.RECTIFY: "发现问题已责令整改", Outcome.FAILED: "发现问题已立案查处"}

    task = models.OneToOneField(InspectionTask, verbose_name="检查任务", on_delete=models.PROTECT,
                                related_name="result")
    outcome = models.CharField("检查结果", max_length=12, choices=Outcome.choices)
    inspected_on = models.DateField("检查日期")
    facts = models.TextField("检查情况")
    record = models.ForeignKey("collection.CreditRecord", verbose_name="行政检查记录", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    rectification = models.ForeignKey("rectification.RectificationTask", verbose_name="整改任务", null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="录入人", null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField("录入时间", auto_now_add=True)

    class Meta:
        verbose_name = "检查结果"
        verbose_name_plural = "检查结果"
        ordering = ["-inspected_on", "-id"]

    def __str__(self) -> str:
        return f"{self.task_id} {self.get_outcome_display()}"


class ResultAttachment(EvidenceFile):
    result = models.ForeignKey(InspectionResult, verbose_name="检查结果", on_delete=models.PROTECT,
                               related_name="attachments")

    class Meta(EvidenceFile.Meta):
        verbose_name = "检查材料"
        verbose_name_plural = "检查材料"
