"""SM2 signatures over report PDFs (docs/reports.md, "Signature"): DER-encoded SM2 with SM3 and the standard's
default distinguishing ID 1234567812345678 (GM/T 0009), made and checked with the OpenSSL 3 command line — the
same command anyone runs to verify a report offline:

    openssl pkeyutl -verify -pubin -inkey public-key.pem -rawin -digest sm3 \\
        -pkeyopt distid:1234567812345678 -in report.pdf -sigfile report.pdf.sig

Keys live in ``settings.REPORT_KEY_DIR`` as ``<id>.key.pem`` (mode 600) and ``<id>.pub.pem``; the current id is
``settings.REPORT_KEY_ID`` or the file ``current``; a rotated-out key keeps verifying the reports that name it."""

import datetime as dt
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from django.conf import settings

from publiccredit.core.errors import DomainError, NotFound

DISTINGUISHING_ID = "1234567812345678"
KEY_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")


def _openssl() -> str:
    path = shutil.which("openssl")
    if not path:
        raise DomainError("没有找到 openssl 命令（OpenSSL 3）：请安装系统软件包 openssl", code="no_openssl")
    return path


def _run(*args: str, data: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([_openssl(), *args], input=data, capture_output=True, timeout=30, check=False)


def key_dir() -> Path:
    return Path(settings.REPORT_KEY_DIR)


def _paths(key_id: str) -> tuple[Path, Path]:
    if not KEY_ID.match(key_id or ""):
        raise DomainError(f"签名密钥编号“{key_id}”不正确", code="bad_key_id")
    return key_dir() / f"{key_id}.key.pem", key_dir() / f"{key_id}.pub.pem"


def generate_key(key_id: str | None = None, *, make_current: bool = True) -> str:
    """A new SM2 key pair; the current signing key unless ``make_current`` is false. Returns its id."""
    key_id = key_id or f"sm2-{dt.date.today():%Y%m%d}-{os.urandom(3).hex()}"
    private, public = _paths(key_id)
    if private.exists():
        raise DomainError(f"签名密钥“{key_id}”已存在", code="key_exists")
    key_dir().mkdir(parents=True, exist_ok=True)
    made = _run("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:SM2", "-out", str(private))
    if made.returncode:
        raise DomainError("生成 SM2 密钥失败：" + made.stderr.decode(errors="replace")[:200], code="keygen_failed")
    private.chmod(0o600)
    exported = _run("pkey", "-in", str(private), "-pubout", "-out", str(public))
    if exported.returncode:
        raise DomainError("导出 SM2 公钥失败", code="keygen_failed")
    if make_current:
        (key_dir() / "current").write_text(key_id + "\n", encoding="ascii")
    return key_id


def current_key_id() -> str:
    """The id that signs now: the setting, else ``current``, else a key generated into var/ (the demo)."""
    if settings.REPORT_KEY_ID:
        return settings.REPORT_KEY_ID
    marker = key_dir() / "current"
    if marker.exists():
        return marker.read_text(encoding="ascii").strip()
    return generate_key()


def public_key_pem(key_id: str | None = None) -> str:
    _, public = _paths(key_id or current_key_id())
    if not public.exists():
        raise NotFound(f"没有签名密钥“{key_id}”的公钥", code="unknown_key")
    return public.read_text(encoding="ascii")


def sign(data: bytes, key_id: str | None = None) -> tuple[str, bytes]:
    """(the key id, the DER signature of ``data``)."""
    key_id = key_id or current_key_id()
    private, _ = _paths(key_id)
    if not private.exists():
        raise DomainError(f"没有签名密钥“{key_id}”的私钥：请检查 PUBLICCREDIT_REPORT_KEY_DIR", code="unknown_key")
    with tempfile.NamedTemporaryFile(suffix=".pdf") as source:  # -rawin reads a file whole, not a pipe
        source.write(data)
        source.flush()
        done = _run("pkeyutl", "-sign", "-inkey", str(private), "-rawin", "-digest", "sm3",
                    "-pkeyopt", f"distid:{DISTINGUISHING_ID}", "-in", source.name)
    if done.returncode or not done.stdout:
        raise DomainError("报告签名失败：" + done.stderr.decode(errors="replace")[:200], code="sign_failed")
    return key_id, done.stdout


def verify(data: bytes, signature: bytes, key_id: str) -> bool:
    _, public = _paths(key_id)
    if not public.exists():
        return False
    with tempfile.TemporaryDirectory() as folder:
        source, sig = Path(folder) / "report.pdf", Path(folder) / "report.pdf.sig"
        source.write_bytes(data)
        sig.write_bytes(signature)
        done = _run("pkeyutl", "-verify", "-pubin", "-inkey", str(public), "-rawin", "-digest", "sm3",
                    "-pkeyopt", f"distid:{DISTINGUISHING_ID}", "-in", str(source), "-sigfile", str(sig))
    return done.returncode == 0 and b"Verified Successfully" in done.stdout
