"""The resource catalog (信用信息资源目录): which credit information exists, who provides it, its fields, how public
it is and for how long. Information outside the catalog may not enter a credit file.

Items are edited in the admin; each change to what validation depends on publishes a new immutable version, and
every record keeps the version it was checked against.
"""

from django.db import models

from publiccredit.organizations.models import Organization


class Severity(models.TextChoices):
    MINOR = "minor", "轻微"
    GENERAL = "general", "一般"
    SERIOUS = "serious", "严重"


class Category(models.Model):
    code = models.CharField("编号", max_length=10, unique=True)
    name = models.CharField("类别名称", max_length=100, unique=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "目录类别"
        verbose_name_plural = "目录类别"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class CatalogItem(models.Model):
    class Disclosure(models.TextChoices):
        PUBLIC = "public", "社会公开"
        AUTHORIZED = "authorized", "授权查询"
        GOVERNMENT = "government", "政务共享"

    class Nature(models.TextChoices):
        POSITIVE = "positive", "守信（正面）"
        NEGATIVE = "negative", "失信（负面）"
        NEUTRAL = "neutral", "中性"

    class Cycle(models.TextChoices):
        REALTIME = "realtime", "实时"
        DAILY = "daily", "每日"
        WEEKLY = "weekly", "每周"
        MONTHLY = "monthly", "每月"
        QUARTERLY = "quarterly", "每季度"
        YEARLY = "yearly", "每年"

    class PortalColumn(models.TextChoices):
        LICENSE = "license", "行政许可"
        PENALTY = "penalty", "行政处罚"
        LIST = "list", "名单信息"
        HONOR = "honor", "守信激励"
        OTHER = "other", "其他信息"

    code = models.SlugField("信息项代码", max_length=50, unique=True, help_text="接口和导入命令中使用，如 penalty")
    name = models.CharField("信息项名称", max_length=100)
    category = models.ForeignKey(Category, verbose_name="类别", on_delete=models.PROTECT, related_name="items")
    description = models.TextField("说明", blank=True)
    disclosure = models.CharField("公开属性", max_length=12, choices=Disclosure.choices)
    nature = models.CharField("信息性质", max_length=10, choices=Nature.choices)
    default_severity = models.CharField("默认失信程度", max_length=10, choices=Severity.choices, blank=True,
                                        help_text="仅失信信息；可由下方失信程度规则细化")
    reporting_cycle = models.CharField("报送周期", max_length=10, choices=Cycle.choices, default=Cycle.REALTIME)
    deadline_working_days = models.PositiveSmallIntegerField(
        "报送时限（工作日）", null=True, blank=True, help_text="自决定之日起；双公示为 7 个工作日")
    providers = models.ManyToManyField(Organization, verbose_name="报送单位", blank=True, related_name="catalog_items",
                                       help_text="留空表示任何单位均可报送")
    relay_providers = models.ManyToManyField(
        Organization, verbose_name="代报单位", blank=True, related_name="relayed_catalog_items",
        help_text="可报送其他机关作出的决定的单位（如县（市、区）发改委代报本县各机关、市大数据局作为中转）；"
                  "代报单位只能报送本区划内机关作出的决定，其他单位只能报送本单位作出的决定")
    portal_column = models.CharField(
        "网站栏目", max_length=10, choices=PortalColumn.choices, default=PortalColumn.OTHER,
        help_text="社会公开的记录在信用网站和信用档案中归入的栏目：行政许可、行政处罚进入“双公示”栏目")
    repairable = models.BooleanField(
        "可申请信用修复", default=True,
        help_text="失信被执行人等由作出机关按其规定移出的信息，不通过信用修复办理")
    is_active = models.BooleanField("启用", default=True)
    is_builtin = models.BooleanField("内置", default=False, editable=False)
    current_version = models.ForeignKey("CatalogItemVersion", verbose_name="当前版本", null=True, blank=True,
                                        on_delete=models.PROTECT, related_name="+", editable=False)

    class Meta:
        verbose_name = "目录信息项"
        verbose_name_plural = "目录信息项"
        ordering = ["category__sort_order", "code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class ItemField(models.Model):
    class Type(models.TextChoices):
        STRING = "string", "字符"
        DATE = "date", "日期"
        INTEGER = "integer", "整数"
        DECIMAL = "decimal", "浮点"
        ENUM = "enum", "枚举"
        SET = "set", "集合"

    class Role(models.TextChoices):
        DECISION_NUMBER = "decision_number", "决定文书号（业务主键）"
        PARTY_NAME = "party_name", "相对人名称"
        PARTY_CATEGORY = "party_category", "相对人类别"
        PARTY_USCC = "party_uscc", "相对人统一社会信用代码"
        PARTY_ID_TYPE = "party_id_type", "相对人证件类型"
        PARTY_ID_NUMBER = "party_id_number", "相对人证件号码"
        REPRESENTATIVE_NAME = "representative_name", "法定代表人"
        REPRESENTATIVE_ID_NUMBER = "representative_id_number", "法定代表人证件号码"
        DECISION_DATE = "decision_date", "决定日期"
        VALID_FROM = "valid_from", "有效期自"
        VALID_UNTIL = "valid_until", "有效期至"
        PUBLICITY_UNTIL = "publicity_until", "公示截止期"
        AUTHORITY_NAME = "authority_name", "决定机关"
        AUTHORITY_CODE = "authority_code", "决定机关统一社会信用代码"
        SOURCE_NAME = "source_name", "数据来源单位"
        SOURCE_CODE = "source_code", "数据来源单位统一社会信用代码"
        AMOUNT = "amount", "金额（万元）"

    item = models.ForeignKey(CatalogItem, verbose_name="信息项", on_delete=models.CASCADE, related_name="fields")
    sort_order = models.PositiveSmallIntegerField("顺序", default=0)
    code = models.CharField("字段代码", max_length=30)
    name = models.CharField("字段名称", max_length=60)
    type = models.CharField("类型", max_length=8, choices=Type.choices, default=Type.STRING)
    max_length = models.PositiveIntegerField("最大长度", null=True, blank=True)
    required = models.BooleanField("必填", default=False)
    choices = models.JSONField("代码表", default=list, blank=True, help_text="枚举/集合的可选值，JSON 数组")
    role = models.CharField("业务含义", max_length=30, choices=Role.choices, blank=True)
    help_text = models.CharField("填报说明", max_length=300, blank=True)

    class Meta:
        verbose_name = "字段"
        verbose_name_plural = "字段"
        ordering = ["item", "sort_order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["item", "code"], name="field_code_unique_in_item"),
            models.UniqueConstraint(fields=["item", "name"], name="field_name_unique_in_item"),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class SeverityRule(models.Model):
    """The first matching rule (in order) sets a record's severity; all its conditions must hold.

    A condition is ``{"field": "CF_CFLB", "op": "any_in"|"all_in"|"gte"|"lt"|"eq", "value": ...}``.
    """

    item = models.ForeignKey(CatalogItem, verbose_name="信息项", on_delete=models.CASCADE, related_name="severity_rules")
    sort_order = models.PositiveSmallIntegerField("顺序", default=0)
    severity = models.CharField("失信程度", max_length=10, choices=Severity.choices)
    conditions = models.JSONField("条件", default=list)
    description = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        verbose_name = "失信程度规则"
        verbose_name_plural = "失信程度规则"
        ordering = ["item", "sort_order", "id"]

    def __str__(self) -> str:
        return self.description or self.get_severity_display()


class PublicityPeriod(models.Model):
    """How long dishonesty information of a severity is published (国办发〔2025〕22号): a city-wide default row has
    no item; an item may override it."""

    item = models.ForeignKey(CatalogItem, verbose_name="信息项", null=True, blank=True, on_delete=models.CASCADE,
                             related_name="publicity_periods", help_text="留空为全市默认")
    severity = models.CharField("失信程度", max_length=10, choices=Severity.choices)
    published = models.BooleanField("向社会公示", default=True)
    min_months = models.PositiveSmallIntegerField("最短公示期（月）", help_text="期满后可申请信用修复")
    max_months = models.PositiveSmallIntegerField("最长公示期（月）", help_text="期满自动停止公示")

    class Meta:
        verbose_name = "公示期限"
        verbose_name_plural = "公示期限"
        ordering = ["item", "severity"]
        constraints = [
            models.UniqueConstraint(fields=["item", "severity"], name="one_period_per_item_and_severity"),
            models.UniqueConstraint(fields=["severity"], condition=models.Q(item__isnull=True),
                                    name="one_default_period_per_severity"),
        ]

    def __str__(self) -> str:
        return f"{self.get_severity_display()}：{self.min_months}–{self.max_months}个月"


class CatalogItemVersion(models.Model):
    """An immutable snapshot of everything validation and publicity depend on."""

    item = models.ForeignKey(CatalogItem, verbose_name="信息项", on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField("版本号")
    schema = models.JSONField("定义")
    created_at = models.DateTimeField("发布时间", auto_now_add=True)

    class Meta:
        verbose_name = "目录版本"
        verbose_name_plural = "目录版本"
        ordering = ["item", "-number"]
        constraints = [models.UniqueConstraint(fields=["item", "number"], name="version_number_unique_in_item")]

    def __str__(self) -> str:
        return f"{self.item.code} v{self.number}"
