from django.db import models

from publiccredit.core.validators import validate_uscc


class Region(models.Model):
    """An administrative division (GB/T 2260 code) or a functional zone with an internal code."""

    class Level(models.TextChoices):
        CITY = "city", "设区市"
        COUNTY = "county", "县（市、区）"
        ZONE = "zone", "功能区"

    code = models.CharField("区划代码", max_length=12, unique=True)
    name = models.CharField("名称", max_length=50)
    level = models.CharField("层级", max_length=8, choices=Level.choices)
    parent = models.ForeignKey("self", verbose_name="上级区划", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    is_gb_code = models.BooleanField("国标区划代码", default=True,
                                     help_text="功能区没有 GB/T 2260 代码，使用平台内部代码")
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "行政区划"
        verbose_name_plural = "行政区划"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name


class Organization(models.Model):
    """A government body that provides, uses or manages credit information (单位)."""

    class Kind(models.TextChoices):
        CREDIT_OFFICE = "credit_office", "信用主管部门"
        DEPARTMENT = "department", "市直部门"
        COURT = "court", "司法机关"
        COUNTY = "county", "县（市、区）"
        ZONE = "zone", "功能区管委会"
        ASSOCIATION = "association", "行业协会商会"
        AGENCY = "agency", "信用服务机构"
        OTHER = "other", "其他单位"

    code = models.CharField("统一社会信用代码", max_length=18, unique=True, validators=[validate_uscc])
    name = models.CharField("单位名称", max_length=200, unique=True)
    short_name = models.CharField("简称", max_length=50, blank=True)
    kind = models.CharField("单位类别", max_length=16, choices=Kind.choices)
    region = models.ForeignKey(Region, verbose_name="所属区划", on_delete=models.PROTECT, related_name="organizations")
    parent = models.ForeignKey("self", verbose_name="上级单位", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="children")
    is_active = models.BooleanField("启用", default=True)
    sort_order = models.PositiveSmallIntegerField("排序", default=0)

    class Meta:
        verbose_name = "单位"
        verbose_name_plural = "单位"
        ordering = ["sort_order", "code"]

    def __str__(self) -> str:
        return self.name
