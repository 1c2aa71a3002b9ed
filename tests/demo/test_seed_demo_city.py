from django.core.management import call_command
from django.test import TestCase

from publiccredit.core.identifiers import check_citizen_id, check_uscc
from publiccredit.demo.generators import DemoCity
from publiccredit.subjects.models import Representative, Subject, SubjectName

SHANGRAO_PREFIXES = ("3611", "3623")


def test_the_same_seed_gives_the_same_subjects_and_another_seed_others():
    first = DemoCity(7).organizations(200)
    again = DemoCity(7).organizations(200)
    other = DemoCity(8).organizations(200)
    assert [(o.name, o.uscc) for o in first] == [(o.name, o.uscc) for o in again]
    assert [o.uscc for o in first] != [o.uscc for o in other]


def test_generated_codes_are_valid_and_carry_shangrao_region_codes():
    city = DemoCity(3)
    for person in city.persons(300):
        assert check_citizen_id(person.citizen_id).valid
        assert person.citizen_id.startswith(SHANGRAO_PREFIXES)
    for organization in city.organizations(300):
        assert check_uscc(organization.uscc).valid
        assert organization.uscc[2:6] == "3611"


def test_seeding_creates_subjects_of_every_kind_with_legal_representatives(db, capsys):
    call_command("seed", "--subjects", "400", "--seed", "5", "--no-accounts")
    assert Subject.objects.count() == 400
    kinds = set(Subject.objects.values_list("kind", flat=True))
    assert kinds == set(Subject.Kind.values)
    organizations = Subject.objects.exclude(kind=Subject.Kind.NATURAL_PERSON)
    assert Representative.objects.filter(until__isnull=True).count() == organizations.count()
    assert SubjectName.objects.filter(valid_to__isnull=False).exists() or organizations.count() < 100
    assert Subject.objects.filter(region__level="county").exists()


def test_seeding_again_with_the_same_seed_creates_no_duplicates(db, capsys):
    call_command("seed", "--subjects", "150", "--seed", "9", "--no-accounts")
    call_command("seed", "--subjects", "150", "--seed", "9", "--no-accounts")
    assert Subject.objects.count() == 150
    assert "已存在 150 个" in capsys.readouterr().out


def test_seeding_creates_one_demo_account_per_role(db, capsys, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    call_command("seed", "--subjects", "10", "--seed", "1")
    from publiccredit.accounts.models import User
    from publiccredit.demo.services import DEMO_ACCOUNTS

    assert set(User.objects.values_list("role", flat=True)) >= {"credit_office", "provider_clerk", "regulator",
                                                                 "auditor"}
    assert (tmp_path / "demo-accounts.txt").read_text(encoding="utf-8").count("\n") == len(DEMO_ACCOUNTS)


def test_the_demo_city_has_lists_in_every_state_and_screenings_with_feedback(db, settings, tmp_path):
    from publiccredit.lists.models import ListEntry
    from publiccredit.sanctions.models import MeasureFeedback, Screening

    settings.VAR_DIR = tmp_path
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed", "--subjects", "300", "--seed", "1", "--records", "400")
    states = set(ListEntry.objects.values_list("state", flat=True))
    assert {"proposed", "published"} <= states
    notified = ListEntry.objects.exclude(notified_on=None)
    # every notice served (in person, with its receipt) before the objection period ran
    assert notified.exists() and not notified.filter(served_on=None).exists()
    assert notified.filter(service_method="direct", service_proofs__isnull=False).exists()
    # four eyes: a listing the credit office's officer proposed was approved by another officer
    hand = ListEntry.objects.filter(proposed_by__username="credit-office", approver__isnull=False)
    assert hand.exists() and not hand.filter(approver__username="credit-office").exists()
    assert ListEntry.objects.filter(kind__code="red_list", state="published").exists()
    assert Screening.objects.count() == 12 and Screening.objects.filter(hits__gt=0).exists()
    assert MeasureFeedback.objects.exists()


def test_the_demo_city_has_repairs_and_objections_in_every_state_and_a_bound_enterprise(db, settings, tmp_path):
    from publiccredit.accounts.models import User
    from publiccredit.objections.models import Objection
    from publiccredit.repair.models import RepairApplication

    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed", "--subjects", "300", "--seed", "1", "--records", "600")
    assert set(RepairApplication.objects.values_list("state", flat=True)) == {
        "submitted", "accepted", "returned", "approved", "refused"}
    assert set(Objection.objects.values_list("state", flat=True)) == {"flagged", "upheld", "withdrawn", "rejected",
                                                                      "received"}  # a third party's, to accept
    assert Objection.objects.get(state="received").third_party
    assert User.objects.get(username="demo-enterprise").subject_id is not None
    accounts = (tmp_path / "demo-accounts.txt").read_text(encoding="utf-8")
    assert "demo-enterprise" in accounts and "demo-applicant" in accounts


def test_the_demo_applicant_can_bind_by_the_code_texted_to_a_registered_number(db, settings, tmp_path, sms_outbox):
    import re

    from publiccredit.accounts.models import User
    from publiccredit.selfservice.services import confirm_binding_code, send_binding_code

    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed", "--subjects", "300", "--seed", "1", "--records", "600")
    applicant = User.objects.get(username="demo-applicant")
    request = applicant.binding_requests.get()
    assert request.state == "pending" and applicant.subject_id is None
    send_binding_code(request=request, user=applicant)
    code = re.search(r"验证码(\d{6})", sms_outbox[-1].body).group(1)
    assert confirm_binding_code(request=request, user=applicant, code=code).state == "approved"


def test_the_demo_city_is_graded_and_its_listed_subjects_are_d(db, settings, tmp_path):
    from publiccredit.evaluation.models import EvaluationResult
    from publiccredit.lists.models import ListEntry
    from publiccredit.subjects.models import Subject

    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed", "--subjects", "300", "--seed", "1", "--records", "400", "--no-accounts")
    current = EvaluationResult.objects.filter(model__code="public", is_current=True)
    assert current.count() == Subject.objects.count()
    assert current.exclude(grade="A").exists() and current.exclude(contributions=[]).exists()
    listed = list(ListEntry.objects.in_force().filter(kind__code="serious_dishonesty")
                  .values_list("subject_id", flat=True))
    assert listed and set(current.filter(subject_id__in=listed).values_list("grade", flat=True)) == {"D"}


def test_the_demo_city_has_a_drawn_plan_that_verifies_and_a_frozen_one_awaiting_its_draw(db, settings, tmp_path):
    from publiccredit.inspections.models import InspectionPlan
    from publiccredit.inspections.queries import verify

    settings.VAR_DIR = tmp_path
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed", "--subjects", "300", "--seed", "1", "--records", "200", "--no-accounts")
    drawn = InspectionPlan.objects.get(state=InspectionPlan.State.DRAWN)
    assert drawn.tasks.exists() and verify(drawn) == []
    assert InspectionPlan.objects.filter(state=InspectionPlan.State.FROZEN, seed="").count() == 1


def test_the_demo_city_reports_results_orders_rectifications_interviews_and_lists_the_overdue(db, settings, tmp_path,
                                                                                               client):
    from publiccredit.collection.models import CreditRecord
    from publiccredit.inspections.models import InspectionPlan, InspectionResult
    from publiccredit.lists.models import ListEntry
    from publiccredit.publicity.models import Article
    from publiccredit.rectification.models import Interview, RectificationTask

    settings.VAR_DIR = tmp_path
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed", "--subjects", "300", "--seed", "1", "--records", "200", "--no-accounts")
    drawn = InspectionPlan.objects.get(state=InspectionPlan.State.DRAWN)
    results = InspectionResult.objects.filter(task__plan=drawn)
    assert results.count() == min(6, drawn.tasks.count()) and results.filter(outcome="no_problem").exists()
    rectified = results.get(outcome="rectify")
    assert rectified.record.item.code == "administrative_inspection"
    assert Interview.objects.filter(task=rectified.rectification, kind="prompt").exists()
    page = client.get(f"/credit/{rectified.task.code}/").content.decode()
    assert "双随机抽查" in page and "发现问题已责令整改" in page and "提示约谈" in page
    assert set(RectificationTask.objects.values_list("state", flat=True)) >= {"open", "reported", "completed",
                                                                               "overdue"}
    late = RectificationTask.objects.get(overdue_record__isnull=False)
    assert CreditRecord.objects.filter(pk=late.overdue_record_id, item__code="rectification_overdue").exists()
    assert ListEntry.objects.filter(subject=late.subject, kind__code="watch_list", state="proposed").exists()
    assert Article.objects.filter(kind="case", title__contains="逾期未整改").exists()


def test_the_demo_city_has_commitments_signed_kept_breached_and_withdrawn_and_green_channel_decisions(db, settings,
                                                                                                tmp_path, client):
    from publiccredit.collection.models import CreditRecord
    from publiccredit.commitments.models import Commitment, CommitmentTemplate

    settings.VAR_DIR = tmp_path
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed", "--subjects", "300", "--seed", "1", "--records", "200", "--no-accounts")
    assert CommitmentTemplate.objects.filter(is_active=True).count() >= 3
    assert set(Commitment.objects.values_list("channel", flat=True)) == {"portal", "window", "api"}
    assert set(Commitment.objects.values_list("state", flat=True)) == {"signed", "decided", "withdrawn"}
    assert set(Commitment.objects.values_list("fulfilment", flat=True)) == {"", "full", "partial", "none"}
    breached = Commitment.objects.get(fulfilment="partial")  # the lapsed 容缺受理 is the "none"
    assert CreditRecord.objects.filter(pk=breached.breach_record_id, item__code="commitment_breach").exists()
    public = Commitment.objects.filter(disclosure="public").exclude(state="withdrawn").first()
    assert public.number in client.get("/commitments/").content.decode()
    from publiccredit.commitments.models import GreenChannelDecision

    assert set(GreenChannelDecision.objects.values_list("state", flat=True)) >= {"awaiting", "supplied", "lapsed",
                                                                                "refused"}


def test_the_demo_city_has_course_completions_and_an_association_with_members_commitments_and_notes(
        db, settings, tmp_path, client):
    from publiccredit.associations.models import MemberNote, Membership
    from publiccredit.commitments.models import Commitment
    from publiccredit.education.models import Completion
    from publiccredit.evaluation.models import EvaluationResult

    settings.VAR_DIR = tmp_path
    with TestCase.captureOnCommitCallbacks(execute=True):
        call_command("seed", "--subjects", "300", "--seed", "1", "--records", "200")
    assert set(Completion.objects.values_list("channel", flat=True)) == {"online", "window"}
    learner = Completion.objects.order_by("pk").first().subject
    result = EvaluationResult.objects.get(subject=learner, model__code="public", is_current=True)
    assert "course" in {part["indicator"] for part in result.contributions}
    assert Membership.objects.filter(state="active").count() == 10
    own = Commitment.objects.filter(department__kind="association")
    assert set(own.values_list("fulfilment", flat=True)) == {"", "full", "partial"}
    assert not own.filter(breach_record__isnull=False).exists()
    assert set(MemberNote.objects.values_list("kind", flat=True)) == {"honour", "assessment", "discipline", "breach"}
    accounts = (tmp_path / "demo-accounts.txt").read_text(encoding="utf-8")
    password = next(line.split("\t")[1] for line in accounts.splitlines() if line.startswith("demo-association\t"))
    assert client.login(username="demo-association", password=password)
    assert "上饶市光伏行业协会" in client.get("/association/").content.decode()
    from publiccredit.reports.models import CreditReport
    from publiccredit.reports.services import verify_file

    assert set(CreditReport.objects.values_list("kind", flat=True)) == {"standard", "special"}
    assert all(verify_file(data=bytes(report.pdf)).status == "valid" for report in CreditReport.objects.all())
    from publiccredit.reports.models import AgencyQuery

    assert AgencyQuery.objects.filter(agency__code="91361100MA35AGNCXQ").count() == 1
