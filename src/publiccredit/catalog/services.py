"""Publishing catalog versions. Whatever validation and publicity depend on is frozen in a version."""

from django.db import transaction

from publiccredit.audit.services import record_write

from .builtins import schema_from_definition
from .models import CatalogItem, CatalogItemVersion, PublicityPeriod


def effective_periods(item: CatalogItem) -> dict:
    periods = {p.severity: {"published": p.published, "min_months": p.min_months, "max_months": p.max_months}
               for p in PublicityPeriod.objects.filter(item__isnull=True)}
    for p in item.publicity_periods.all():
        periods[p.severity] = {"published": p.published, "min_months": p.min_months, "max_months": p.max_months}
    return periods


def definition_of(item: CatalogItem) -> dict:
    return {
        "code": item.code, "name": item.name, "category": item.category.code, "disclosure": item.disclosure,
        "nature": item.nature, "default_severity": item.default_severity,
        "deadline_working_days": item.deadline_working_days,
        "fields": [{"code": f.code, "name": f.name, "type": f.type, "max_length": f.max_length, "required": f.required,
                    "choices": list(f.choices or []), "role": f.role} for f in item.fields.order_by("sort_order", "id")],
        "severity_rules": [{"severity": r.severity, "conditions": r.conditions}
                           for r in item.severity_rules.order_by("sort_order", "id")],
    }


def publish_version(*, item: CatalogItem, actor, reason: str = "") -> CatalogItemVersion:
    """Freeze the item's current definition as a new version, unless it equals the current one."""
    schema = schema_from_definition(definition_of(item), effective_periods(item))
    with transaction.atomic():
        item = CatalogItem.objects.select_for_update().get(pk=item.pk)
        current = item.current_version
        if current is not None and current.schema == schema:
            return current
        number = (current.number if current else 0) + 1
        version = CatalogItemVersion.objects.create(item=item, number=number, schema=schema)
        item.current_version = version
        item.save(update_fields=["current_version"])
        record_write(actor=actor, action="catalog.item.version", target=item, reason=reason,
                     detail={"version": number, "fields": len(schema["fields"])})
    return version
