"""Set look-ups by thousands of values find exactly the rows holding them, whatever characters the values hold."""

import pytest

from publiccredit.core.bulk import filter_ids, filter_in, select_where_in
from publiccredit.organizations.models import Organization

pytestmark = pytest.mark.django_db

AWKWARD_NAMES = ["上饶市{花括号}局", '带"引号"的单位', "逗号,分隔的单位", "反斜杠\\单位", "含\x1f分隔符的单位", " 前后空格 "]


@pytest.fixture
def awkward_organizations(market_regulation):
    region = market_regulation.region
    codes = [o.code for o in Organization.objects.exclude(pk=market_regulation.pk)[:len(AWKWARD_NAMES)]]
    made = []
    for name, code in zip(AWKWARD_NAMES, codes, strict=True):
        made.append(Organization.objects.create(name=name, code=code[:-2] + "ZZ", kind=market_regulation.kind,
                                                region=region))
    return made


def names_found(values) -> set[str]:
    return {name for (name,) in select_where_in(Organization, "name", values, ["name"])}


def test_values_with_quotes_braces_commas_and_spaces_are_found(awkward_organizations):
    wanted = [n for n in AWKWARD_NAMES if "\x1f" not in n]
    assert names_found([*wanted, "不存在的单位"]) == set(wanted)


def test_a_value_holding_the_separator_is_still_found(awkward_organizations):
    assert names_found(AWKWARD_NAMES) == set(AWKWARD_NAMES)


def test_an_empty_value_matches_only_empty_values(awkward_organizations):
    assert names_found(["", "上饶市{花括号}局"]) == {"上饶市{花括号}局"}


def test_filter_in_answers_like_a_plain_in_filter_across_chunks(awkward_organizations, market_regulation):
    names = [*AWKWARD_NAMES, market_regulation.name, *(f"无此单位{n}" for n in range(2500))]
    found = {o.name for part in filter_in(Organization.objects.all(), "name", names, chunk=900) for o in part}
    assert found == {*AWKWARD_NAMES, market_regulation.name}
    ids = [o.pk for o in awkward_organizations] + [10**9]
    by_id = {o.pk for part in filter_ids(Organization.objects.all(), ids) for o in part}
    assert by_id == {o.pk for o in awkward_organizations}


def test_a_compiled_query_run_by_ids_keeps_its_own_conditions_and_finds_only_the_ids_asked(awkward_organizations):
    from publiccredit.core.bulk import compiled_where_in, rows_where_in

    braces = [o for o in awkward_organizations if "{" in o.name]
    others = [o for o in awkward_organizations if "{" not in o.name]
    compiled = compiled_where_in(Organization.objects.filter(name__contains="单位").order_by().values_list("pk", "name"))
    asked = [o.pk for o in awkward_organizations] + [10**9]
    expected = {(o.pk, o.name) for o in others if "单位" in o.name}
    assert set(rows_where_in(compiled, Organization, "id", asked, chunk=2)) == expected
    assert set(rows_where_in(compiled, Organization, "id", [braces[0].pk])) == set()
    assert rows_where_in(compiled, Organization, "id", []) == []
