"""容缺受理: an approval system asks with the missing materials; an eligible subject signs the 容缺受理 commitment and
gets a deadline in working days; every reason is given otherwise (grade, lists, records, commitments); red-list
subjects pass the grade rule by the measures catalog; the department records supply or lapse, and a lapse is a
breach."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.accounts.services import issue_token
from publiccredit.collection.models import CreditRecord
from publiccredit.commitments.models import Commitment, GreenChannelDecision
from publiccredit.commitments.services import decide_green_channel, record_supply
from publiccredit.core.errors import DomainError
from publiccredit.evaluation.models import EvaluationModel, EvaluationResult
from publiccredit.lists.models import ListEntry, ListKind

pytestmark = pytest.mark.django_db
URL = "/api/v1/commitments/green-channel/"


def grade(subject, letter: str) -> None:
    model = EvaluationModel.objects.get(code="public")
    now = timezone.now()
    EvaluationResult.objects.create(subject=subject, model=model, version_id=model.current_version_id, score=700,
                                    grade=letter, base=1000, contributions=[], as_of=now.date(), computed_at=now)


def working_days_after(day: dt.date, count: int) -> dt.date:
    """Counted here by hand: Monday to Friday (no public holiday in the weeks these tests use)."""
    while count:
        day += dt.timedelta(days=1)
        count -= day.weekday() < 5
    return day


@pytest.fixture
def system(market_regulation):
    token = issue_token(organization=market_regulation, name="审批系统", scopes=["commitments:write"]).secret
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def ask(client, system, subject, **extra):
    body = {"subject": subject.uscc, "matter": "361100-SCJG-009", "missing": ["消毒设施清单", "检验报告"], **extra}
    return client.post(URL, body, content_type="application/json", **system)


def test_an_eligible_subject_signs_the_tolerance_commitment_and_gets_a_deadline(client, system, tolerance,
                                                                                enterprise):
    answer = ask(client, system, enterprise)
    body = answer.json()
    commitment = Commitment.objects.get()
    assert answer.status_code == 200 and body["eligible"] is True and body["reasons"] == []
    assert body["supply_by"] == working_days_after(timezone.localdate(), 5).isoformat()
    assert body["commitment"] == commitment.number and commitment.type == "2" and commitment.channel == "api"
    decision = GreenChannelDecision.objects.get()
    assert decision.missing == ["消毒设施清单", "检验报告"] and decision.state == "awaiting"


def test_an_ineligible_subject_gets_every_reason_and_signs_nothing(client, system, tolerance, enterprise,
                                                                   market_regulation):
    from tests.builders import deliver, recent_penalty

    grade(enterprise, "D")
    row = recent_penalty(3, days_ago=10)
    row["CF_CFLB"] = "吊销许可证件"
    deliver("penalty", [row], market_regulation)
    ListEntry.objects.create(kind=ListKind.objects.get(code="serious_dishonesty"), subject=enterprise, reason="严重失信",
                             state=ListEntry.State.PUBLISHED, start=timezone.localdate() - dt.timedelta(days=3))
    body = ask(client, system, enterprise).json()
    assert body["eligible"] is False and body["supply_by"] is None and body["commitment"] is None
    assert [reason["code"] for reason in body["reasons"]] == ["grade", "listed", "serious_record"]
    assert all(reason["message"] for reason in body["reasons"])
    assert not Commitment.objects.exists() and GreenChannelDecision.objects.get().state == "refused"


def test_a_red_list_subject_passes_the_grade_rule_by_the_measures_catalog(client, system, tolerance, enterprise):
    grade(enterprise, "C")
    assert ask(client, system, enterprise).json()["reasons"][0]["code"] == "grade"
    ListEntry.objects.create(kind=ListKind.objects.get(code="red_list"), subject=enterprise, reason="守信激励",
                             state=ListEntry.State.PUBLISHED, start=timezone.localdate() - dt.timedelta(days=3))
    assert ask(client, system, enterprise, case_reference="BJ-2").json()["eligible"] is True


def test_a_second_ask_for_the_same_case_is_refused_as_a_duplicate_commitment(client, system, tolerance, enterprise):
    assert ask(client, system, enterprise, case_reference="BJ-1").json()["eligible"] is True
    again = ask(client, system, enterprise, case_reference="BJ-1").json()
    assert again["eligible"] is False and again["reasons"][0]["code"] == "duplicate_commitment"
    assert Commitment.objects.count() == 1


@pytest.mark.parametrize(("missing", "message"), [
    ([], "至少一项"), ("检验报告", "至少一项"), (["检验报告", " "], "非空的材料名称"), ([f"材料{n}" for n in range(21)], "最多20项")])
def test_bad_missing_materials_are_refused_naming_the_field(client, system, tolerance, enterprise, missing, message):
    answer = ask(client, system, enterprise, missing=missing)
    assert answer.status_code == 400 and answer.json()["field"] == "missing" and message in answer.json()["detail"]
    assert not GreenChannelDecision.objects.exists()


def test_an_unknown_matter_or_subject_is_refused_naming_the_field(client, system, tolerance, enterprise):
    unknown = ask(client, system, enterprise, matter="nope").json()
    assert unknown["field"] == "matter" and "没有已发布的容缺受理承诺书" in unknown["detail"]
    nobody = client.post(URL, {"subject": "91360000000000000X", "matter": "361100-SCJG-009", "missing": ["a"]},
                         content_type="application/json", **system).json()
    assert nobody["field"] == "subject"


def test_supplied_materials_keep_the_commitment_and_a_lapse_is_a_breach(tolerance, enterprise, window_clerk):
    today = dt.date(2026, 12, 7)
    kept = decide_green_channel(subject=enterprise, template=tolerance, missing=["检验报告"], actor=window_clerk,
                                case_reference="A", today=today)
    record_supply(decision=kept, supplied=True, actor=window_clerk, today=today)
    kept.commitment.refresh_from_db()
    assert kept.commitment.fulfilment == "full"
    lapsed = decide_green_channel(subject=enterprise, template=tolerance, missing=["检验报告"], actor=window_clerk,
                                  case_reference="B", today=today)
    with pytest.raises(DomainError, match="尚未届满"):
        record_supply(decision=lapsed, supplied=False, actor=window_clerk, today=today)
    ended = record_supply(decision=lapsed, supplied=False, actor=window_clerk, today=dt.date(2026, 12, 15))
    ended.commitment.refresh_from_db()
    assert ended.state == "lapsed" and ended.commitment.fulfilment == "none"
    record = CreditRecord.objects.get(pk=ended.commitment.breach_record_id)
    assert "未在2026年12月14日前补齐容缺材料：检验报告" in record.payload["CN_WLXNR"]


def test_the_department_records_supply_in_the_back_office(client, tolerance, enterprise, window_clerk):
    decision = decide_green_channel(subject=enterprise, template=tolerance, missing=["检验报告"], actor=window_clerk)
    client.force_login(window_clerk)
    assert "检验报告" in client.get("/backoffice/commitments/").content.decode()
    client.post(f"/backoffice/commitments/green-channel/{decision.pk}/supplied/")
    decision.refresh_from_db()
    assert decision.state == "supplied"
