"""Subject search behind one interface: ``search_subjects(query, ...)`` on PostgreSQL or SQLite.

Ranking: exact code > exact name > name prefix > name contains the query (shorter names first) > the query with
the division words after its place names made optional (上饶信州鑫源 finds 上饶市信州区鑫源…) > similar names
(typo-tolerant, only when nothing contains the query). A common query such as ``上饶`` matches most of a city, so
counting stops at ``COUNT_CAP`` ("1000+") and ranking looks at the first ``RANK_WINDOW`` matches of each tier:
a user narrows the query or the filters rather than paging past page 50.

Natural persons are not searchable by name: they are found only by their full citizen ID number, and then shown
masked (the registry of persons is not published, docs/portal.md).
"""

import math
import re
import unicodedata
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet
from rapidfuzz import fuzz

from publiccredit.core.crypto import lookup_hash
from publiccredit.core.errors import DomainError
from publiccredit.core.identifiers import check_citizen_id, check_uscc, normalize_code
from publiccredit.organizations.models import Region
from publiccredit.subjects.models import Subject
from publiccredit.subjects.names import normalize_name

MAX_QUERY_LENGTH = 100
COUNT_CAP = 1_000
RANK_WINDOW = 1_000
SIMILAR_LIMIT = 50
SIMILAR_MIN_SCORE = 70
MIN_SIMILAR_LENGTH = 3
USCC_ALPHABET = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{6,17}$")
# Letters and digits (CJK included: Unicode categories L and N) and the punctuation of real names survive; the rest is dropped.
NAME_PUNCTUATION = set("()（）·.&-'")


CODE_SEPARATORS = re.compile(r"[\s\-_—–·]+")
# People write 上饶信州鑫源商贸 for 上饶市信州区鑫源商贸有限公司 (and the other way round): after a place name the
# division word is optional. The places are the platform's regions (and the province), minus their last character.
DIVISION_WORDS = "省市县区"
PROVINCE_STEMS = ("江西",)


class SearchError(DomainError):
    """A query that cannot be searched; the message says why, in Chinese."""


@dataclass
class SearchPage:
    query: str
    results: list[Subject]
    count: int
    count_capped: bool = False
    page: int = 1
    pages: int = 1
    page_size: int = 20
    match: str = "name"  # code | code_prefix | name | similar | none
    notes: list[str] = field(default_factory=list)


def clean_query(raw: str | None) -> str:
    """The query as searched: normalised like registry names, odd characters dropped. Raises SearchError."""
    text = (raw or "").strip()
    if not text:
        raise SearchError("请输入要查询的企业名称、统一社会信用代码或身份证号码。")
    if len(text) > MAX_QUERY_LENGTH:
        raise SearchError(f"查询内容过长（{len(text)}个字符），请不超过{MAX_QUERY_LENGTH}个字符。")
    normalized = normalize_name(text)
    kept = "".join(ch for ch in normalized if unicodedata.category(ch)[0] in "LN" or ch in NAME_PUNCTUATION)
    if not kept:
        raise SearchError("查询内容只包含符号，请输入企业名称中的文字或统一社会信用代码。")
    return kept


def _filtered(queryset: QuerySet[Subject], region: str | None, kind: str | None, industry: str | None
              ) -> QuerySet[Subject]:
    # No ORDER BY (Subject's default is id): every tier takes the first matches an index gives and ranks them itself.
    queryset = queryset.order_by()
    if region:
        queryset = queryset.filter(region__code=region)
    if kind:
        queryset = queryset.filter(kind=kind)
    if industry:
        # A section letter (C) takes its divisions (C13 …) too.
        queryset = queryset.filter(industry__code__startswith=industry)
    return queryset


class Backend:
    """One database engine's way of finding names. Each method returns at most ``limit`` (id, name) pairs."""

    def prefix(self, subjects: QuerySet[Subject], text: str, limit: int) -> list[tuple[int, str]]:
        matches = subjects.filter(name_normalized__gte=text, name_normalized__lt=text + "\U0010ffff")
        return list(matches.values_list("pk", "name_normalized")[:limit])

    def containing(self, subjects: QuerySet[Subject], text: str) -> QuerySet[Subject]:
        raise NotImplementedError

    def similar_candidates(self, subjects: QuerySet[Subject], fragment_sets: list[list[str]], limit: int
                           ) -> list[tuple[int, str]]:
        """Names containing every fragment of at least one set (the query with one character left out)."""
        raise NotImplementedError

    def code_prefix(self, subjects: QuerySet[Subject], text: str, limit: int) -> list[tuple[int, str]]:
        return list(subjects.filter(uscc__gte=text, uscc__lt=text + "\U0010ffff").values_list("pk", "uscc")[:limit])


class PostgresBackend(Backend):
    """pg_trgm for three characters and more; the stored single-character and character-pair column (GIN index)
    below that and for typo-tolerant candidates."""

    def containing(self, subjects, text):
        if len(text) <= 2:
            return subjects.extra(where=["subjects_subject.name_grams @> ARRAY[%s]::text[]"], params=[text])
        return subjects.filter(name_normalized__contains=text)

    def prefix(self, subjects, text, limit):
        # LIKE 'x%' uses the varchar_pattern_ops index whatever the database collation; no ORDER BY, so the scan
        # stops at the limit (the caller ranks the window itself).
        return list(subjects.filter(name_normalized__startswith=text).values_list("pk", "name_normalized")[:limit])

    def code_prefix(self, subjects, text, limit):
        return list(subjects.filter(uscc__startswith=text).values_list("pk", "uscc")[:limit])

    def similar_candidates(self, subjects, fragment_sets, limit):
        clauses, params = [], []
        for fragments in fragment_sets:
            grams = sorted({g for fragment in fragments for g in _grams(fragment)})
            if len(grams) >= 2:
                clauses.append("subjects_subject.name_grams @> %s::text[]")
                params.append(grams)
        if not clauses:
            return []
        matches = subjects.extra(where=["(" + " OR ".join(clauses) + ")"], params=params)
        return list(matches.values_list("pk", "name_normalized")[:limit])


class SqliteBackend(Backend):
    """FTS5 trigram table for three characters and more; a bounded scan below that (FTS5 trigram returns nothing)."""

    @staticmethod
    def _phrase(text: str) -> str:
        return '"' + text.replace('"', '""') + '"'

    def _fts(self, subjects, match):
        return subjects.extra(
            where=["subjects_subject.id IN (SELECT rowid FROM search_subject_fts WHERE search_subject_fts MATCH %s)"],
            params=[match])

    def containing(self, subjects, text):
        if len(text) <= 2:
            return subjects.filter(name_normalized__contains=text)
        return self._fts(subjects, self._phrase(text))

    def similar_candidates(self, subjects, fragment_sets, limit):
        clauses = []
        for fragments in fragment_sets:
            long_enough = [self._phrase(fragment) for fragment in fragments if len(fragment) >= 3]
            if long_enough:
                clauses.append("(" + " AND ".join(long_enough) + ")")
        if not clauses:
            return []
        return list(self._fts(subjects, " OR ".join(clauses)).values_list("pk", "name_normalized")[:limit])


def _grams(text: str) -> list[str]:
    """Single characters and character pairs, as the PostgreSQL index function makes them."""
    return [text] if len(text) == 1 else [text[i:i + 2] for i in range(len(text) - 1)]


def similar_names(engine: Backend, subjects: QuerySet[Subject], text: str, limit: int) -> list[tuple[int, str]]:
    """Typo tolerance: any one character of the query may be wrong, missing or extra. Candidates contain the
    query with one character left out (index lookups), then rapidfuzz ranks them by partial similarity."""
    fragment_sets = [[part for part in (text[:i], text[i + 1:]) if part] for i in range(len(text))]
    candidates = engine.similar_candidates(subjects, fragment_sets, RANK_WINDOW)
    scored = [(fuzz.partial_ratio(text, name), pk, name) for pk, name in candidates]
    scored = [row for row in scored if row[0] >= SIMILAR_MIN_SCORE]
    scored.sort(key=lambda row: (-row[0], len(row[2]), row[2]))
    return [(pk, name) for _, pk, name in scored[:limit]]


def place_stems() -> list[str]:
    """Place names without their division word, longest first (上饶经济技术开发区 before 上饶)."""
    stems = set(PROVINCE_STEMS)
    for name in Region.objects.values_list("name", flat=True):
        name = normalize_name(name)
        if len(name) >= 3 and name[-1] in DIVISION_WORDS:
            stems.add(name[:-1])
    return sorted(stems, key=len, reverse=True)


def division_fragments(text: str, stems: list[str]) -> list[str]:
    """The query cut after each leading place name, division words dropped: 上饶信州鑫源 → [上饶, 信州, 鑫源].
    One fragment means the query starts with no place name and there is nothing to make optional."""
    fragments, rest = [], text
    while True:
        stem = next((stem for stem in stems if rest.startswith(stem) and len(rest) > len(stem)), None)
        if stem is None:
            break
        fragments.append(stem)
        rest = rest[len(stem):]
        if rest[:1] and rest[0] in DIVISION_WORDS:
            rest = rest[1:]
    if rest:
        fragments.append(rest)
    return fragments


def names_without_divisions(engine: Backend, subjects: QuerySet[Subject], text: str, limit: int
                            ) -> list[tuple[int, str]]:
    """Names holding the query's fragments in order, each place name followed by its division word or not."""
    fragments = division_fragments(text, place_stems())
    if len(fragments) < 2:
        return []
    candidates = subjects
    for fragment in fragments:
        candidates = engine.containing(candidates, fragment)
    pattern = re.compile(f"[{DIVISION_WORDS}]?".join(re.escape(fragment) for fragment in fragments))
    return [(pk, name) for pk, name in candidates.values_list("pk", "name_normalized")[:limit]
            if pattern.search(name)]


def backend() -> Backend:
    return PostgresBackend() if connection.vendor == "postgresql" else SqliteBackend()


def _page_of(ids: list[int], page: int, page_size: int) -> list[Subject]:
    chunk = ids[(page - 1) * page_size: page * page_size]
    found = Subject.objects.select_related("region", "industry").in_bulk(chunk)
    return [found[pk] for pk in chunk if pk in found]


def _paged(query, ids, count, page, page_size, **extra) -> SearchPage:
    pages = max(1, math.ceil(min(count, len(ids)) / page_size))
    page = min(max(1, page), pages)
    return SearchPage(query=query, results=_page_of(ids, page, page_size), count=count, page=page, pages=pages,
                      page_size=page_size, **extra)


def search_subjects(raw_query: str | None, *, region: str | None = None, kind: str | None = None,
                    industry: str | None = None, page: int = 1, page_size: int = 20) -> SearchPage:
    """Search the registry as the public may: organisations and 个体工商户 by name or code, persons by full ID."""
    query = clean_query(raw_query)
    engine = backend()
    # A code pasted as "91361102 MA35ABCD4C" or "913611-02MA35…" is still that code.
    code = CODE_SEPARATORS.sub("", normalize_code(raw_query))
    everyone = _filtered(Subject.objects.all(), region, None, industry)
    if check_uscc(code).valid:
        ids = list(everyone.filter(uscc=code).values_list("pk", flat=True))
        return _paged(code, ids, len(ids), 1, page_size, match="code")
    if check_citizen_id(code).valid:
        ids = list(everyone.filter(id_hash=lookup_hash(code)).values_list("pk", flat=True))
        return _paged(code, ids, len(ids), 1, page_size, match="code")

    organizations = _filtered(Subject.objects.exclude(kind=Subject.Kind.NATURAL_PERSON), region, kind, industry)
    if kind == Subject.Kind.NATURAL_PERSON:
        return SearchPage(query=query, results=[], count=0, match="none",
                          notes=["自然人信用信息不按姓名公开检索，请输入完整的身份证号码查询。"])
    if USCC_ALPHABET.match(code) and any(ch.isdigit() for ch in code):
        ids = [pk for pk, _ in sorted(engine.code_prefix(organizations, code, RANK_WINDOW), key=lambda row: row[1])]
        if ids:
            return _paged(code, ids, len(ids), page, page_size, match="code_prefix")

    # One read gives both the (capped) count and the window of matches to rank.
    contained = list(engine.containing(organizations, query).values_list("pk", "name_normalized")[:COUNT_CAP + 1])
    count = len(contained)
    if count:
        exact = list(organizations.filter(name_normalized=query).values_list("pk", flat=True)[:RANK_WINDOW])
        prefixed = sorted(engine.prefix(organizations, query, RANK_WINDOW), key=lambda row: (len(row[1]), row[1]))
        contained = sorted(contained[:RANK_WINDOW], key=lambda row: (len(row[1]), row[1]))
        ids = list(dict.fromkeys([*exact, *(pk for pk, _ in prefixed), *(pk for pk, _ in contained)]))
        notes = []
        if count > COUNT_CAP:
            notes.append(f"匹配结果超过{COUNT_CAP}条，请输入更完整的名称或使用筛选条件。")
        return _paged(query, ids, min(count, COUNT_CAP), page, page_size, count_capped=count > COUNT_CAP,
                      match="name", notes=notes)
    without_divisions = names_without_divisions(engine, organizations, query, COUNT_CAP + 1)
    if without_divisions:
        ranked = sorted(without_divisions[:RANK_WINDOW], key=lambda row: (len(row[1]), row[1]))
        count = len(without_divisions)
        return _paged(query, [pk for pk, _ in ranked], min(count, COUNT_CAP), page, page_size,
                      count_capped=count > COUNT_CAP, match="name",
                      notes=["已按名称中省略或多写“省、市、县、区”字样的写法查询。"])
    if len(query) >= MIN_SIMILAR_LENGTH:
        ids = [pk for pk, _ in similar_names(engine, organizations, query, SIMILAR_LIMIT)]
        if ids:
            return _paged(query, ids, len(ids), page, page_size, match="similar",
                          notes=[f"没有名称中包含“{query}”的主体，以下是名称相近的结果。"])
    return SearchPage(query=query, results=[], count=0, match="none")
