"""The files departments upload, kept encrypted for a retention period and then deleted (docs/collection.md
"原始文件"). A delivered file holds ID and mobile numbers in clear; once imported, only its SM4-GCM ciphertext is
kept, so that the batch can be checked against what was sent, and not for ever."""

import datetime as dt
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from publiccredit.audit.services import record_read, record_write
from publiccredit.core.crypto import decrypt_file, encrypt_file

from .models import Batch

CONTEXT = b"collection-source-file"


def sources_folder() -> Path:
    return Path(settings.MEDIA_ROOT) / "sources"


def keep_source(*, batch: Batch, plaintext: Path, today: dt.date | None = None) -> None:
    """Encrypt the uploaded file beside its batch and delete the plaintext."""
    today = today or timezone.localdate()
    folder = sources_folder()
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"batch-{batch.pk}{Path(batch.file_name).suffix.lower() or '.csv'}.enc"
    with Path(plaintext).open("rb") as source, target.open("wb") as encrypted:
        encrypt_file(source, encrypted, context=CONTEXT + f":{batch.pk}".encode())
    target.chmod(0o600)
    Batch.objects.filter(pk=batch.pk).update(
        source_file=str(target.relative_to(settings.MEDIA_ROOT)),
        source_kept_until=today + dt.timedelta(days=settings.SOURCE_RETENTION_DAYS))
    Path(plaintext).unlink(missing_ok=True)


def source_blocks(*, batch: Batch, actor):
    """The original file, decrypted in blocks, for an audited download (raises DecryptionError if altered)."""
    record_read(actor=actor, action="collection.batch_source.read", target=batch,
                detail={"file_name": batch.file_name})
    handle = (Path(settings.MEDIA_ROOT) / batch.source_file).open("rb")

    def blocks():
        with handle:
            yield from decrypt_file(handle, context=CONTEXT + f":{batch.pk}".encode())

    return blocks()


def prune_sources(*, today: dt.date | None = None) -> int:
    """Delete every kept file past its retention date (Celery beat ``collection.prune_sources``, daily, and
    ``publiccredit prune-sources``). Re-running deletes nothing twice."""
    today = today or timezone.localdate()
    pruned = 0
    for batch in Batch.objects.filter(source_kept_until__lt=today).exclude(source_file="").iterator():
        (Path(settings.MEDIA_ROOT) / batch.source_file).unlink(missing_ok=True)
        with transaction.atomic():
            Batch.objects.filter(pk=batch.pk).update(source_file="")
            record_write(actor=None, action="collection.batch_source.prune", target=batch, channel="system",
                         detail={"kept_until": batch.source_kept_until.isoformat()})
        pruned += 1
    return pruned
