"""A department delivers only decisions of its own authority; a declared relay only those of bodies in its area;
one decision has one source, so a second department can neither duplicate it nor bring a withdrawn one back."""

import pytest

from publiccredit.collection.models import CreditRecord
from publiccredit.collection.services import import_file, submit_records
from publiccredit.core.audience import Audience
from publiccredit.core.identifiers import make_uscc
from publiccredit.organizations.models import Organization
from publiccredit.publicity.queries import records_of
from tests.builders import MARKET_REGULATION_CODE, penalty_row, write_csv

pytestmark = pytest.mark.django_db

# A body registered in 玉山县 (region code 361123 in positions 3–8) and one in 铅山县 (361124), built from GB 32100.
YUSHAN_BODY = make_uscc("11", "361123", "YU000001")
QIANSHAN_BODY = make_uscc("11", "361124", "QN000001")


@pytest.fixture
def tax_bureau(db) -> Organization:
    return Organization.objects.get(name="国家税务总局上饶市税务局")


@pytest.fixture
def yushan_relay(db) -> Organization:
    return Organization.objects.get(kind="county", region__code="361123")


@pytest.fixture
def big_data_bureau(db) -> Organization:
    return Organization.objects.get(name="上饶市大数据发展管理局")


def own_row(number: int, organization: Organization, **overrides) -> dict:
    own = {"CF_CFJG": organization.name, "CF_CFJGDM": organization.code, "CF_SJLY": organization.name,
           "CF_SJLYDM": organization.code}
    return penalty_row(number, **{**own, **overrides})


def test_the_tax_bureau_cannot_publish_a_penalty_in_the_market_regulators_name(penalty, tax_bureau, enterprise):
    result = submit_records(item=penalty, provider=tax_bureau, records=[
        penalty_row(1),  # the market regulator's codes as authority and source
        own_row(2, tax_bureau),
        own_row(3, tax_bureau, CF_CFJGDM=MARKET_REGULATION_CODE),
    ], actor=None)
    assert (result.accepted, result.rejected) == (1, 2)
    by_row = {(e.row, e.field): e for e in result.errors}
    assert by_row[(1, "CF_CFJGDM")].code == "not_own_decision"
    assert "上饶市市场监督管理局的代码" in by_row[(1, "CF_CFJGDM")].message
    assert "国家税务总局上饶市税务局只能报送本单位作出的决定" in by_row[(1, "CF_CFJGDM")].message
    assert by_row[(1, "CF_SJLYDM")].code == "not_own_decision"
    assert by_row[(3, "CF_CFJGDM")].code == "not_own_decision"
    assert list(CreditRecord.objects.values_list("decision_number", flat=True)) == ["饶市监罚〔2026〕2号"]


def test_a_department_may_deliver_the_decisions_of_its_own_sub_units(penalty, market_regulation, enterprise):
    branch = Organization.objects.create(code=make_uscc("11", "361102", "FJ000002"), name="上饶市市场监督管理局信州分局",
                                         kind="department", region=market_regulation.region, parent=market_regulation)
    result = submit_records(item=penalty, provider=market_regulation, records=[
        penalty_row(1, CF_CFJG=branch.name, CF_CFJGDM=branch.code)], actor=None)
    assert (result.accepted, result.rejected) == (1, 0), result.errors


def test_a_county_relay_delivers_its_own_bodies_but_not_another_countys_or_the_citys(penalty, yushan_relay,
                                                                                    enterprise):
    result = submit_records(item=penalty, provider=yushan_relay, records=[
        own_row(1, yushan_relay, CF_CFJG="玉山县市场监督管理局", CF_CFJGDM=YUSHAN_BODY),
        own_row(2, yushan_relay, CF_CFJG="铅山县市场监督管理局", CF_CFJGDM=QIANSHAN_BODY),
        own_row(3, yushan_relay, CF_CFJGDM=MARKET_REGULATION_CODE),
    ], actor=None)
    assert (result.accepted, result.rejected) == (1, 2)
    messages = {e.row: e.message for e in result.errors}
    assert "不在本单位可代报的区划（玉山县）内" in messages[2]
    assert "上饶市市场监督管理局的代码" in messages[3]


def test_a_county_bureau_that_is_not_a_declared_relay_of_the_item_speaks_only_for_itself(penalty, yushan_relay,
                                                                                        enterprise):
    penalty.relay_providers.remove(yushan_relay)
    result = submit_records(item=penalty, provider=yushan_relay, records=[
        own_row(1, yushan_relay, CF_CFJGDM=YUSHAN_BODY)], actor=None)
    assert result.rejected == 1
    assert result.errors[0].message.endswith("只能报送本单位作出的决定")


def test_a_declared_relay_may_deliver_an_item_whose_providers_are_named(db, yushan_relay, enterprise):
    from publiccredit.catalog.models import CatalogItem

    anomaly = CatalogItem.objects.get(code="business_anomaly")
    assert anomaly.providers.exists() and yushan_relay not in anomaly.providers.all()
    anomaly.relay_providers.add(yushan_relay)
    row = {"YC_WSH": "玉市监异〔2026〕1号", "YC_QYMC": enterprise.name, "YC_SHXYM": enterprise.uscc,
           "YC_LRYY": "未按规定公示年度报告", "YC_LRRQ": "2026-11-02", "YC_JG": "玉山县市场监督管理局",
           "YC_JGDM": YUSHAN_BODY}
    result = submit_records(item=anomaly, provider=yushan_relay, records=[row], actor=None)
    assert (result.accepted, result.rejected) == (1, 0), result.errors


def test_a_decision_already_delivered_by_its_authority_is_not_delivered_again_by_a_relay(
        penalty, market_regulation, big_data_bureau, enterprise):
    first = submit_records(item=penalty, provider=market_regulation, records=[penalty_row(1)], actor=None)
    assert first.created == 1
    relayed = penalty_row(1, CF_SJLY=big_data_bureau.name, CF_SJLYDM=big_data_bureau.code)
    again = submit_records(item=penalty, provider=big_data_bureau, records=[relayed, penalty_row(2)], actor=None)
    assert (again.created, again.rejected) == (1, 1)
    [error] = again.errors
    assert (error.row, error.code) == (1, "delivered_by_another")
    assert "已由上饶市市场监督管理局报送" in error.message
    assert records_of(enterprise, Audience.PUBLIC).filter(decision_number="饶市监罚〔2026〕1号").count() == 1


def test_a_withdrawn_decision_is_not_brought_back_by_another_departments_delivery(
        penalty, market_regulation, big_data_bureau, enterprise):
    submit_records(item=penalty, provider=market_regulation, records=[penalty_row(1)], actor=None)
    withdrawn = submit_records(item=penalty, provider=market_regulation,
                               records=[penalty_row(1, CZLX="撤销", CXYY="处罚决定被复议撤销")], actor=None)
    assert withdrawn.withdrawn == 1
    again = submit_records(item=penalty, provider=big_data_bureau, records=[penalty_row(1)], actor=None)
    assert again.created == 0 and again.errors[0].code == "delivered_by_another"
    assert "已撤销" in again.errors[0].message
    assert not records_of(enterprise, Audience.PUBLIC).filter(decision_number="饶市监罚〔2026〕1号").exists()
    assert CreditRecord.objects.filter(decision_number="饶市监罚〔2026〕1号").count() == 1


def test_a_file_import_refuses_the_same_rows_as_the_api(tmp_path, penalty, tax_bureau, market_regulation,
                                                         enterprise):
    submit_records(item=penalty, provider=market_regulation, records=[penalty_row(9)], actor=None)
    rows = [penalty_row(1), own_row(2, tax_bureau), own_row(3, tax_bureau, CF_SJLYDM=MARKET_REGULATION_CODE),
            own_row(9, tax_bureau, CF_WSH="饶市监罚〔2026〕9号")]
    path = write_csv(tmp_path / "penalties.csv", rows)
    result = import_file(item=penalty, provider=tax_bureau, path=path, actor=None)
    assert (result.accepted, result.rejected) == (1, 3)
    codes = sorted((e.row, e.code) for e in result.errors)
    assert codes == [(2, "not_own_decision"), (2, "not_own_decision"), (4, "not_own_decision"),
                     (5, "delivered_by_another")]  # file rows: the header is row 1
