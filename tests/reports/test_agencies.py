"""Credit service agencies (docs/reports.md, "Agencies"): a subject authorises an agency (scope, purpose, period)
and revokes it; the agency queries 社会公开 and 授权查询 records only within an authorisation in force; every query is
kept, audited and listed to the subject; people of agencies and associations see other files as the public."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.audit.models import AuditEntry
from publiccredit.catalog.models import CatalogItem
from publiccredit.core.audience import Audience, audience_for
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.organizations.models import Organization, Region
from publiccredit.reports import services
from publiccredit.reports.models import AgencyQuery, Authorisation

pytestmark = pytest.mark.django_db
AGENCY_USCC = "91361100MA35AGNCXQ"  # check characters computed from GB 32100


@pytest.fixture
def agency(db):
    return Organization.objects.create(code=AGENCY_USCC, name="上饶市信用评估有限公司", kind=Organization.Kind.AGENCY,
                                       region=Region.objects.get(code="361100"))


@pytest.fixture
def analyst(agency):
    return create_user(username="pinggu", role=Role.AGENCY, organization=agency, password="Pinggu-2026!!",
                       full_name="评估员")


def grant(owner, agency, **overrides):
    arguments = {"agency_code": agency.code, "scope": "query", "purpose": "银行授信尽职调查",
                 "until": timezone.localdate() + dt.timedelta(days=30), **overrides}
    return services.grant_authorisation(user=owner, **arguments)


def test_an_agency_queries_only_within_an_authorisation_in_force(enterprise, old_penalty, owner, agency, analyst):
    with pytest.raises(PermissionDenied, match="没有授权本机构查询"):
        services.agency_query(actor=analyst, subject=enterprise)
    authorisation = grant(owner, agency)
    answer = services.agency_query(actor=analyst, subject=enterprise)
    assert [row["decision_number"] for row in answer["records"]] == [old_penalty.decision_number]
    query = AgencyQuery.objects.get()
    assert (query.authorisation_id, query.records, query.user_id) == (authorisation.pk, 1, analyst.pk)
    assert AuditEntry.objects.filter(action="reports.agency.query", actor_id=analyst.pk).exists()
    services.revoke_authorisation(user=owner, authorisation=authorisation)
    with pytest.raises(PermissionDenied):
        services.agency_query(actor=analyst, subject=enterprise)
    later = grant(owner, agency, until=timezone.localdate())
    with pytest.raises(PermissionDenied):
        services.agency_query(actor=analyst, subject=enterprise, today=later.valid_until + dt.timedelta(days=1))


def test_an_agency_sees_authorised_information_but_not_government_shared(enterprise, old_penalty, owner, agency,
                                                                        analyst):
    grant(owner, agency)
    penalty = CatalogItem.objects.get(pk=old_penalty.item_id)
    for disclosure, seen in (("authorized", True), ("government", False), ("public", True)):
        CatalogItem.objects.filter(pk=penalty.pk).update(disclosure=disclosure)
        shown = services.agency_query(actor=analyst, subject=enterprise)["records"]
        assert bool(shown) is seen, disclosure


@pytest.mark.parametrize(("overrides", "message"), [
    ({"agency_code": "91361100MA35XXXX0X"}, "请选择已登记的信用服务机构"),
    ({"scope": "everything"}, "授权范围应为"),
    ({"purpose": " "}, "请填写用途"),
    ({"until": "2020-01-01"}, "不早于今天"),
    ({"until": "2099-01-01"}, "最长一年"),
])
def test_a_bad_authorisation_is_refused_in_chinese_and_nothing_is_kept(owner, agency, overrides, message):
    with pytest.raises(DomainError, match=message):
        grant(owner, agency, **overrides)
    assert not Authorisation.objects.exists()


def test_the_subject_sees_every_query_and_revokes_on_its_page(client, enterprise, owner, agency, analyst):
    client.force_login(owner)
    client.post("/account/authorisations/", {"agency": agency.code, "scope": "query", "purpose": "融资评估",
                                             "until": str(timezone.localdate() + dt.timedelta(days=10))})
    authorisation = Authorisation.objects.get()
    client.force_login(analyst)
    assert client.get("/account/").url == "/agency/"
    found = client.post("/agency/", {"code": enterprise.uscc}).content.decode()
    assert 'id="agency-result"' in found and "融资评估" in found
    client.force_login(owner)
    page = client.get("/account/authorisations/").content.decode()
    assert "上饶市信用评估有限公司" in page and "授权查询信息" in page
    client.post("/account/authorisations/", {"revoke": authorisation.pk})
    assert Authorisation.objects.get().state == "revoked"
    client.force_login(analyst)
    refused = client.post("/agency/", {"code": enterprise.uscc})
    assert refused.status_code == 403 and "授权已过期、已撤销" in refused.content.decode()


def test_an_agency_orders_a_report_only_with_a_report_authorisation(enterprise, owner, agency, analyst):
    with pytest.raises(PermissionDenied):
        services.issue_report(subject=enterprise, kind="standard", actor=analyst, channel="portal")
    grant(owner, agency, scope="report")
    assert services.issue_report(subject=enterprise, kind="standard", actor=analyst, channel="portal").report.number


def test_people_of_agencies_and_associations_see_other_files_as_the_public(enterprise, analyst, market_clerk):
    assert audience_for(analyst, enterprise) == Audience.PUBLIC
    association = Organization.objects.create(code="51361100MJD12345XP", name="协会", region=Region.objects.get(
        code="361100"), kind=Organization.Kind.ASSOCIATION)
    member_keeper = create_user(username="xiehui-a", role=Role.ASSOCIATION, organization=association,
                                password="Xiehui-2026!!")
    assert audience_for(member_keeper, enterprise) == Audience.PUBLIC
    assert audience_for(market_clerk, enterprise) == Audience.DEPARTMENT
