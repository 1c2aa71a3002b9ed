"""Fixtures of graded supervision: a directory of 60 market entities graded A–D (and some not yet graded), a
department's matter and five inspectors."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.core.identifiers import make_uscc
from publiccredit.evaluation.models import EvaluationModel, EvaluationResult
from publiccredit.inspections.models import InspectionMatter, Inspector, ObjectDirectory
from publiccredit.inspections.services import create_plan
from publiccredit.subjects.models import Subject

GRADES = ["A"] * 20 + ["B"] * 20 + ["C"] * 10 + ["D"] * 5 + [""] * 5


@pytest.fixture
def graded_entities(db):
    """60 companies in 信州区 (361102), graded by the public model as GRADES says (the last five not graded)."""
    from publiccredit.organizations.models import Region

    xinzhou = Region.objects.get(code="361102")
    subjects = Subject.objects.bulk_create([
        Subject(kind=Subject.Kind.LEGAL_PERSON, uscc=make_uscc("91", "361102", f"MA{number:06d}"), region=xinzhou,
                name=f"上饶市抽查样本{number}有限公司", name_normalized=f"上饶市抽查样本{number}有限公司")
        for number in range(1, len(GRADES) + 1)])
    model = EvaluationModel.objects.get(code="public")
    now = timezone.now()
    EvaluationResult.objects.bulk_create([
        EvaluationResult(subject=subject, model=model, version_id=model.current_version_id, score=900, grade=grade,
                         base=1000, contributions=[], as_of=now.date(), computed_at=now)
        for subject, grade in zip(subjects, GRADES, strict=True) if grade])
    return subjects


@pytest.fixture
def directory(market_regulation):
    return ObjectDirectory.objects.create(department=market_regulation, name="信州区企业", region_codes=["361102"])


@pytest.fixture
def matter(market_regulation):
    return InspectionMatter.objects.create(department=market_regulation, code="SCJG-001", name="企业公示信息抽查",
                                           legal_basis="《企业信息公示暂行条例》第十四条")


@pytest.fixture
def inspectors(market_regulation):
    return [Inspector.objects.create(department=market_regulation, name=f"检查员{n}",
                                     certificate_number=f"36110020260{n:02d}") for n in range(1, 6)]


@pytest.fixture
def plan(market_regulation, matter, directory, inspectors, graded_entities, credit_office_admin):
    return create_plan(department=market_regulation, title="2026年第四季度企业公示信息抽查", matters=[matter],
                       directory=directory, period_start=dt.date(2026, 12, 7), period_end=dt.date(2026, 12, 31),
                       actor=credit_office_admin)
