"""The credit office runs the listing workflow in the back office; each step is visible with its documents."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.lists.models import ListEntry
from tests.builders import deliver, recent_penalty
from tests.conftest import ENTERPRISE_USCC, second_approver

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(client, credit_office_admin):
    client.force_login(credit_office_admin)
    return client


@pytest.fixture
def penalty(enterprise, market_regulation):
    return deliver("penalty", [recent_penalty(1, CF_CFLB="降低资质等级")], market_regulation)[0]


def serve(office, entry, **overrides):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tests.builders import PDF

    form = {"method": "direct", "served_on": timezone.localdate().isoformat(), "note": "当事人签收",
            "files": [SimpleUploadedFile("送达回证.pdf", PDF, content_type="application/pdf")], **overrides}
    return office.post(f"/backoffice/lists/{entry.pk}/serve/", form, follow=True)


def test_the_credit_office_proposes_by_hand_choosing_the_subjects_records(office, penalty):
    form = office.get(f"/backoffice/lists/new/?code={ENTERPRISE_USCC}").content.decode()
    assert penalty.decision_number in form
    response = office.post("/backoffice/lists/new/", {"code": ENTERPRISE_USCC, "kind": "serious_dishonesty",
                                                      "reason": "降低资质等级，情节严重", "records": [penalty.pk]})
    entry = ListEntry.objects.get()
    assert response.url == f"/backoffice/lists/{entry.pk}/"
    assert list(entry.records.all()) == [penalty] and entry.proposed_by.username == "admin-li"


def test_the_notice_document_states_reasons_basis_measures_rights_and_the_deadline(office, penalty):
    office.post("/backoffice/lists/new/", {"code": ENTERPRISE_USCC, "kind": "serious_dishonesty",
                                           "reason": "降低资质等级，情节严重", "records": [penalty.pk]})
    entry = ListEntry.objects.get()
    office.post(f"/backoffice/lists/{entry.pk}/notify/")
    entry.refresh_from_db()
    assert entry.state == "notified" and entry.served_on is None  # no bound account: a clerk serves it
    notice = office.get(f"/backoffice/lists/{entry.pk}/documents/notice/").content.decode()
    for expected in ("列入前告知书", entry.notice_number, "降低资质等级，情节严重", penalty.decision_number,
                     "限制参加政府采购活动", "陈述、申辩", "自本告知书送达之日起5个工作日内", "救济途径",
                     "上饶市发展和改革委员会"):
        assert expected in notice
    serve(office, entry)
    entry.refresh_from_db()
    notice = office.get(f"/backoffice/lists/{entry.pk}/documents/notice/").content.decode()
    assert f"{entry.objection_until:%Y}年{entry.objection_until.month}月{entry.objection_until.day}日" in notice


def test_a_decision_inside_the_objection_window_is_refused_with_the_date(office, penalty):
    office.post("/backoffice/lists/new/", {"code": ENTERPRISE_USCC, "kind": "serious_dishonesty", "reason": "事由",
                                           "records": [penalty.pk]})
    entry = ListEntry.objects.get()
    office.post(f"/backoffice/lists/{entry.pk}/notify/")
    decide = {"decision_number": "饶信决〔2026〕9号", "approver": second_approver().pk}
    page = office.post(f"/backoffice/lists/{entry.pk}/decide/", decide, follow=True).content.decode()
    assert "告知书尚未送达" in page
    serve(office, entry)
    page = office.post(f"/backoffice/lists/{entry.pk}/decide/", decide, follow=True).content.decode()
    assert "期满后方可作出列入决定" in page
    assert ListEntry.objects.get().state == "notified"


def test_decide_publish_and_exit_in_the_back_office_leave_a_visible_history(office, penalty, credit_office_admin):
    office.post("/backoffice/lists/new/", {"code": ENTERPRISE_USCC, "kind": "serious_dishonesty", "reason": "事由",
                                           "records": [penalty.pk]})
    entry = ListEntry.objects.get()
    office.post(f"/backoffice/lists/{entry.pk}/notify/")
    serve(office, entry)
    ListEntry.objects.filter(pk=entry.pk).update(objection_until=timezone.localdate() - dt.timedelta(days=1))
    page = office.get(f"/backoffice/lists/{entry.pk}/").content.decode()
    assert f'<option value="{credit_office_admin.pk}"' not in page  # the proposer is not offered as approver
    office.post(f"/backoffice/lists/{entry.pk}/decide/", {"decision_number": "饶信决〔2026〕9号",
                                                          "approver": second_approver().pk, "measures": "限制政府采购"})
    office.post(f"/backoffice/lists/{entry.pk}/publish/")
    assert ListEntry.objects.get().state == "published"
    decision = office.get(f"/backoffice/lists/{entry.pk}/documents/decision/").content.decode()
    assert "饶信决〔2026〕9号" in decision and "批准人" in decision
    office.post(f"/backoffice/lists/{entry.pk}/exit/", {"reason": "repair", "note": "已完成信用修复"})
    page = office.get(f"/backoffice/lists/{entry.pk}/").content.decode()
    for label in ("拟列入", "已告知（异议期内）", "已决定", "已公示", "已移出", "已完成信用修复"):
        assert label in page


def test_a_regulator_may_propose_but_not_decide(client, penalty, market_regulation):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    inspector = create_user(username="inspector-sun", role=Role.REGULATOR, organization=market_regulation,
                            full_name="孙检查")
    client.force_login(inspector)
    client.post("/backoffice/lists/new/", {"code": ENTERPRISE_USCC, "kind": "watch_list", "reason": "多次违法",
                                           "records": [penalty.pk]})
    entry = ListEntry.objects.get()
    assert client.post(f"/backoffice/lists/{entry.pk}/notify/").status_code == 403
    assert "办理" not in client.get(f"/backoffice/lists/{entry.pk}/").content.decode().split("<h2>办理记录")[0]


def test_the_entries_page_counts_each_state_and_filters(office, penalty, credit_office_admin):
    office.post("/backoffice/lists/new/", {"code": ENTERPRISE_USCC, "kind": "watch_list", "reason": "事由",
                                           "records": [penalty.pk]})
    page = office.get("/backoffice/lists/?state=proposed").content.decode()
    assert "拟列入 1" in page and "上饶市信江光伏科技有限公司" in page
    assert "上饶市信江光伏科技有限公司" not in office.get("/backoffice/lists/?state=published").content.decode()


def test_the_notice_downloads_as_a_pdf(office, penalty):
    office.post("/backoffice/lists/new/", {"code": ENTERPRISE_USCC, "kind": "serious_dishonesty", "reason": "事由",
                                           "records": [penalty.pk]})
    entry = ListEntry.objects.get()
    assert office.get(f"/backoffice/lists/{entry.pk}/documents/notice.pdf").status_code == 302  # not served yet
    office.post(f"/backoffice/lists/{entry.pk}/notify/")
    response = office.get(f"/backoffice/lists/{entry.pk}/documents/notice.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 5_000


def test_an_entry_proposed_by_a_rule_shows_the_system_as_its_actor(office, enterprise, market_regulation):
    from publiccredit.lists.models import ListKind
    from publiccredit.lists.services import propose_entry

    entry = propose_entry(kind=ListKind.objects.get(code="watch_list"), subject=enterprise, reason="规则提出",
                          actor=None)
    page = office.get(f"/backoffice/lists/{entry.pk}/").content.decode()
    assert "规则提出" in page and "<td>系统</td>" in page
