"""Reads of evaluation models: the published models a reader may see and their rules (docs/evaluation.md)."""

from django.db.models import QuerySet

from .models import EvaluationModel


def published_models(*, kind: str | None = None) -> QuerySet[EvaluationModel]:
    """Active models with a published version, the public model first."""
    models = (EvaluationModel.objects.filter(is_active=True, current_version__isnull=False)
              .select_related("current_version", "owner"))
    if kind:
        models = models.filter(kind=kind)
    return models.order_by("kind", "code")


def rules_of(model: EvaluationModel) -> dict:
    """The published version's rules grouped for reading: families with their indicators, grades, hard rules."""
    definition = model.current_version.definition
    by_family = {family["code"]: {**family, "indicators": []} for family in definition["families"]}
    for indicator in definition["indicators"]:
        by_family[indicator["family"]]["indicators"].append(indicator)
    return {"version": model.current_version.number, "published_at": model.current_version.published_at,
            "base": definition["base"], "min": definition["min"], "max": definition["max"],
            "families": list(by_family.values()), "grades": definition["grades"],
            "hard_rules": definition["hard_rules"]}
