"""Evidence files applicants upload (repair proof, objection material): checked by size, extension and content,
stored outside the web root under a random name, read back only through an authorised view."""

import hashlib
import secrets
import uuid
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import models

from publiccredit.core.errors import DomainError

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES = 10
# extension → the bytes the file must start with (a renamed executable is refused)
SIGNATURES = {
    ".pdf": (b"%PDF",),
    ".jpg": (b"\xff\xd8\xff",), ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".ofd": (b"PK\x03\x04",),  # 版式文档 OFD is a zip container
}
CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png",
                 ".ofd": "application/ofd"}


class EvidenceRejected(DomainError):
    default_code = "bad_evidence"


@dataclass
class StoredFile:
    name: str  # the name the applicant gave, for display
    path: str  # relative to MEDIA_ROOT
    size: int
    sha256: str
    content_type: str


def check_files(files) -> None:
    """Refuse the whole set, naming the file and the reason, before anything is stored."""
    files = list(files)
    if len(files) > MAX_FILES:
        raise EvidenceRejected(f"最多上传{MAX_FILES}个证明材料文件，本次{len(files)}个", field="files")
    for upload in files:
        name = Path(upload.name or "").name
        suffix = Path(name).suffix.lower()
        if suffix not in SIGNATURES:
            raise EvidenceRejected(f"文件“{name}”的类型不允许：只接受 PDF、JPG、PNG、OFD", field="files")
        if upload.size > MAX_FILE_BYTES:
            raise EvidenceRejected(f"文件“{name}”超过{MAX_FILE_BYTES // (1024 * 1024)} MB", field="files")
        if upload.size == 0:
            raise EvidenceRejected(f"文件“{name}”是空文件", field="files")
        head = upload.read(16)
        upload.seek(0)
        if not head.startswith(SIGNATURES[suffix]):
            raise EvidenceRejected(f"文件“{name}”的内容与扩展名不符（不是有效的{suffix[1:].upper()}文件）", field="files")


def store_file(upload, *, folder: str) -> StoredFile:
    """Write one checked upload under MEDIA_ROOT/<folder>/ with a random name and owner-only permissions."""
    name = Path(upload.name or "").name[:200]
    suffix = Path(name).suffix.lower()
    relative = Path(folder) / f"{uuid.uuid4().hex}{suffix}"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    digest, size = hashlib.sha256(), 0
    with target.open("wb") as handle:
        for piece in upload.chunks():
            digest.update(piece)
            size += len(piece)
            handle.write(piece)
    target.chmod(0o600)
    return StoredFile(name=name, path=str(relative), size=size, sha256=digest.hexdigest(),
                      content_type=CONTENT_TYPES[suffix])


QUERY_CODE_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ"


def new_query_code() -> str:
    """Eight characters without look-alikes (0/O, 1/I), given once to the applicant; only its keyed hash is kept."""
    return "".join(secrets.choice(QUERY_CODE_ALPHABET) for _ in range(8))


def next_number(model, *, prefix: str, day) -> str:
    """``<prefix><yyyymmdd><5-digit serial>``, the serial counted per day; the caller's unique constraint and a
    retry settle the rare race between two submissions."""
    stem = f"{prefix}{day:%Y%m%d}"
    latest = (model.objects.filter(number__startswith=stem).order_by("-number").values_list("number", flat=True)
              .first())
    serial = int(latest[len(stem):]) + 1 if latest else 1
    return f"{stem}{serial:05d}"


class EvidenceFile(models.Model):
    """An uploaded evidence file as stored: the applicant's file name, where it lies, its size and digest."""

    name = models.CharField("文件名", max_length=200)
    path = models.CharField("存储位置", max_length=300, editable=False)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("摘要", max_length=64)
    content_type = models.CharField("类型", max_length=50)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.name


def keep_evidence(attachments, files, *, folder: str, **fields) -> None:
    """Store checked uploads and record each through ``attachments`` (the owner's related manager), with ``fields``."""
    for upload in files:
        stored = store_file(upload, folder=folder)
        attachments.create(name=stored.name, path=stored.path, size=stored.size, sha256=stored.sha256,
                           content_type=stored.content_type, **fields)


def evidence_response(stored: EvidenceFile, *, actor, target, action: str):
    """The file as a download, for staff who may see its owner; the read is audited."""
    from django.http import FileResponse, Http404

    from publiccredit.audit.services import record_read

    root = Path(settings.MEDIA_ROOT).resolve()
    path = (root / stored.path).resolve()
    if not path.is_relative_to(root) or not path.exists():
        raise Http404
    record_read(actor=actor, action=action, target=target, detail={"file": stored.name})
    return FileResponse(path.open("rb"), as_attachment=True, filename=stored.name, content_type=stored.content_type)
