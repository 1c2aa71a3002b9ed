"""A subject signs a department's template online, at the window or through the department's approval system; the
number is region + date + serial; ineligible subjects are refused with every rule; a second open commitment for the
same matter is refused; it may be withdrawn until the matter is decided; public ones show in the column and on the
credit file."""

import datetime as dt
import re

import pytest

from publiccredit.accounts.services import issue_token
from publiccredit.collection.models import CreditRecord
from publiccredit.commitments.models import Commitment
from publiccredit.commitments.services import (
    decide_matter,
    eligibility_reasons,
    sign_commitment,
    withdraw_commitment,
)
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.lists.models import ListEntry, ListKind

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 12, 7)


def test_the_number_is_six_digit_region_eight_digit_date_and_a_six_digit_serial(template, enterprise, owner,
                                                                                 voluntary):
    first = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal", today=DAY)
    second = sign_commitment(template=voluntary, subject=enterprise, actor=owner, channel="portal", today=DAY)
    region = template.department.region.code[:6]
    assert re.fullmatch(r"\d{6}\d{8}\d{6}", first.number) and len(first.number) == 20
    assert (first.number, second.number) == (f"{region}20261207000001", f"{region}20261207000002")
    assert (first.committer_name, first.committer_code, first.committer_category) == (
        enterprise.name, enterprise.uscc, "法人及非法人组织")
    assert (first.type, first.valid_until, first.state) == ("1", dt.date(2027, 12, 7), "signed")


def test_a_listed_subject_or_one_with_a_serious_record_is_refused_with_every_rule(template, enterprise, owner,
                                                                                   voluntary, market_regulation):
    from tests.builders import deliver, recent_penalty

    row = recent_penalty(7, days_ago=10)
    row["CF_CFLB"] = "吊销许可证件"
    [record] = deliver("penalty", [row], market_regulation)
    assert record.severity == "serious"
    ListEntry.objects.create(kind=ListKind.objects.get(code="serious_dishonesty"), subject=enterprise, reason="严重失信",
                             state=ListEntry.State.PUBLISHED, start=DAY - dt.timedelta(days=5))
    reasons = eligibility_reasons(subject=enterprise, template=template, today=DAY)
    assert [reason.code for reason in reasons] == ["listed", "serious_record"]
    with pytest.raises(DomainError) as refused:
        sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal", today=DAY)
    assert "不适用“食品经营许可（仅销售预包装食品）”的审批替代型承诺" in refused.value.message
    assert "严重失信主体名单" in refused.value.message and "未修复的严重失信记录" in refused.value.message
    # the rules name the types they hold for: a 主动型 commitment is still open to it
    assert sign_commitment(template=voluntary, subject=enterprise, actor=owner, channel="portal", today=DAY)
    assert not Commitment.objects.filter(template=template).exists()


def test_the_cached_rules_follow_a_change_to_a_rule_a_list_kind_or_a_catalog_item_at_once(template, enterprise,
                                                                                          market_regulation):
    from publiccredit.catalog.models import CatalogItem
    from publiccredit.commitments.models import EligibilityRule
    from tests.builders import deliver, recent_penalty

    row = recent_penalty(8, days_ago=10)
    row["CF_CFLB"] = "吊销许可证件"
    deliver("penalty", [row], market_regulation)
    watch = ListKind.objects.get(code="watch_list")
    ListEntry.objects.create(kind=watch, subject=enterprise, reason="重点关注", state=ListEntry.State.PUBLISHED,
                             start=DAY - dt.timedelta(days=5))
    assert [r.code for r in eligibility_reasons(subject=enterprise, template=template, today=DAY)] == ["serious_record"]
    watch.category = ListKind.Category.DISHONEST  # a kind the credit office re-categorises bars at once
    watch.save()
    assert [r.code for r in eligibility_reasons(subject=enterprise, template=template,
                                                today=DAY)] == ["listed", "serious_record"]
    penalty = CatalogItem.objects.get(code="penalty")
    penalty.nature = CatalogItem.Nature.NEUTRAL  # no longer a negative item: its records are not serious dishonesty
    penalty.save()
    assert [r.code for r in eligibility_reasons(subject=enterprise, template=template, today=DAY)] == ["listed"]
    rule = EligibilityRule.objects.get(kind="listed")
    rule.is_active = False
    rule.save()
    assert eligibility_reasons(subject=enterprise, template=template, today=DAY) == []


def test_a_high_risk_matter_takes_no_approval_commitment(template, enterprise, owner):
    template.high_risk = True
    template.save()
    with pytest.raises(DomainError, match="不适用审批替代型告知承诺"):
        sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal", today=DAY)


def test_a_second_open_commitment_for_the_same_matter_is_refused_and_allowed_once_withdrawn(template, enterprise,
                                                                                            owner):
    first = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal", today=DAY)
    with pytest.raises(DomainError, match="已就“食品经营许可（仅销售预包装食品）”作出承诺且事项尚未办结，不能重复承诺"):
        sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal", today=DAY)
    withdraw_commitment(commitment=first, actor=owner)
    again = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal", today=DAY)
    assert again.number != first.number and Commitment.objects.count() == 2


def test_a_decided_matter_can_no_longer_be_withdrawn(template, enterprise, owner, window_clerk):
    commitment = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal", today=DAY)
    decide_matter(commitment=commitment, actor=window_clerk)
    with pytest.raises(DomainError, match="事项办结后不能撤回"):
        withdraw_commitment(commitment=commitment, actor=owner)


def test_only_the_subjects_account_signs_online_and_only_the_accepting_departments_clerk_at_the_window(
        template, enterprise, citizen, window_clerk, market_clerk):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user
    from publiccredit.organizations.models import Organization

    stranger = create_user(username="geren-cn", role=Role.SUBJECT_USER, subject=citizen, password="Geren-2026!!x")
    with pytest.raises(PermissionDenied, match="只有已绑定该主体的账号"):
        sign_commitment(template=template, subject=enterprise, actor=stranger, channel="portal", today=DAY)
    tax = create_user(username="shuiwu-cn", role=Role.REGULATOR, password="Shuiwu-2026!x",
                      organization=Organization.objects.get(name="国家税务总局上饶市税务局"))
    with pytest.raises(PermissionDenied, match="由上饶市市场监督管理局受理"):
        sign_commitment(template=template, subject=enterprise, actor=tax, channel="window", today=DAY)
    with pytest.raises(PermissionDenied, match="窗口或审批人员"):
        sign_commitment(template=template, subject=enterprise, actor=market_clerk, channel="window", today=DAY)
    signed = sign_commitment(template=template, subject=enterprise, actor=window_clerk, channel="window", today=DAY)
    assert signed.channel == "window" and signed.signed_by == window_clerk


def test_an_approval_system_signs_through_the_api_and_bad_requests_name_the_field(client, template, enterprise,
                                                                                   market_regulation):
    token = issue_token(organization=market_regulation, name="审批系统", scopes=["commitments:write"]).secret
    auth = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    templates = client.get("/api/v1/commitments/templates/").json()["results"]
    assert [(t["code"], t["matter_code"], t["type"]) for t in templates] == [
        ("scjg-spjy-1", "361100-SCJG-001", "1")]
    created = client.post("/api/v1/commitments/", {"template": "scjg-spjy-1", "subject": enterprise.uscc,
                                                   "case_reference": "BJ2026120700001"},
                          content_type="application/json", **auth)
    assert created.status_code == 201 and created.json()["number"].endswith("000001")
    assert Commitment.objects.get().channel == "api"
    unknown = client.post("/api/v1/commitments/", {"template": "nope", "subject": enterprise.uscc},
                          content_type="application/json", **auth).json()
    assert unknown["field"] == "template" and "没有编码为“nope”的已发布承诺模板" in unknown["detail"]
    twice = client.post("/api/v1/commitments/", {"template": "scjg-spjy-1", "subject": enterprise.uscc,
                                                 "case_reference": "BJ2026120700001"},
                        content_type="application/json", **auth)
    assert twice.status_code == 400 and twice.json()["code"] == "duplicate_commitment"
    assert client.post("/api/v1/commitments/", {"template": "scjg-spjy-1", "subject": enterprise.uscc},
                       content_type="application/json").status_code in (401, 403)
    assert Commitment.objects.count() == 1


def test_public_commitments_show_in_the_column_the_api_and_the_credit_file(client, template, enterprise, owner):
    template.disclosure = "restricted"
    template.save()
    restricted = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal", today=DAY)
    template.disclosure, template.code = "public", "scjg-spjy-1b"
    template.pk = None
    template.save()
    public = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal", today=DAY)
    listed = client.get(f"/api/v1/commitments/?subject={enterprise.uscc}").json()["results"]
    assert [row["number"] for row in listed] == [public.number]
    column = client.get("/commitments/").content.decode()
    assert public.number in column and restricted.number not in column and "食品经营许可告知承诺书" in column
    credit_file = client.get(f"/credit/{enterprise.uscc}/").content.decode()
    assert "信用承诺" in credit_file and public.number in credit_file and restricted.number not in credit_file
    client.force_login(owner)
    own_file = client.get(f"/credit/{enterprise.uscc}/").content.decode()
    assert restricted.number in own_file


def test_an_account_signs_and_withdraws_on_the_portal(client, template, enterprise, owner):
    client.force_login(owner)
    page = client.get("/account/commitments/").content.decode()
    assert "食品经营许可告知承诺书" in page
    refused = client.post("/account/commitments/", {"template": template.code})
    assert refused.status_code == 400 and "请阅读承诺内容并勾选" in refused.content.decode()
    client.post("/account/commitments/", {"template": template.code, "agree": "on"})
    commitment = Commitment.objects.get()
    assert commitment.channel == "portal" and commitment.signed_by == owner
    client.post(f"/account/commitments/{commitment.pk}/withdraw/")
    commitment.refresh_from_db()
    assert commitment.state == "withdrawn"


def test_a_past_breach_bars_approval_commitments_for_three_years(template, enterprise, owner, voluntary,
                                                                window_clerk):
    from publiccredit.commitments.services import record_fulfilment

    old = sign_commitment(template=voluntary, subject=enterprise, actor=owner, channel="portal", today=DAY)
    record_fulfilment(commitment=old, fulfilment="none", unfulfilled="未依法诚信经营", pursued="记入信用记录",
                      actor=window_clerk, today=DAY)
    assert CreditRecord.objects.filter(item__code="commitment_breach", subject=enterprise).exists()
    assert [r.code for r in eligibility_reasons(subject=enterprise, template=template, today=DAY)] == [
        "false_commitment"]
    assert eligibility_reasons(subject=enterprise, template=template, today=dt.date(2030, 1, 1)) == []
