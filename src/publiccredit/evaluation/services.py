"""Publishing evaluation models (docs/evaluation.md): a model that cannot be computed is refused with every reason, in
Chinese; one that can is frozen as a new version, audited."""

from decimal import Decimal

from django.db import transaction

from publiccredit.audit.services import record_write
from publiccredit.catalog.models import Severity
from publiccredit.core.errors import DomainError

from .models import EvaluationModel, Indicator, ModelVersion

Source = Indicator.Source


def _number(value) -> float:
    return float(value) if value is not None else None


def definition_of(model: EvaluationModel) -> dict:
    """Everything a computation reads, as plain data (what a version freezes)."""
    return {
        "code": model.code, "name": model.name, "kind": model.kind, "disclosure": model.disclosure,
        "base": _number(model.base_score), "min": _number(model.min_score), "max": _number(model.max_score),
        "families": [{"code": f.code, "name": f.name} for f in model.families.order_by("sort_order", "id")],
        "indicators": [{
            "code": i.code, "name": i.name, "family": i.family.code, "source": i.source,
            "item": i.catalog_item.code if i.catalog_item_id else None, "severity": i.severity,
            "list_kind": i.list_kind.code if i.list_kind_id else None,
            "input_model": i.input_model.code if i.input_model_id else None,
            "points": _number(i.points), "cap": _number(i.cap), "decay": i.decay or [],
        } for i in model.indicators.select_related("family", "catalog_item", "list_kind", "input_model")
                                    .order_by("family__sort_order", "sort_order", "id")],
        "grades": [{"grade": g.grade, "label": g.label, "min": _number(g.min_score)}
                   for g in model.grades.order_by("-min_score")],
        "hard_rules": [{"name": r.name, "list_kind": r.list_kind.code if r.list_kind_id else None,
                        "item": r.catalog_item.code if r.catalog_item_id else None, "severity": r.severity,
                        "grade": r.grade} for r in model.hard_rules.select_related("list_kind", "catalog_item")],
    }


def _decay_problems(decay) -> list[str]:
    if decay in (None, []):
        return []
    if not isinstance(decay, list) or not all(isinstance(step, list) and len(step) == 2 for step in decay):
        return ["衰减应写成 [[月数, 系数], …]，如 [[12, 1], [36, 0.5]]"]
    problems, previous_months, previous_factor = [], 0, 1.0
    for months, factor in decay:
        if not isinstance(months, int) or isinstance(months, bool) or months <= previous_months:
            problems.append(f"衰减的月数应为递增的正整数（“{months}”不符合）")
        if not isinstance(factor, int | float) or isinstance(factor, bool) or not 0 <= factor <= previous_factor:
            problems.append(f"衰减系数应在0到1之间且逐级不增（“{factor}”不符合）")
        if isinstance(months, int):
            previous_months = months
        if isinstance(factor, int | float):
            previous_factor = min(previous_factor, factor)
    return problems


def _inputs(model: EvaluationModel) -> set[int]:
    return set(model.indicators.filter(source=Source.MODEL_SCORE, input_model__isnull=False)
               .values_list("input_model_id", flat=True))


def _input_loop(model: EvaluationModel) -> list[str] | None:
    """The chain of model codes leading back to ``model`` through score inputs, if there is one."""
    names = dict(EvaluationModel.objects.values_list("pk", "code"))
    stack, seen = [(model.pk, [model.pk])], set()
    while stack:
        current, path = stack.pop()
        current_model = model if current == model.pk else EvaluationModel(pk=current)
        for target in _inputs(current_model):
            if target == model.pk:
                return [names[pk] for pk in [*path, target]]
            if target not in seen:
                seen.add(target)
                stack.append((target, [*path, target]))
    return None


def model_problems(model: EvaluationModel) -> list[str]:
    """Why ``model`` cannot be computed as it stands (empty when it can)."""
    problems = []
    low, high, base = model.min_score, model.max_score, model.base_score
    if low >= high:
        problems.append(f"最低分（{low}）应小于最高分（{high}）")
    elif not low <= base <= high:
        problems.append(f"基础分（{base}）应在最低分与最高分之间")
    grades = list(model.grades.order_by("-min_score"))
    codes = [g.grade for g in grades]
    if len(grades) < 2:
        problems.append("至少需要两个等级")
    if len(set(codes)) != len(codes):
        problems.append(f"等级名称重复：{'、'.join(sorted({c for c in codes if codes.count(c) > 1}))}")
    thresholds = [g.min_score for g in grades]
    if len(set(thresholds)) != len(thresholds):
        problems.append("等级的最低分应各不相同，由高到低排列")
    if grades and grades[-1].min_score > low:
        problems.append(f"最低一级“{grades[-1].grade}”的最低分（{grades[-1].min_score}）应不高于模型最低分（{low}），"
                        "否则低分主体没有等级")
    for band in grades:
        if band.min_score > high:
            problems.append(f"等级“{band.grade}”的最低分（{band.min_score}）高于模型最高分（{high}）")
    indicators = list(model.indicators.select_related("family", "catalog_item", "list_kind", "input_model"))
    if not indicators:
        problems.append("至少需要一个评价指标")
    severities = set(Severity.values)
    for indicator in indicators:
        where = f"指标“{indicator.name}”"
        if indicator.family.model_id != model.pk:
            problems.append(f"{where}的指标类别不属于本模型")
        if indicator.source == Source.RECORD and indicator.catalog_item_id is None:
            problems.append(f"{where}来自信用记录，须选择目录信息项")
        if indicator.source == Source.LIST_ENTRY and indicator.list_kind_id is None:
            problems.append(f"{where}来自信用名单，须选择名单")
        if indicator.source == Source.MODEL_SCORE:
            if indicator.input_model_id is None:
                problems.append(f"{where}引用其他模型的得分，须选择模型")
            elif indicator.input_model_id == model.pk:
                problems.append(f"{where}不能引用本模型自身的得分")
        if indicator.severity and indicator.severity not in severities:
            problems.append(f"{where}的失信程度“{indicator.severity}”不存在")
        if indicator.catalog_item_id and not indicator.catalog_item.is_active:
            problems.append(f"{where}所用的目录信息项“{indicator.catalog_item.name}”已停用")
        if indicator.cap is not None and indicator.cap < 0:
            problems.append(f"{where}的累计上限不能为负数")
        problems += [f"{where}：{p}" for p in _decay_problems(indicator.decay)]
    for rule in model.hard_rules.all():
        where = f"直接定级规则“{rule.name}”"
        if rule.grade not in codes:
            problems.append(f"{where}的等级“{rule.grade}”不在本模型的等级中")
        if rule.list_kind_id is None and rule.catalog_item_id is None:
            problems.append(f"{where}须指定名单或目录信息项")
    loop = _input_loop(model)
    if loop:
        problems.append(f"模型之间的得分引用形成循环：{' → '.join(loop)}")
    return problems


def publish_model(*, model: EvaluationModel, actor, reason: str = "") -> ModelVersion:
    """Freeze the model as a new version (the current one when nothing changed); refused with every problem."""
    with transaction.atomic():
        model = EvaluationModel.objects.select_for_update().get(pk=model.pk)
        problems = model_problems(model)
        if problems:
            raise DomainError("模型不能发布：" + "；".join(problems), code="model_not_computable")
        definition = definition_of(model)
        current = model.current_version
        if current is not None and current.definition == definition:
            return current
        number = (current.number if current else 0) + 1
        version = ModelVersion.objects.create(model=model, number=number, definition=definition)
        model.current_version = version
        model.save(update_fields=["current_version"])
        record_write(actor=actor, action="evaluation.model.publish", target=model, reason=reason,
                     detail={"version": number, "indicators": len(definition["indicators"])})
    return version


def points_after_decay(points: Decimal | float, decay: list, months_old: float) -> float:
    """The points an occurrence ``months_old`` months ago still counts for (full when ``decay`` is empty)."""
    if not decay:
        return float(points)
    for months, factor in decay:
        if months_old < months:
            return float(points) * factor
    return 0.0
