"""Audited writes of configuration rows (regions, organisations, code tables …) made in the admin."""

from django.db import transaction

from publiccredit.audit.services import record_write


def _label(instance) -> str:
    return f"{instance._meta.app_label}.{instance._meta.model_name}"


def save_configuration(*, instance, actor, changed_fields: list[str] | None = None, reason: str = ""):
    """Save a configuration row and append its audit entry in one transaction."""
    with transaction.atomic():
        created = instance._state.adding
        instance.full_clean()
        instance.save()
        record_write(actor=actor, action=f"{_label(instance)}.{'create' if created else 'update'}", target=instance,
                     reason=reason, detail={"changed": sorted(changed_fields or [])})
    return instance


def delete_configuration(*, instance, actor, reason: str = "") -> None:
    with transaction.atomic():
        label, pk, text = _label(instance), instance.pk, str(instance)
        instance.delete()
        record_write(actor=actor, action=f"{label}.delete", target_type=label, target_id=str(pk), target_label=text,
                     reason=reason)
