"""Demo grades computed elsewhere (docs/evaluation.md, "Imported results"): the tax authority's 纳税信用等级 for the
first organisations of the demo city, imported through the same path as a real file."""

import random

from django.utils import timezone

from publiccredit.evaluation.imports import import_results, imported_model
from publiccredit.evaluation.models import EvaluationResult
from publiccredit.subjects.models import Subject

TAX_GRADES = ["A", "A", "B", "B", "B", "M", "C", "D"]


def seed_tax_grades(*, count: int = 120, seed: int = 13) -> int:
    """Import ``count`` 纳税信用等级 (skipped when some exist); returns the results imported."""
    model = imported_model("tax_credit")
    if EvaluationResult.objects.filter(model=model).exists():
        return 0
    rng, year = random.Random(seed), timezone.localdate().year
    as_of = f"{year if timezone.localdate().month >= 4 else year - 1}-04-01"
    rows = [{"code": uscc, "grade": rng.choice(TAX_GRADES), "score": "", "as_of": as_of}
            for uscc in Subject.objects.exclude(kind=Subject.Kind.NATURAL_PERSON).order_by("pk")
            .values_list("uscc", flat=True)[:count]]
    return import_results(model=model, rows=rows, actor=None, channel="demo").accepted
