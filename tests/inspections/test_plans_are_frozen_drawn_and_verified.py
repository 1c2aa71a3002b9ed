"""A plan is frozen (candidates, grades, ratios, inspectors and avoidances fixed and published with a seed's
commitment), drawn once (the seed revealed) and verifiable from its public data alone; bad plans are refused in
Chinese."""

import datetime as dt
import hashlib
import math
from fractions import Fraction

import pytest
from cryptography.hazmat.primitives import hashes, hmac
from django.core.management import call_command
from django.core.management.base import CommandError

from publiccredit.audit.models import AuditEntry
from publiccredit.core.errors import DomainError
from publiccredit.inspections.models import GradeRatio, InspectionPlan, InspectionTask, InspectorConflict
from publiccredit.inspections.services import create_plan, draw_plan, freeze_plan

pytestmark = pytest.mark.django_db


def hmac_sm3(key: bytes, message: str) -> str:
    mac = hmac.HMAC(key, hashes.SM3())
    mac.update(message.encode("utf-8"))
    return mac.finalize().hex()


def sm3(data: bytes) -> str:
    digest = hashes.Hash(hashes.SM3())
    digest.update(data)
    return digest.finalize().hex()


def recompute_from_public_data(client, number: str) -> tuple[set[str], dict[str, list[int]]]:
    """What an outsider does with the API alone: check the list's hash and the seed's commitment, then draw."""
    facts = client.get(f"/api/v1/inspections/plans/{number}/").json()
    content = client.get(f"/api/v1/inspections/plans/{number}/candidates.csv").content
    assert hashlib.sha256(content).hexdigest() == facts["candidates_sha256"]
    seed = bytes.fromhex(facts["seed"])
    assert len(seed) == 32 and sm3(seed) == facts["commitment"]
    lines = content.decode("utf-8").splitlines()
    assert lines[0] == "code,grade"
    candidates = [line.split(",") for line in lines[1:]]
    selected = set()
    for stratum in facts["strata"]:
        members = sorted((hmac_sm3(seed, f"{number}|{code}"), code) for code, grade in candidates
                         if grade == stratum["grade"])
        take = math.ceil(Fraction(stratum["ratio"]) * len(members))
        assert (len(members), take) == (stratum["candidates"], stratum["selected"])
        selected |= {code for _, code in members[:take]}
    excluded = {(pair["inspector"], pair["code"]) for pair in facts["exclusions"]}
    pool = [inspector["id"] for inspector in facts["inspectors"]]
    assigned = {code: [i for _, i in sorted((hmac_sm3(seed, f"{number}|{code}|{i}"), i) for i in pool
                                            if (i, code) not in excluded)][:facts["inspectors_per_task"]]
                for code in selected}
    return selected, assigned


def test_a_frozen_plan_publishes_its_candidates_and_commitment_but_not_its_seed(client, plan, credit_office_admin,
                                                                               graded_entities):
    freeze_plan(plan=plan, actor=credit_office_admin)
    facts = client.get(f"/api/v1/inspections/plans/{plan.number}/").json()
    assert facts["state"] == "frozen" and facts["seed"] is None and len(facts["commitment"]) == 64
    assert {(s["grade"], s["ratio"], s["candidates"]) for s in facts["strata"]} == {
        ("A", "0.05", 20), ("B", "0.2", 20), ("C", "0.6", 10), ("D", "1", 5), ("", "0.2", 5)}
    content = client.get(f"/api/v1/inspections/plans/{plan.number}/candidates.csv").content
    assert content.count(b"\n") == 61 and hashlib.sha256(content).hexdigest() == facts["candidates_sha256"]
    assert [p["number"] for p in client.get("/api/v1/inspections/plans/").json()["results"]] == [plan.number]
    assert AuditEntry.objects.filter(action="inspections.plan.freeze", actor_id=credit_office_admin.pk).exists()


def test_the_draw_is_recomputed_from_the_public_data_alone_and_a_second_draw_changes_nothing(
        client, plan, credit_office_admin):
    freeze_plan(plan=plan, actor=credit_office_admin)
    drawn = draw_plan(plan=plan, actor=credit_office_admin)
    selected, assigned = recompute_from_public_data(client, plan.number)
    facts = client.get(f"/api/v1/inspections/plans/{plan.number}/").json()
    assert set(facts["selected"]) == selected and len(selected) == 1 + 4 + 6 + 5 + 1
    assert {task["code"]: task["inspectors"] for task in facts["tasks"]} == assigned
    assert all(len(inspectors) == 2 for inspectors in assigned.values())
    again = draw_plan(plan=plan, actor=credit_office_admin)
    assert again.seed == drawn.seed and InspectionTask.objects.filter(plan=plan).count() == len(selected)
    call_command("verify-draw", plan.number)


def test_verify_draw_finds_a_changed_selection_and_says_so_in_chinese(plan, credit_office_admin, graded_entities):
    freeze_plan(plan=plan, actor=credit_office_admin)
    draw_plan(plan=plan, actor=credit_office_admin)
    drawn_codes = set(InspectionTask.objects.filter(plan=plan).values_list("code", flat=True))
    outsider = next(subject for subject in graded_entities if subject.uscc not in drawn_codes)
    InspectionTask.objects.filter(plan=plan).order_by("pk").filter(pk=InspectionTask.objects.filter(
        plan=plan).order_by("pk").values("pk")[:1]).update(code=outsider.uscc)
    with pytest.raises(CommandError, match="抽中名单与公布的名单不同"):
        call_command("verify-draw", plan.number)


def test_an_inspector_never_inspects_a_subject_they_declared_a_conflict_with(client, plan, credit_office_admin,
                                                                          inspectors, graded_entities):
    conflicted = graded_entities[50:55]  # the D grade: all drawn
    for subject in conflicted:
        InspectorConflict.objects.create(inspector=inspectors[0], subject=subject, reason="近亲属任职")
    freeze_plan(plan=plan, actor=credit_office_admin)
    draw_plan(plan=plan, actor=credit_office_admin)
    for subject in conflicted:
        task = InspectionTask.objects.get(plan=plan, code=subject.uscc)
        assert inspectors[0].pk not in task.inspectors and len(task.inspectors) == 2
    facts = client.get(f"/api/v1/inspections/plans/{plan.number}/").json()
    assert {(e["inspector"], e["code"]) for e in facts["exclusions"]} == {(inspectors[0].pk, s.uscc) for s in conflicted}
    assert recompute_from_public_data(client, plan.number)[1] == {t["code"]: t["inspectors"] for t in facts["tasks"]}


def test_the_next_plan_keeps_an_inspector_away_from_the_subjects_they_inspected_in_the_last(
        plan, credit_office_admin, matter, directory, market_regulation):
    freeze_plan(plan=plan, actor=credit_office_admin)
    draw_plan(plan=plan, actor=credit_office_admin)
    following = create_plan(department=market_regulation, title="2027年第一季度抽查", matters=[matter],
                            directory=directory, period_start=dt.date(2027, 1, 4), period_end=dt.date(2027, 3, 31),
                            actor=credit_office_admin)
    freeze_plan(plan=following, actor=credit_office_admin)
    draw_plan(plan=following, actor=credit_office_admin)
    before = dict(InspectionTask.objects.filter(plan=plan).values_list("code", "inspectors"))
    for code, inspectors in InspectionTask.objects.filter(plan=following).values_list("code", "inspectors"):
        assert not set(inspectors) & set(before.get(code, []))
    assert following.exclusions.filter(cause="last_plan").count() == 2 * len(before)


def test_a_plan_that_cannot_be_drawn_is_refused_with_every_reason(plan, credit_office_admin, inspectors):
    for inspector in inspectors[1:]:
        inspector.is_active = False
        inspector.save()
    GradeRatio.objects.filter(grade="C").delete()
    with pytest.raises(DomainError) as refused:
        freeze_plan(plan=plan, actor=credit_office_admin)
    assert "信用等级“C”在抽查比例表中没有比例" in refused.value.message
    assert "在岗的检查人员只有1名，少于每户所需的2名" in refused.value.message
    plan.refresh_from_db()
    assert plan.state == InspectionPlan.State.DRAFT and not plan.commitment


def test_a_directory_without_candidates_and_a_bad_draft_are_refused(plan, credit_office_admin, directory, matter,
                                                                  market_regulation):
    directory.region_codes = ["360000999"]
    directory.save()
    with pytest.raises(DomainError, match="没有符合条件的检查对象"):
        freeze_plan(plan=plan, actor=credit_office_admin)
    with pytest.raises(DomainError) as refused:
        create_plan(department=market_regulation, title="", matters=[], directory=directory,
                    period_start=dt.date(2026, 12, 31), period_end=dt.date(2026, 12, 1), inspectors_per_task=1,
                    actor=credit_office_admin)
    for reason in ("请填写计划名称", "请选择至少一个抽查事项", "检查结束日期不能早于开始日期", "每户检查人员不少于2名"):
        assert reason in refused.value.message


def test_a_ratio_outside_zero_to_one_is_refused_when_saved_and_when_frozen(plan, credit_office_admin):
    from django.core.exceptions import ValidationError

    ratio = GradeRatio.objects.get(grade="A")
    ratio.ratio = "1.5"
    with pytest.raises(ValidationError):
        ratio.full_clean()
    ratio.save()
    with pytest.raises(DomainError, match=r"抽查比例1\.5000应在0到1之间"):
        freeze_plan(plan=plan, actor=credit_office_admin)


def test_a_draft_is_neither_published_nor_drawn(client, plan, credit_office_admin):
    assert client.get(f"/api/v1/inspections/plans/{plan.number}/").status_code == 404
    assert client.get(f"/inspections/{plan.number}/").status_code == 404
    with pytest.raises(DomainError, match="尚未审批冻结"):
        draw_plan(plan=plan, actor=credit_office_admin)


def test_the_public_page_shows_the_commitment_the_seed_after_the_draw_and_how_to_verify(client, plan,
                                                                                       credit_office_admin):
    freeze_plan(plan=plan, actor=credit_office_admin)
    page = client.get(f"/inspections/{plan.number}/").content.decode()
    plan.refresh_from_db()
    assert plan.commitment in page and "抽取时公开" in page and "如何核验" in page
    draw_plan(plan=plan, actor=credit_office_admin)
    plan.refresh_from_db()
    page = client.get(f"/inspections/{plan.number}/").content.decode()
    assert plan.seed in page and "抽中的检查对象及检查人员" in page
    assert plan.number in client.get("/inspections/").content.decode()


def test_only_the_plans_departments_or_the_credit_office_freeze_and_draw_it_and_auditors_only_read(
        plan, auditor, credit_office_admin):
    from publiccredit.accounts.models import Role
    from publiccredit.accounts.services import create_user
    from publiccredit.core.errors import PermissionDenied
    from publiccredit.organizations.models import Organization

    tax = Organization.objects.get(name="国家税务总局上饶市税务局")
    outsider = create_user(username="tax-regulator", role=Role.REGULATOR, organization=tax, password="Shuiwu-2026!",
                           full_name="钱监管")
    with pytest.raises(PermissionDenied, match="只有计划的实施部门或信用主管部门可以审批冻结抽查计划"):
        freeze_plan(plan=plan, actor=outsider)
    with pytest.raises(PermissionDenied, match="审计人员只能查阅"):
        freeze_plan(plan=plan, actor=auditor)
    own = create_user(username="market-regulator", role=Role.REGULATOR, organization=plan.department,
                      password="Shichang-2026!", full_name="孙监管")
    freeze_plan(plan=plan, actor=own)
    with pytest.raises(PermissionDenied, match="可以抽取"):
        draw_plan(plan=plan, actor=outsider)
    assert draw_plan(plan=plan, actor=own).state == InspectionPlan.State.DRAWN


def test_a_department_keeps_its_plans_in_the_admin_and_a_plan_added_there_gets_its_number(
        client, plan, market_regulation, matter, directory):
    from publiccredit.accounts.models import Role
    from publiccredit.accounts.services import create_user
    from publiccredit.organizations.models import Organization

    tax = Organization.objects.get(name="国家税务总局上饶市税务局")
    outsider = create_user(username="tax-regulator", role=Role.REGULATOR, organization=tax, password="Shuiwu-2026!",
                           full_name="钱监管")
    client.force_login(outsider)
    assert plan.number not in client.get("/admin/inspections/inspectionplan/").content.decode()
    own = create_user(username="market-regulator", role=Role.REGULATOR, organization=market_regulation,
                      password="Shichang-2026!", full_name="孙监管")
    client.force_login(own)
    assert plan.number in client.get("/admin/inspections/inspectionplan/").content.decode()
    answer = client.post("/admin/inspections/inspectionplan/add/", {
        "title": "后台制定的计划", "matters": [matter.pk], "directory": directory.pk, "period_start": "2027-01-04",
        "period_end": "2027-03-31", "inspectors_per_task": 2})
    assert answer.status_code == 302, answer.content.decode()[:2000]
    added = InspectionPlan.objects.get(title="后台制定的计划")
    assert added.number.startswith("SS") and added.department == market_regulation and added.created_by == own
