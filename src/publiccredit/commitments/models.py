"""Credit commitments (docs/commitments.md): the templates a department offers per administrative matter and type,
the eligibility rules (data the credit office edits), and the commitments subjects sign, with their fulfilment."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from publiccredit.accounts.scoping import DepartmentWorkQuerySet
from publiccredit.core.audience import AudienceQuerySet


class CommitmentType(models.TextChoices):
    """The national data standard's type codes (承诺类型)."""

    APPROVAL = "1", "审批替代型"
    TOLERANCE = "2", "容缺受理型"
    CERTIFICATION = "3", "证明事项型"
    REPAIR = "4", "信用修复型"
    SELF_DISCIPLINE = "5", "行业自律型"
    VOLUNTARY = "6", "主动型"
    OTHER = "0", "其他"


class Disclosure(models.TextChoices):
    PUBLIC = "public", "可向社会公开"
    RESTRICTED = "restricted", "特定范围内公开"
    PRIVATE = "private", "不可公开"


class CommitmentTemplate(models.Model):
    """A standard commitment (承诺书) of a department for one administrative matter and type: what the subject
    promises, the conditions, the liability for breach, how long it holds and who may see the signed ones."""

    code = models.SlugField("模板编码", max_length=40, unique=True)
    department = models.ForeignKey("organizations.Organization", verbose_name="受理部门", on_delete=models.PROTECT,
                                   related_name="commitment_templates")
    matter_code = models.CharField("事项编码", max_length=60)
    matter_name = models.CharField("行政事项", max_length=200)
    type = models.CharField("承诺类型", max_length=1, choices=CommitmentType.choices)
    title = models.CharField("承诺书名称", max_length=200)
    reason = models.CharField("承诺事由", max_length=512)
    content = models.TextField("承诺内容", max_length=4000)
    conditions = models.TextField("承诺的条件", blank=True, help_text="主体承诺已经具备的条件，每行一项")
    liability = models.TextField("违诺责任", max_length=4000)
    validity_months = models.PositiveSmallIntegerField("有效期（月）", default=12)
    disclosure = models.CharField("公开类型", max_length=10, choices=Disclosure.choices, default=Disclosure.PUBLIC)
    review_share = models.DecimalField("复核比例", max_digits=4, decimal_places=3, default=0,
                                       help_text="审批替代型：按此比例抽取已办结的承诺复核，如 0.1 即 10%；0 为不抽取")
    review_months = models.PositiveSmallIntegerField("复核期限（月）", default=3,
                                                     help_text="自承诺作出之日起该月数内完成复核")
    supply_working_days = models.PositiveSmallIntegerField(
        "容缺材料补正期限（工作日）", default=10, help_text="容缺受理型：补齐容缺材料的期限，不超过事项本身的办理时限")
    high_risk = models.BooleanField("高风险事项", default=False,
                                    help_text="直接涉及公共安全、生态环境和人民群众生命健康的事项不适用告知承诺")
    is_active = models.BooleanField("发布", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "信用承诺模板"
        verbose_name_plural = "信用承诺模板"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.matter_name}（{self.get_type_display()}）"

    @property
    def condition_list(self) -> list[str]:
        return [line.strip() for line in self.conditions.splitlines() if line.strip()]


RULES_CACHE_KEY = "commitments:eligibility-rules"  # the active rules and their ids, cached by services.active_rules


class EligibilityRule(models.Model):
    """Who may not sign a commitment of the types it names (国办发〔2020〕42号), as data the credit office edits."""

    class Check(models.TextChoices):
        LISTED = "listed", "在严重失信主体名单等负面名单内"
        SERIOUS_RECORD = "serious_record", "有未修复的严重失信记录"
        FALSE_COMMITMENT = "false_commitment", "曾作出虚假承诺或未履行承诺"
        HIGH_RISK = "high_risk", "高风险事项不适用告知承诺"
        GRADE = "grade", "公共信用综合评价等级不符合"

    code = models.SlugField("规则编码", max_length=40, unique=True)
    kind = models.CharField("检查内容", max_length=20, choices=Check.choices)
    types = models.CharField("适用承诺类型", max_length=20, help_text="类型代码，如“1,2,3”；留空为全部类型")
    grades = models.CharField("不适用的评价等级", max_length=20, blank=True,
                              help_text="“公共信用综合评价等级不符合”：不适用的等级，如“C,D”；红名单主体不受此限")
    within_months = models.PositiveSmallIntegerField("追溯期（月）", default=36,
                                                     help_text="“曾作出虚假承诺或未履行承诺”追溯的月数")
    message = models.CharField("不符合时的说明", max_length=300)
    legal_basis = models.CharField("依据", max_length=300, blank=True)
    is_active = models.BooleanField("启用", default=True)

    class Meta:
        verbose_name = "承诺适用规则"
        verbose_name_plural = "承诺适用规则"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.get_kind_display()

    def applies_to(self, commitment_type: str) -> bool:
        wanted = _codes(self.types)
        return not wanted or commitment_type in wanted

    @property
    def grade_set(self) -> set[str]:
        return _codes(self.grades)


def _codes(text: str) -> set[str]:
    return {part.strip().upper() for part in str(text or "").replace("，", ",").replace("、", ",").split(",")
            if part.strip()}


class CommitmentQuerySet(DepartmentWorkQuerySet, AudienceQuerySet):
    """Reads for a reader go through ``visible_to``, ``restrict`` or ``handled_by`` (docs/architecture.md)."""

    def condition(self, audience, *, today=None):
        from .visibility import commitment_condition

        return commitment_condition(audience)


class Commitment(models.Model):
    """A signed commitment (national data standard fields), its matter's decision and its fulfilment."""

    class State(models.TextChoices):
        SIGNED = "signed", "已作出"
        WITHDRAWN = "withdrawn", "已撤回"
        DECIDED = "decided", "事项已办结"

    class Fulfilment(models.TextChoices):
        PENDING = "", "履行中"
        FULL = "full", "全部履行"
        PARTIAL = "partial", "部分履行"
        NONE = "none", "全部未履行"

    class Channel(models.TextChoices):
        PORTAL = "portal", "网上签署"
        WINDOW = "window", "窗口签署"
        API = "api", "业务系统"

    BREACHES = (Fulfilment.PARTIAL, Fulfilment.NONE)

    number = models.CharField("承诺编码", max_length=20, unique=True)
    template = models.ForeignKey(CommitmentTemplate, verbose_name="承诺模板", on_delete=models.PROTECT,
                                 related_name="commitments")
    subject = models.ForeignKey("subjects.Subject", verbose_name="承诺人", on_delete=models.PROTECT,
                                related_name="commitments")
    committer_name = models.CharField("承诺人名称", max_length=200)
    committer_category = models.CharField("承诺人类别", max_length=20)
    committer_code = models.CharField("承诺人代码", max_length=18)
    department = models.ForeignKey("organizations.Organization", verbose_name="承诺受理单位", on_delete=models.PROTECT,
                                   related_name="commitments")
    type = models.CharField("承诺类型", max_length=1, choices=CommitmentType.choices)
    reason = models.CharField("承诺事由", max_length=512)
    content = models.TextField("承诺内容", max_length=4000)
    liability = models.TextField("违诺责任", max_length=4000)
    made_on = models.DateField("作出日期")
    valid_until = models.DateField("有效期至")
    disclosure = models.CharField("公开类型", max_length=10, choices=Disclosure.choices)
    case_reference = models.CharField("办件编号", max_length=60, blank=True)
    channel = models.CharField("签署渠道", max_length=8, choices=Channel.choices)
    state = models.CharField("状态", max_length=10, choices=State.choices, default=State.SIGNED)
    fulfilment = models.CharField("履行状态", max_length=8, choices=Fulfilment.choices, blank=True)
    unfulfilled = models.TextField("未履行的承诺内容", blank=True)
    pursued = models.TextField("违诺责任追究内容", blank=True)
    determined_on = models.DateField("认定日期", null=True, blank=True)
    determined_by = models.ForeignKey("organizations.Organization", verbose_name="认定单位", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    breach_record = models.ForeignKey("collection.CreditRecord", verbose_name="违诺记录", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    review_due = models.DateField("复核期限", null=True, blank=True,
                                  help_text="被抽中复核的，受理单位应于此日前核查并认定履行情况")
    flagged_record = models.ForeignKey("collection.CreditRecord", verbose_name="有效期内的处罚（待确认）", null=True,
                                       blank=True, on_delete=models.PROTECT, related_name="+",
                                       help_text="有效期内受理单位对承诺人作出行政处罚，待确认是否违背承诺")
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="签署或经办人", null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = "信用承诺"
        verbose_name_plural = "信用承诺"
        ordering = ["-made_on", "-id"]
        indexes = [models.Index(fields=["subject", "-made_on"], name="commitment_subject_idx"),
                   models.Index(fields=["disclosure", "state", "-made_on"], name="commitment_column_idx")]
        constraints = [models.UniqueConstraint(fields=["subject", "template", "case_reference"],
                                               condition=Q(state="signed"), name="one_open_commitment_per_matter")]
        permissions = [("manage_commitments", "受理信用承诺、认定履约情况")]

    def __str__(self) -> str:
        return self.number


class GreenChannelDecision(models.Model):
    """A 容缺受理 decision (docs/commitments.md, "Green channel"): the main materials complete, some missing; when the
    subject is eligible it signs the matter's 容缺受理型 commitment and must supply the missing materials by
    ``supply_by`` (working days); the department records the supply or the lapse, and a lapse is a breach."""

    class State(models.TextChoices):
        REFUSED = "refused", "不予容缺受理"
        AWAITING = "awaiting", "容缺受理，待补齐材料"
        SUPPLIED = "supplied", "已补齐材料"
        LAPSED = "lapsed", "逾期未补齐（终止办理）"

    subject = models.ForeignKey("subjects.Subject", verbose_name="申请人", on_delete=models.PROTECT,
                                related_name="green_channel_decisions")
    template = models.ForeignKey(CommitmentTemplate, verbose_name="容缺受理承诺书", on_delete=models.PROTECT,
                                 related_name="green_channel_decisions")
    missing = models.JSONField("容缺材料", default=list)
    eligible = models.BooleanField("可容缺受理")
    reasons = models.JSONField("不予容缺受理的原因", default=list, blank=True)
    supply_by = models.DateField("补齐期限", null=True, blank=True)
    commitment = models.OneToOneField(Commitment, verbose_name="容缺受理承诺", null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="green_channel")
    state = models.CharField("状态", max_length=10, choices=State.choices)
    concluded_on = models.DateField("办结日期", null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="经办人或系统", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")
    decided_at = models.DateTimeField("决定时间", auto_now_add=True)

    class Meta:
        verbose_name = "容缺受理决定"
        verbose_name_plural = "容缺受理决定"
        ordering = ["-decided_at", "-id"]
        indexes = [models.Index(fields=["state", "supply_by"], name="green_channel_due_idx")]

    def __str__(self) -> str:
        return f"{self.subject_id} {self.get_state_display()}"
