"""The accepting department determines fulfilment; a breach names what was not kept, becomes a 信用承诺未履行 record
that the evaluation deducts for and the list rules count (two in a year: proposed for the watch list); determining
again changes nothing; the back office pages do the same."""

import pytest
from django.test import TestCase
from django.utils import timezone

from publiccredit.collection.models import CreditRecord
from publiccredit.commitments.models import Commitment
from publiccredit.commitments.services import record_fulfilment, sign_commitment
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.lists.models import ListEntry

pytestmark = pytest.mark.django_db


def test_keeping_a_commitment_makes_no_record_and_a_breach_names_what_was_not_kept(template, enterprise, owner,
                                                                                   window_clerk):
    today = timezone.localdate()
    kept = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal")
    done = record_fulfilment(commitment=kept, fulfilment="full", actor=window_clerk)
    assert (done.fulfilment, done.state, done.breach_record_id, done.determined_on) == ("full", "decided", None, today)
    with pytest.raises(DomainError, match="请填写：未履行的承诺内容、违诺责任追究内容"):
        record_fulfilment(commitment=done, fulfilment="partial", actor=window_clerk)
    with pytest.raises(DomainError, match=r"已于.*认定为“全部履行”"):
        record_fulfilment(commitment=done, fulfilment="partial", unfulfilled="x", pursued="y", actor=window_clerk)
    assert record_fulfilment(commitment=done, fulfilment="full", actor=window_clerk).pk == done.pk


def test_a_breach_becomes_a_record_that_the_evaluation_deducts_for(template, enterprise, owner, window_clerk):
    from publiccredit.evaluation.models import EvaluationModel, EvaluationResult

    commitment = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal")
    with TestCase.captureOnCommitCallbacks(execute=True):  # the record's event regrades the subject
        broken = record_fulfilment(commitment=commitment, fulfilment="partial", unfulfilled="未配备食品安全管理人员",
                                   pursued="撤销许可", actor=window_clerk)
    record = CreditRecord.objects.get(pk=broken.breach_record_id)
    assert (record.item.code, record.subject, record.decision_number, record.severity) == (
        "commitment_breach", enterprise, commitment.number, "general")
    assert record.payload["CN_LXZT"] == "部分履行" and record.payload["CN_WLXNR"] == "未配备食品安全管理人员"
    model = EvaluationModel.objects.get(code="public")
    assert model.indicators.filter(code="commitment_breach", catalog_item__code="commitment_breach").exists()
    result = EvaluationResult.objects.get(subject=enterprise, model=model, is_current=True)
    assert [(part["indicator"], part["points"]) for part in result.contributions] == [("commitment_breach", -40.0)]
    assert float(result.score) == 960.0


def test_two_breaches_in_a_year_propose_the_subject_for_the_watch_list(template, voluntary, enterprise, owner,
                                                                       window_clerk):
    for chosen in (template, voluntary):
        commitment = sign_commitment(template=chosen, subject=enterprise, actor=owner, channel="portal")
        with TestCase.captureOnCommitCallbacks(execute=True):
            record_fulfilment(commitment=commitment, fulfilment="none", unfulfilled="均未履行", pursued="记入信用记录",
                              actor=window_clerk)
    entry = ListEntry.objects.get(subject=enterprise, kind__code="watch_list")
    assert entry.rule.name == "一年内两次以上未履行信用承诺拟列入重点关注名单" and entry.records.count() == 2


def test_only_the_accepting_department_determines_fulfilment(template, enterprise, owner, market_clerk, auditor):
    commitment = sign_commitment(template=template, subject=enterprise, actor=owner, channel="portal")
    for actor in (market_clerk, auditor, owner):
        with pytest.raises(PermissionDenied):
            record_fulfilment(commitment=commitment, fulfilment="full", actor=actor)
    assert not Commitment.objects.exclude(fulfilment="").exists()


def test_the_back_office_signs_at_the_window_decides_and_determines(client, template, enterprise, window_clerk):
    client.force_login(window_clerk)
    assert "窗口签署" in client.get("/backoffice/commitments/").content.decode()
    response = client.post("/backoffice/commitments/", {"code": enterprise.uscc, "template": template.code,
                                                        "case_reference": "CK-1"})
    commitment = Commitment.objects.get()
    assert response["Location"] == f"/backoffice/commitments/{commitment.pk}/" and commitment.channel == "window"
    assert commitment.number in client.get(f"/backoffice/commitments/{commitment.pk}/").content.decode()
    client.post(f"/backoffice/commitments/{commitment.pk}/decide/")
    client.post(f"/backoffice/commitments/{commitment.pk}/fulfilment/", {
        "fulfilment": "none", "unfulfilled": "经营场所不符合条件", "pursued": "撤销许可"})
    commitment.refresh_from_db()
    assert (commitment.state, commitment.fulfilment) == ("decided", "none") and commitment.breach_record_id
    unknown = client.post("/backoffice/commitments/", {"code": "91360000000000000X", "template": template.code},
                          follow=True)
    assert "没有找到代码为" in unknown.content.decode()
