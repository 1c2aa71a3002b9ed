from celery import shared_task

from publiccredit.accounts.models import User
from publiccredit.audit.context import channel
from publiccredit.catalog.models import CatalogItem


@shared_task(name="collection.import_uploaded_file")
def import_uploaded_file(*, item_id: int, provider_id: int, user_id: int, path: str, original_name: str,
                         dry_run: bool, atomic: bool) -> int:
    """Import an uploaded file on a worker; returns the batch id. The plaintext upload never outlives the import:
    it is kept encrypted beside its batch, or deleted when the file could not be used."""
    from pathlib import Path

    from publiccredit.organizations.models import Organization

    from .models import Batch
    from .services import import_file
    from .sources import keep_source

    try:
        with channel("web"):
            result = import_file(item=CatalogItem.objects.get(pk=item_id),
                                 provider=Organization.objects.get(pk=provider_id), path=path,
                                 actor=User.objects.get(pk=user_id), channel=Batch.Channel.UPLOAD, dry_run=dry_run,
                                 atomic=atomic, original_name=original_name)
        keep_source(batch=result.batch, plaintext=Path(path))
    finally:
        Path(path).unlink(missing_ok=True)
    return result.batch.pk


@shared_task(name="collection.prune_sources")
def prune_source_files() -> int:
    from .sources import prune_sources

    return prune_sources()


@shared_task(name="collection.check_records")
def check_records() -> dict:
    """The nightly integrity check (beat): altered records and dangling links are logged as errors and written to
    the audit log, where the auditor sees them (docs/operations.md)."""
    import logging

    from publiccredit.audit.services import record_write

    from .integrity import altered_records, dangling_links

    altered = [record.id for record in altered_records()]
    dangling = dangling_links()
    if altered or dangling:
        logging.getLogger("publiccredit.integrity").error("信用记录完整性检查发现问题：%d 条记录内容被改动，%d 类关联缺失",
                                                          len(altered), len(dangling))
        with channel("system"):
            record_write(actor=None, action="collection.records.integrity_failed", target=None,
                         detail={"altered": altered[:1000], "altered_count": len(altered),
                                 "dangling": [[label, count] for label, count in dangling]})
    return {"altered": len(altered), "dangling": len(dangling)}
