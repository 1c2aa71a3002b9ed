"""Chinese national cryptography (GM/T) primitives used by the platform.

SM4-GCM encrypts citizen IDs at rest; HMAC-SM3 gives a keyed, deterministic lookup hash so a
person can be found by ID without decrypting every row; plain SM3 chains the audit log.
Both working keys are derived from settings.DATA_KEY with HKDF-SM3, so one secret is managed.
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


def _keys() -> tuple[bytes, bytes]:
    from django.conf import settings

    return _derived_keys(settings.DATA_KEY)


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
