"""The draw's algorithm is a contract with anyone who checks it: SM3, HMAC-SM3, the strata's exact ceilings and the
inspectors' order are recomputed here with another implementation (``cryptography``'s SM3 and HMAC) and compared."""

import hashlib
import math
from fractions import Fraction

import polars as pl
from cryptography.hazmat.primitives import hashes, hmac

from publiccredit.inspections import draw

SEED = bytes(range(32))
NUMBER = "SS2026120400001"


def sm3(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def hmac_sm3(key: bytes, message: str) -> str:
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(message.encode("utf-8"))
    return mac.finalize().hex()


def test_sm3_gives_the_standards_test_vector_and_the_commitment_is_sm3_of_the_raw_seed():
    # GB/T 32905-2016, appendix A: SM3("abc")
    assert draw.commitment_of(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert draw.commitment_of(SEED) == sm3(SEED)


def test_hmac_sm3_agrees_with_an_independent_implementation_for_every_key_length():
    for key in (SEED, b"k", bytes(64), bytes(range(100))):
        keyed = draw.Keyed(key)
        for message in (f"{NUMBER}|91361102MA35ABCD4C", "计划|代码|7", ""):
            assert keyed.hex(message) == hmac_sm3(key, message)


def test_ceil_of_ratio_times_candidates_is_exact():
    assert draw.selected_count("0.05", 100) == 5  # 0.05 * 100 in binary floating point is 5.000000000000001
    assert draw.selected_count("0.2", 3) == 1
    assert draw.selected_count("0.6", 10) == 6
    assert draw.selected_count("1", 7) == 7 and draw.selected_count("0", 7) == 0


def test_the_candidate_list_is_code_comma_grade_sorted_by_code_and_read_back_the_same():
    content = draw.candidates_csv([("91361102MA35ZZZZ0X", "B"), ("91361102MA35ABCD4C", ""), ("913611000000000002", "A")])
    assert content == b"code,grade\n913611000000000002,A\n91361102MA35ABCD4C,\n91361102MA35ZZZZ0X,B\n"
    assert draw.read_candidates(content).rows() == [("913611000000000002", "A"), ("91361102MA35ABCD4C", ""),
                                                    ("91361102MA35ZZZZ0X", "B")]


def independent_selection(candidates: list[tuple[str, str]], ratios: dict[str, str]) -> set[str]:
    chosen = set()
    for grade, ratio in ratios.items():
        members = sorted((hmac_sm3(SEED, f"{NUMBER}|{code}"), code) for code, g in candidates if g == grade)
        chosen |= {code for _, code in members[:math.ceil(Fraction(ratio) * len(members))]}
    return chosen


def test_each_stratum_takes_its_lowest_keys_as_an_independent_computation_does():
    candidates = [(f"9136110{n:011d}", grade) for n, grade in
                  enumerate(["A"] * 40 + ["B"] * 25 + ["C"] * 9 + ["D"] * 3 + [""] * 4)]
    ratios = {"A": "0.05", "B": "0.2", "C": "0.6", "D": "1", "": "0.2"}
    frame = draw.select(NUMBER, SEED, pl.DataFrame(candidates, schema=["code", "grade"], orient="row"), ratios)
    selected = set(frame.filter(pl.col("selected")).get_column("code").to_list())
    assert selected == independent_selection(candidates, ratios)
    assert len(selected) == 2 + 5 + 6 + 3 + 1
    keys = dict(zip(frame.get_column("code").to_list(), frame.get_column("key").to_list(), strict=True))
    assert all(keys[code] == hmac_sm3(SEED, f"{NUMBER}|{code}") for code, _ in candidates)


def test_inspectors_are_the_lowest_keys_of_the_pool_with_excluded_pairs_skipped():
    pool, code = [3, 8, 11, 20, 21], "91361102MA35ABCD4C"
    ranked = [inspector for _, inspector in sorted((hmac_sm3(SEED, f"{NUMBER}|{code}|{inspector}"), inspector)
                                                   for inspector in pool)]
    assert draw.assign(NUMBER, SEED, [code], pool, 2, set()) == {code: ranked[:2]}
    avoided = {(ranked[0], code)}
    assert draw.assign(NUMBER, SEED, [code], pool, 2, avoided) == {code: ranked[1:3]}


def test_the_fast_hmac_is_the_one_the_standard_library_computes_too():
    assert draw.Keyed(SEED).hex("x") == __import__("hmac").new(SEED, b"x", hashlib.new("sm3").name).hexdigest()
