"""Chinese national cryptography (GM/T) primitives used by the platform.

SM4-GCM encrypts citizen IDs at rest; HMAC-SM3 gives a keyed, deterministic lookup hash so a
person can be found by ID without decrypting every row; a separately derived HMAC-SM3 key chains the audit log and
signs its checkpoints, so someone with database access but not the key cannot rebuild the chain.
The working keys are derived from settings.DATA_KEY with HKDF-SM3, so one secret (kept outside the database) is managed.
"""

import base64
import os
from functools import lru_cache

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes, hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

CIPHERTEXT_PREFIX = "sm4gcm1:"
NONCE_BYTES = 12
TAG_BYTES = 16


class DecryptionError(ValueError):
    pass


def sm3_hex(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


@lru_cache(maxsize=4)
def _derived_keys(master_hex: str) -> tuple[bytes, bytes]:
    try:
        master = bytes.fromhex(master_hex)
    except ValueError:
        master = master_hex.encode("utf-8")
    if len(master) < 16:
        raise ValueError("PUBLICCREDIT_DATA_KEY 至少需要16字节（32位十六进制）")

    def derive(label: bytes, length: int) -> bytes:
        return HKDF(algorithm=hashes.SM3(), length=length, salt=None, info=label).derive(master)

    return derive(b"publiccredit/sm4/citizen-id", 16), derive(b"publiccredit/hmac-sm3/lookup", 32)


@lru_cache(maxsize=4)
def _audit_key(master_hex: str) -> bytes:
    try:
        master = bytes.fromhex(master_hex)
    except ValueError:
        master = master_hex.encode("utf-8")
    return HKDF(algorithm=hashes.SM3(), length=32, salt=None, info=b"publiccredit/hmac-sm3/audit-chain").derive(master)


def _keys() -> tuple[bytes, bytes]:
    from django.conf import settings

    return _derived_keys(settings.DATA_KEY)


def audit_mac(data: bytes) -> str:
    """HMAC-SM3 under the audit key (docs/operations.md "审计链"): the audit chain's entry hashes and checkpoints."""
    from django.conf import settings

    mac = hmac.HMAC(_audit_key(settings.DATA_KEY), hashes.SM3())
    mac.update(data)
    return mac.finalize().hex()


def encrypt_text(plaintext: str, *, context: bytes = b"citizen-id") -> str:
    """Encrypt with SM4-GCM; the context is bound as associated data so ciphertexts cannot be swapped across uses."""
    sm4_key, _ = _keys()
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(sm4_key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(context)
    body = encryptor.update(plaintext.encode("utf-8")) + encryptor.finalize()
    return CIPHERTEXT_PREFIX + base64.b64encode(nonce + body + encryptor.tag).decode("ascii")


def decrypt_text(token: str, *, context: bytes = b"citizen-id") -> str:
    if not token.startswith(CIPHERTEXT_PREFIX):
        raise DecryptionError("不是本平台的密文格式")
    raw = base64.b64decode(token[len(CIPHERTEXT_PREFIX):])
    nonce, body, tag = raw[:NONCE_BYTES], raw[NONCE_BYTES:-TAG_BYTES], raw[-TAG_BYTES:]
    sm4_key, _ = _keys()
    decryptor = Cipher(algorithms.SM4(sm4_key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(context)
    try:
        return (decryptor.update(body) + decryptor.finalize()).decode("utf-8")
    except InvalidTag as exc:
        raise DecryptionError("密文校验失败：数据被改动或密钥不符") from exc


def lookup_hash(value: str) -> str:
    """Keyed HMAC-SM3 of a normalised identifier, hex; equal inputs give equal hashes under one key."""
    _, mac_key = _keys()
    mac = hmac.HMAC(mac_key, hashes.SM3())
    mac.update(value.encode("utf-8"))
    return mac.finalize().hex()


FILE_MAGIC = b"PCSM4GCM1"
FILE_BLOCK = 1 << 20


def encrypt_file(source, target, *, context: bytes) -> None:
    """SM4-GCM over a whole file, streamed in 1 MB blocks: magic, nonce, ciphertext, tag (a file of hundreds of
    megabytes is never held in memory). ``source`` and ``target`` are open binary files."""
    sm4_key, _ = _keys()
    nonce = os.urandom(NONCE_BYTES)
    encryptor = Cipher(algorithms.SM4(sm4_key), modes.GCM(nonce)).encryptor()
    encryptor.authenticate_additional_data(context)
    target.write(FILE_MAGIC + nonce)
    for block in iter(lambda: source.read(FILE_BLOCK), b""):
        target.write(encryptor.update(block))
    target.write(encryptor.finalize() + encryptor.tag)


def decrypt_file(source, *, context: bytes):
    """The plaintext of ``encrypt_file``'s output, in blocks; raises DecryptionError at the end if anything was
    changed (GCM checks the tag only after the last block, so callers must not trust a partial read)."""
    size = source.seek(0, os.SEEK_END)
    source.seek(0)
    header = source.read(len(FILE_MAGIC) + NONCE_BYTES)
    if not header.startswith(FILE_MAGIC) or size < len(header) + TAG_BYTES:
        raise DecryptionError("不是本平台加密保存的文件")
    nonce = header[len(FILE_MAGIC):]
    source.seek(size - TAG_BYTES)
    tag = source.read(TAG_BYTES)
    source.seek(len(header))
    sm4_key, _ = _keys()
    decryptor = Cipher(algorithms.SM4(sm4_key), modes.GCM(nonce, tag)).decryptor()
    decryptor.authenticate_additional_data(context)
    remaining = size - len(header) - TAG_BYTES
    while remaining > 0:
        block = source.read(min(FILE_BLOCK, remaining))
        remaining -= len(block)
        yield decryptor.update(block)
    try:
        yield decryptor.finalize()
    except InvalidTag as exc:
        raise DecryptionError("密文校验失败：文件被改动或密钥不符") from exc
