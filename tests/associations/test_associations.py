"""Industry associations (docs/associations.md): an association's account admits members and sees their public
credit, publishes 行业自律 templates that only members sign, determines fulfilment — a breach becomes a member
credit record, not a public one — and keeps member credit records the member sees on its account."""

import pytest
from django.test import TestCase

from publiccredit.associations import services
from publiccredit.associations.models import MemberNote, Membership
from publiccredit.associations.queries import credit_overview
from publiccredit.audit.models import AuditEntry
from publiccredit.collection.models import CreditRecord
from publiccredit.commitments.models import Commitment
from publiccredit.core.errors import DomainError, PermissionDenied

pytestmark = pytest.mark.django_db


def after_commit():
    return TestCase.captureOnCommitCallbacks(execute=True)


def publish(association_user, **overrides):
    fields = {"title": "光伏行业诚信经营自律承诺书", "matter_name": "光伏行业自律", "reason": "会员单位向协会作出行业自律承诺",
              "content": "不以次充好，不虚标组件功率，按约提供售后服务。", "liability": "违背承诺的，由协会通报批评直至取消会员资格。",
              **overrides}
    return services.publish_template(actor=association_user, **fields)


def test_an_association_admits_a_member_once_and_refuses_a_person_or_an_unknown_code(association_user, enterprise,
                                                                                     citizen):
    membership = services.admit_member(actor=association_user, code=enterprise.uscc, member_number="GF-001")
    assert membership.state == "active" and membership.member_number == "GF-001"
    with pytest.raises(DomainError, match="已是本会会员"):
        services.admit_member(actor=association_user, code=enterprise.uscc)
    with pytest.raises(DomainError, match="没有找到统一社会信用代码"):
        services.admit_member(actor=association_user, code="91361102MA35ABCD4X")
    with pytest.raises(DomainError, match="入会日期“2026-02-30”不是有效日期"):
        services.admit_member(actor=association_user, code=enterprise.uscc, joined_on="2026-02-30")
    assert Membership.objects.count() == 1
    assert AuditEntry.objects.filter(action="associations.membership.admit", actor_id=association_user.pk).exists()


def test_only_an_association_account_may_act_for_an_association(market_clerk, enterprise):
    with pytest.raises(PermissionDenied, match="只有行业协会商会的账号"):
        services.admit_member(actor=market_clerk, code=enterprise.uscc)


def test_an_association_template_is_self_discipline_and_only_members_sign_it(association_user, enterprise, owner):
    template = publish(association_user)
    assert (template.type, template.department_id) == ("5", association_user.organization_id)
    with pytest.raises(DomainError, match="只有上饶市光伏行业协会的会员可以签署"):
        services.sign_as_member(user=owner, template=template)
    services.admit_member(actor=association_user, code=enterprise.uscc)
    commitment = services.sign_as_member(user=owner, template=template)
    assert commitment.type == "5" and commitment.channel == "portal" and commitment.department_id == template.department_id


def test_a_template_missing_fields_is_refused_naming_them(association_user):
    with pytest.raises(DomainError, match="请填写：承诺内容、违诺责任"):
        publish(association_user, content=" ", liability="")
    with pytest.raises(DomainError, match="有效期应为1至60个月"):
        publish(association_user, validity_months="0")


def test_a_breach_of_a_self_discipline_commitment_is_a_member_note_not_a_public_record(association_user, enterprise,
                                                                                       owner):
    template = publish(association_user)
    membership = services.admit_member(actor=association_user, code=enterprise.uscc)
    commitment = services.sign_for_member(actor=association_user, membership=membership, template=template)
    from publiccredit.commitments.services import record_fulfilment

    with after_commit():
        record_fulfilment(commitment=commitment, fulfilment="partial", unfulfilled="虚标组件功率",
                          pursued="通报批评", actor=association_user)
    commitment.refresh_from_db()
    assert commitment.fulfilment == "partial" and commitment.breach_record_id is None
    assert not CreditRecord.objects.filter(item__code="commitment_breach").exists()
    note = MemberNote.objects.get(commitment=commitment)
    assert note.kind == "breach" and "虚标组件功率" in note.content and note.subject_id == enterprise.pk


def test_a_member_sees_the_notes_its_association_keeps_and_signs_on_its_page(client, association_user, enterprise,
                                                                             owner):
    template = publish(association_user)
    membership = services.admit_member(actor=association_user, code=enterprise.uscc)
    services.record_note(actor=association_user, membership=membership, kind="honour", title="2026年度诚信会员单位",
                         content="经会员评议，授予年度诚信会员单位称号。", decision_number="饶光伏协〔2026〕5号")
    client.force_login(owner)
    page = client.get("/account/associations/").content.decode()
    assert "2026年度诚信会员单位" in page and "饶光伏协〔2026〕5号" in page and template.title in page
    client.post("/account/associations/", {"template": template.code, "agree": "on"})
    assert Commitment.objects.filter(subject=enterprise, template=template, channel="portal").exists()
    refused = client.post("/account/commitments/", {"template": template.code, "agree": "on"}).content.decode()
    assert "请会员单位在“我的行业协会”页面签署" in refused


def test_a_note_must_be_of_a_member_with_a_kind_title_and_content(association_user, enterprise, market_regulation):
    membership = services.admit_member(actor=association_user, code=enterprise.uscc)
    with pytest.raises(DomainError, match="请填写：名称、内容"):
        services.record_note(actor=association_user, membership=membership, kind="honour", title="", content="")
    with pytest.raises(DomainError, match="请选择类别"):
        services.record_note(actor=association_user, membership=membership, kind="breach", title="x", content="y")
    stranger = Membership.objects.create(association=market_regulation, subject=enterprise, joined_on="2026-01-01")
    with pytest.raises(PermissionDenied, match="只能记录本会会员"):
        services.record_note(actor=association_user, membership=stranger, kind="honour", title="x", content="y")


def test_the_workspace_shows_members_public_credit_and_is_closed_to_others(client, association_user, enterprise,
                                                                           old_penalty, owner, market_clerk):
    client.force_login(association_user)
    assert client.get("/account/").url == "/association/"
    client.post("/association/admit/", {"code": enterprise.uscc, "member_number": "GF-009"})
    page = client.get("/association/").content.decode()
    assert enterprise.name in page and "GF-009" in page
    [overview] = credit_overview(list(Membership.objects.filter(subject=enterprise)))
    assert overview["negative_records"] == 1 and overview["lists"] == [] and overview["grade"] == ""
    assert AuditEntry.objects.filter(action="associations.members.read", actor_id=association_user.pk).exists()
    assert client.get("/backoffice/").status_code in (302, 403)
    for other in (owner, market_clerk):
        client.force_login(other)
        assert client.get("/association/").status_code == 403
