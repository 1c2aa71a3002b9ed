"""The verifiable draw (docs/inspections.md, "The draw"), a public contract: anyone holding a plan's published
data — its number, the candidates.csv bytes, the strata's ratios, the inspector pool, the exclusions and, after the
draw, the seed — recomputes the same selection and assignment with any SM3 implementation:

- ``commitment = SM3(seed)``, hex, published at freeze; the seed is 32 random bytes, published as hex at the draw;
- a candidate's key is ``HMAC-SM3(seed, "<plan number>|<code>")``, hex (key: the 32 raw seed bytes; message UTF-8);
- within each grade stratum candidates are sorted by key ascending and the first ``ceil(ratio × N)`` are taken,
  ratio × N computed exactly (decimal);
- each selected subject (its code is the task) gets the ``inspectors_per_task`` inspectors of the pool with the lowest
  ``HMAC-SM3(seed, "<plan number>|<code>|<inspector id>")``, skipping pairs that are excluded.

Pure: bytes and rows in, selection out. SM3 comes from the Python build's OpenSSL (``hashlib``), HMAC from its
inner and outer states computed once per seed: ~1 µs a key, a million candidates in about a second."""

import hashlib
import io
import math
from decimal import Decimal

import polars as pl

SEED_BYTES = 32
SM3_BLOCK = 64
CSV_HEADER = b"code,grade\n"


def _sm3():
    return hashlib.new("sm3")


def commitment_of(seed: bytes) -> str:
    """SM3 of the seed's raw bytes, hex."""
    digest = _sm3()
    digest.update(seed)
    return digest.hexdigest()


class Keyed:
    """HMAC-SM3 under one key (RFC 2104: SM3's 64-byte block, the key zero-padded), with the padded key's inner and
    outer states hashed once: each message then costs two state copies."""

    def __init__(self, key: bytes):
        if len(key) > SM3_BLOCK:
            key = bytes.fromhex(commitment_of(key))
        padded = key.ljust(SM3_BLOCK, b"\0")
        self._inner, self._outer = _sm3(), _sm3()
        self._inner.update(bytes(byte ^ 0x36 for byte in padded))
        self._outer.update(bytes(byte ^ 0x5C for byte in padded))

    def hex(self, message: str) -> str:
        inner = self._inner.copy()
        inner.update(message.encode())
        outer = self._outer.copy()
        outer.update(inner.digest())
        return outer.hexdigest()

    def many(self, messages) -> list[str]:
        return [self.hex(message) for message in messages]


def selected_count(ratio, candidates: int) -> int:
    """ceil(ratio × N), exactly: a ratio of 0.05 over 100 candidates takes 5, never 6."""
    return math.ceil(Decimal(str(ratio)) * candidates)


def candidates_csv(rows) -> bytes:
    """The published candidate list: header ``code,grade``, one ``code,grade`` line per candidate sorted by code,
    LF line ends, UTF-8 without BOM; the grade is empty for a subject not yet graded."""
    body = "".join(f"{code},{grade}\n" for code, grade in sorted(rows))
    return CSV_HEADER + body.encode()


def read_candidates(content: bytes) -> pl.DataFrame:
    """candidates.csv back as (code, grade) rows, grades "" where empty."""
    if not content.startswith(CSV_HEADER):
        raise ValueError("candidates.csv must start with the header code,grade")
    frame = pl.read_csv(io.BytesIO(content), schema={"code": pl.String, "grade": pl.String})
    return frame.with_columns(pl.col("grade").fill_null(""))


def select(number: str, seed: bytes, candidates: pl.DataFrame, ratios: dict[str, object]) -> pl.DataFrame:
    """Every candidate with its key, its rank in its stratum (1 = lowest key) and whether it is selected."""
    keyed = Keyed(seed)
    prefix = f"{number}|"
    keys = keyed.many(prefix + code for code in candidates.get_column("code").to_list())
    frame = candidates.with_columns(pl.Series("key", keys, dtype=pl.String)).sort(["grade", "key"])
    frame = frame.with_columns(pl.int_range(1, pl.len() + 1).over("grade").alias("rank"))
    wanted = pl.DataFrame({"grade": list(ratios), "take": [
        selected_count(ratio, frame.filter(pl.col("grade") == grade).height) for grade, ratio in ratios.items()]},
        schema={"grade": pl.String, "take": pl.Int64})
    return (frame.join(wanted, on="grade", how="left")
            .with_columns((pl.col("rank") <= pl.col("take").fill_null(0)).alias("selected")).drop("take"))


def assign(number: str, seed: bytes, codes, pool: list[int], per_task: int,
           excluded: set[tuple[int, str]]) -> dict[str, list[int]]:
    """For each selected code, the ``per_task`` inspectors of ``pool`` with the lowest keys, excluded pairs
    skipped, in key order. A task that cannot be staffed gets the inspectors there are (freezing refuses a plan
    where that could happen)."""
    keyed = Keyed(seed)
    assigned = {}
    for code in codes:
        ranked = sorted((keyed.hex(f"{number}|{code}|{inspector}"), inspector) for inspector in pool
                        if (inspector, code) not in excluded)
        assigned[code] = [inspector for _, inspector in ranked[:per_task]]
    return assigned
