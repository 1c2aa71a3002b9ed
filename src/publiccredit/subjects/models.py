"""The subject registry (主体库): one row per market entity or person, keyed by its code."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from publiccredit.core.fields import EncryptedTextField
from publiccredit.core.masking import mask_person_name


class SubjectScope(models.TextChoices):
    """Which subjects a rule or measure is meant for; a measure for persons never reaches an enterprise."""

    ALL = "all", "单位和自然人"
    ORGANIZATIONS = "organizations", "仅单位（含个体工商户）"
    PERSONS = "persons", "仅自然人"

    @classmethod
    def reaching(cls, *, is_person: bool) -> list[str]:
        """The scopes that reach a subject of this kind."""
        return [cls.ALL, cls.PERSONS if is_person else cls.ORGANIZATIONS]


class Industry(models.Model):
    """GB/T 4754-2017 national economic industry classification: sections (A–T) and divisions (e.g. C13)."""

    code = models.CharField("行业代码", max_length=5, unique=True)
    name = models.CharField("行业名称", max_length=100)
    parent = models.ForeignKey("self", verbose_name="门类", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")

    class Meta:
        verbose_name = "国民经济行业"
        verbose_name_plural = "国民经济行业"
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class Subject(models.Model):
    class Kind(models.TextChoices):
        LEGAL_PERSON = "legal_person", "法人"
        UNINCORPORATED = "unincorporated", "非法人组织"
        INDIVIDUAL_BUSINESS = "individual_business", "个体工商户"
        NATURAL_PERSON = "natural_person", "自然人"

    class Status(models.TextChoices):
        ACTIVE = "active", "存续"
        CANCELLED = "cancelled", "注销"
        REVOKED = "revoked", "吊销"

    kind = models.CharField("主体类别", max_length=20, choices=Kind.choices, db_index=True)
    uscc = models.CharField("统一社会信用代码", max_length=18, null=True, blank=True, unique=True)
    id_cipher = models.TextField("身份证号码密文（SM4）", blank=True, editable=False)
    id_hash = models.CharField("身份证号码查找哈希（HMAC-SM3）", max_length=64, null=True, blank=True, unique=True,
                               editable=False)
    id_masked = models.CharField("身份证号码", max_length=18, blank=True, editable=False)
    name = models.CharField("名称", max_length=200)
    name_normalized = models.CharField("规范化名称", max_length=200, db_index=True, editable=False)
    region = models.ForeignKey("organizations.Region", verbose_name="所属区划", null=True, blank=True,
                               on_delete=models.PROTECT, related_name="subjects")
    industry = models.ForeignKey(Industry, verbose_name="行业", null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="subjects")
    status = models.CharField("登记状态", max_length=10, choices=Status.choices, default=Status.ACTIVE)
    established_on = models.DateField("成立日期", null=True, blank=True)
    registered_capital = models.DecimalField("注册资本（万元）", max_digits=14, decimal_places=2, null=True, blank=True)
    address = models.CharField("住所", max_length=300, blank=True)
    created_at = models.DateTimeField("入库时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = "信用主体"
        verbose_name_plural = "信用主体"
        ordering = ["id"]
        permissions = [("reveal_citizen_id", "可查看完整身份证号码（需说明事由，留痕）")]
        constraints = [
            models.CheckConstraint(
                name="subject_identified_by_its_kind_of_code",
                condition=(Q(kind="natural_person", id_hash__isnull=False, uscc__isnull=True)
                           | (~Q(kind="natural_person") & Q(uscc__isnull=False, id_hash__isnull=True))),
            ),
        ]
        indexes = [models.Index(fields=["region", "kind"])]

    def __str__(self) -> str:
        return f"{self.display_name}（{self.code}）"

    @property
    def is_person(self) -> bool:
        return self.kind == self.Kind.NATURAL_PERSON

    @property
    def code(self) -> str:
        """The code shown for the subject: its USCC, or for a person the masked ID number."""
        return self.id_masked if self.is_person else (self.uscc or "")

    @property
    def display_name(self) -> str:
        return self.name

    @property
    def public_name(self) -> str:
        """The name as shown to the public: persons' names are masked."""
        return mask_person_name(self.name) if self.is_person else self.name

    def current_representative(self, role: str = "legal_representative"):
        link = self.representatives.filter(role=role, until__isnull=True).select_related("person").first()
        return link.person if link else None


class SubjectName(models.Model):
    """Every name a subject has had, with the period it was used (name history)."""

    subject = models.ForeignKey(Subject, verbose_name="主体", on_delete=models.PROTECT, related_name="names")
    name = models.CharField("名称", max_length=200)
    name_normalized = models.CharField("规范化名称", max_length=200, db_index=True)
    valid_from = models.DateField("启用日期", null=True, blank=True)
    valid_to = models.DateField("停用日期", null=True, blank=True)
    recorded_at = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "主体名称（含曾用名）"
        verbose_name_plural = "主体名称（含曾用名）"
        ordering = ["subject", "-valid_from", "-id"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_current(self) -> bool:
        return self.valid_to is None


class Representative(models.Model):
    """A person's responsibility for an organisation: legal representative, person in charge, actual controller."""

    class Role(models.TextChoices):
        LEGAL_REPRESENTATIVE = "legal_representative", "法定代表人"
        PERSON_IN_CHARGE = "person_in_charge", "负责人"
        OPERATOR = "operator", "经营者"
        ACTUAL_CONTROLLER = "actual_controller", "实际控制人"

    organization = models.ForeignKey(Subject, verbose_name="单位主体", on_delete=models.PROTECT,
                                     related_name="representatives")
    person = models.ForeignKey(Subject, verbose_name="自然人", on_delete=models.PROTECT, related_name="represents")
    role = models.CharField("身份", max_length=24, choices=Role.choices, default=Role.LEGAL_REPRESENTATIVE)
    since = models.DateField("起始日期", null=True, blank=True)
    until = models.DateField("终止日期", null=True, blank=True)

    class Meta:
        verbose_name = "法定代表人等责任人"
        verbose_name_plural = "法定代表人等责任人"
        constraints = [
            models.UniqueConstraint(fields=["organization", "role"], condition=Q(until__isnull=True),
                                    name="one_current_representative_per_role"),
        ]
        indexes = [models.Index(fields=["person", "role"])]

    def __str__(self) -> str:
        return f"{self.organization.name} {self.get_role_display()} {self.person.public_name}"


class RegisteredContact(models.Model):
    """The mobile number a subject registered with the authorities (an enterprise's liaison 联络员 on its registration,
    a person's own number with the government service account). A one-time code sent to it binds a portal account
    to the subject without a visit to the window. Only the masked number is ever shown."""

    subject = models.OneToOneField(Subject, verbose_name="信用主体", primary_key=True, on_delete=models.PROTECT,
                                   related_name="registered_contact")
    phone = EncryptedTextField("登记手机号码")
    phone_masked = models.CharField("登记手机号码", max_length=20, editable=False)
    source = models.CharField("来源", max_length=100)
    updated_at = models.DateTimeField("更新时间", auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="更新人", null=True, blank=True,
                                   on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = "登记联系电话"
        verbose_name_plural = "登记联系电话"

    def __str__(self) -> str:
        return f"{self.subject_id} {self.phone_masked}"
