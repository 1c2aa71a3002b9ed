"""Subject search: ranking, 1- and 2-character Chinese queries, typo tolerance, filters, bad queries (both engines)."""

import pytest

from publiccredit.core.identifiers import make_uscc
from publiccredit.search import engine
from publiccredit.search.engine import SearchError, search_subjects
from publiccredit.subjects.models import Subject
from publiccredit.subjects.services import SubjectSpec, register_subject, rename_subject
from tests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db


def organisation(name: str, serial: int, region: str = "361102", kind=Subject.Kind.LEGAL_PERSON) -> Subject:
    from publiccredit.organizations.models import Region

    code = make_uscc("91", region, f"{serial:08d}")
    return register_subject(spec=SubjectSpec(kind=kind, name=name, code=code, region=Region.objects.get(code=region)),
                            actor=None)


@pytest.fixture
def registry(citizen):
    names = ["上饶市鑫源商贸有限公司", "鑫源", "鑫源建材有限公司", "上饶市广丰区鑫源五金店", "婺源县茶叶有限公司",
             "上饶市明远光伏科技有限公司", "德兴市铜都矿业有限公司"]
    return {name: organisation(name, i + 1, region="361130" if "婺源" in name else "361102") for i, name in enumerate(names)}


def names(result) -> list[str]:
    return [subject.name for subject in result.results]


def test_ranking_puts_exact_name_before_prefix_before_contains(registry):
    result = search_subjects("鑫源")
    assert names(result)[0] == "鑫源"
    assert names(result)[1] == "鑫源建材有限公司"
    assert set(names(result)[2:]) == {"上饶市鑫源商贸有限公司", "上饶市广丰区鑫源五金店"}
    assert result.count == 4


def test_an_exact_code_finds_the_one_subject_first(registry):
    subject = registry["德兴市铜都矿业有限公司"]
    result = search_subjects(f" {subject.uscc.lower()} ")
    assert (result.match, names(result)) == ("code", ["德兴市铜都矿业有限公司"])


def test_the_beginning_of_a_code_finds_subjects_by_code_prefix(registry):
    subject = registry["德兴市铜都矿业有限公司"]
    result = search_subjects(subject.uscc[:12])
    assert result.match == "code_prefix"
    assert "德兴市铜都矿业有限公司" in names(result)


def test_one_and_two_character_chinese_queries_find_names(registry):
    assert set(names(search_subjects("婺"))) >= {"婺源县茶叶有限公司"}
    assert set(names(search_subjects("茶叶"))) == {"婺源县茶叶有限公司"}
    assert "上饶市明远光伏科技有限公司" in names(search_subjects("光伏"))


def test_a_query_with_a_wrong_character_still_finds_the_name(registry):
    result = search_subjects("明远光扶科技")
    assert result.match == "similar"
    assert names(result)[0] == "上饶市明远光伏科技有限公司"


def test_full_width_and_spaced_queries_match_like_registry_names(registry):
    assert "上饶市鑫源商贸有限公司" in names(search_subjects("上饶市　鑫源 商贸"))


def test_filters_narrow_by_region_and_kind(registry):
    organisation("婺源县鑫源农家乐", 99, region="361130", kind=Subject.Kind.INDIVIDUAL_BUSINESS)
    assert names(search_subjects("鑫源", region="361130")) == ["婺源县鑫源农家乐"]
    assert names(search_subjects("鑫源", kind=Subject.Kind.INDIVIDUAL_BUSINESS)) == ["婺源县鑫源农家乐"]


def test_natural_persons_are_not_found_by_name_but_by_their_full_id_number_masked(registry, citizen):
    assert names(search_subjects("张三丰")) == []
    result = search_subjects(CITIZEN_ID)
    assert result.results == [citizen]
    assert result.results[0].public_name == "张*丰"
    assert result.results[0].code == "3611**********1230"


def test_a_renamed_subject_is_found_by_its_new_name(registry):
    subject = registry["德兴市铜都矿业有限公司"]
    rename_subject(subject=subject, new_name="德兴市银山矿业有限公司", actor=None)
    assert names(search_subjects("银山矿业")) == ["德兴市银山矿业有限公司"]
    assert names(search_subjects("铜都矿业")) == []


def test_a_very_common_query_counts_up_to_a_cap_and_says_so(registry, monkeypatch):
    monkeypatch.setattr(engine, "COUNT_CAP", 2)
    result = search_subjects("有限公司")
    assert (result.count, result.count_capped) == (2, True)
    assert result.notes and "超过2条" in result.notes[0]


def test_pages_split_the_ranked_results(registry):
    first, second = search_subjects("有限公司", page_size=3), search_subjects("有限公司", page=2, page_size=3)
    assert first.pages == 2 and len(first.results) == 3 and len(second.results) == 2
    assert not set(names(first)) & set(names(second))


@pytest.mark.parametrize(("query", "reason"), [
    ("", "请输入"), ("   ", "请输入"), ("鑫" * 101, "过长"), ("%%%", "只包含符号"), ("“”《》!!", "只包含符号"),
])
def test_a_query_that_cannot_be_searched_says_why_in_chinese(query, reason, db):
    with pytest.raises(SearchError) as raised:
        search_subjects(query)
    assert reason in raised.value.message


def test_wildcards_and_quotes_in_a_query_are_dropped_not_interpreted(registry):
    assert names(search_subjects("鑫源%商贸")) == ["上饶市鑫源商贸有限公司"]
    assert names(search_subjects('"鑫源_商贸*"')) == ["上饶市鑫源商贸有限公司"]
    assert search_subjects("'-").count == 0


@pytest.mark.parametrize("typed", ["{0} {1}", "{0}-{1}", "{0}－{1}", " {0}  {1} "])
def test_a_code_typed_with_spaces_or_dashes_finds_the_subject(registry, typed):
    code = registry["德兴市铜都矿业有限公司"].uscc
    result = search_subjects(typed.format(code[:8], code[8:]))
    assert (result.match, names(result)) == ("code", ["德兴市铜都矿业有限公司"])


def test_a_citizen_id_typed_in_groups_finds_the_person(registry):
    result = search_subjects(f"{CITIZEN_ID[:6]} {CITIZEN_ID[6:14]} {CITIZEN_ID[14:]}")
    assert result.match == "code" and names(result) == ["张三丰"]


@pytest.mark.parametrize("typed", ["上饶广丰鑫源五金店", "上饶市广丰鑫源五金", "上饶广丰区鑫源"])
def test_a_name_typed_without_its_division_words_still_finds_the_subject(registry, typed):
    result = search_subjects(typed)
    assert names(result) == ["上饶市广丰区鑫源五金店"]
    assert result.match == "name"
    assert result.notes == ["已按名称中省略或多写“省、市、县、区”字样的写法查询。"]


def test_a_division_word_typed_where_the_registered_name_has_none_still_finds_the_subject(registry):
    organisation("婺源茶园农业开发有限公司", 50, region="361130")
    assert names(search_subjects("婺源县茶园农业")) == ["婺源茶园农业开发有限公司"]


def test_leaving_out_division_words_does_not_match_names_with_other_words_in_between(registry):
    organisation("上饶市信州区广丰路鑫源五金店", 51)
    assert "上饶市信州区广丰路鑫源五金店" not in names(search_subjects("上饶广丰鑫源五金"))
