"""Evaluation models are data the credit office edits and publishes as versions (docs/evaluation.md): the default
public model is published as shipped, a model that cannot be computed is refused with every reason in Chinese, and
the rules are public on the website."""

import pytest

from publiccredit.audit.models import AuditEntry
from publiccredit.catalog.models import CatalogItem
from publiccredit.core.errors import DomainError
from publiccredit.evaluation.models import EvaluationModel, GradeBand, HardRule, Indicator, IndicatorFamily
from publiccredit.evaluation.reference import DEFAULT_MODEL
from publiccredit.evaluation.scoring import points_after_decay
from publiccredit.evaluation.services import model_problems, publish_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def public_model() -> EvaluationModel:
    return EvaluationModel.objects.get(code="public")


def test_the_default_public_model_is_published_as_shipped(public_model):
    version = public_model.current_version
    assert version.number == 1 and model_problems(public_model) == []
    definition = version.definition
    assert definition["base"] == 1000
    assert [g["grade"] for g in definition["grades"]] == ["A", "B", "C", "D"]
    assert len(definition["indicators"]) == len(DEFAULT_MODEL["indicators"])
    serious = next(i for i in definition["indicators"] if i["code"] == "penalty_serious")
    assert (serious["item"], serious["severity"], serious["points"], serious["cap"]) == ("penalty", "serious", -100, 300)
    assert {r["grade"] for r in definition["hard_rules"] if r["list_kind"] == "serious_dishonesty"} == {"D"}


def test_publishing_an_unchanged_model_keeps_its_version_and_a_change_makes_the_next(public_model,
                                                                                      credit_office_admin):
    assert publish_model(model=public_model, actor=credit_office_admin) == public_model.current_version
    Indicator.objects.filter(model=public_model, code="penalty_serious").update(points=-120)
    version = publish_model(model=public_model, actor=credit_office_admin, reason="加大严重失信扣分")
    assert version.number == 2
    assert next(i for i in version.definition["indicators"] if i["code"] == "penalty_serious")["points"] == -120
    assert AuditEntry.objects.filter(action="evaluation.model.publish", target_id=str(public_model.pk)).count() == 1


def test_thresholds_out_of_order_an_indicator_without_its_item_and_a_bad_decay_are_all_named(public_model,
                                                                                               credit_office_admin):
    GradeBand.objects.filter(model=public_model, grade="B").update(min_score=950)  # the same as A
    GradeBand.objects.filter(model=public_model, grade="D").update(min_score=100)  # scores under 100 get no grade
    Indicator.objects.filter(model=public_model, code="coercion").update(catalog_item=None)
    Indicator.objects.filter(model=public_model, code="honor").update(decay=[[36, 1], [12, 0.5]])
    HardRule.objects.filter(model=public_model, grade="C").update(grade="E")
    with pytest.raises(DomainError) as refused:
        publish_model(model=public_model, actor=credit_office_admin)
    message = refused.value.message
    for part in ("等级的最低分应各不相同", "最低一级“D”", "指标“行政强制”来自信用记录，须选择目录信息项",
                 "指标“守信荣誉”：衰减的月数应为递增的正整数", "等级“E”不在本模型的等级中"):
        assert part in message
    assert EvaluationModel.objects.get(pk=public_model.pk).current_version.number == 1


def test_a_loop_of_models_reading_each_others_scores_is_refused(public_model, credit_office_admin, market_regulation):
    industry = EvaluationModel.objects.create(code="market", name="市场监管行业信用评价", kind="industry",
                                              owner=market_regulation)
    family = IndicatorFamily.objects.create(model=industry, code="public", name="公共信用")
    Indicator.objects.create(model=industry, family=family, code="public_score", name="公共信用综合评价得分",
                             source="model_score", input_model=public_model, points=1)
    GradeBand.objects.create(model=industry, grade="A", min_score=900)
    GradeBand.objects.create(model=industry, grade="B", min_score=0)
    assert publish_model(model=industry, actor=credit_office_admin).number == 1  # reading the public score is fine
    Indicator.objects.create(model=public_model, family=public_model.families.first(), code="market_score",
                             name="行业评价得分", source="model_score", input_model=industry, points=1)
    with pytest.raises(DomainError) as refused:
        publish_model(model=public_model, actor=credit_office_admin)
    assert "得分引用形成循环：public → market → public" in refused.value.message


def test_an_indicator_on_a_retired_catalog_item_is_refused(public_model, credit_office_admin):
    CatalogItem.objects.filter(code="administrative_reward").update(is_active=False)
    assert any("已停用" in problem for problem in model_problems(public_model))


@pytest.mark.parametrize(("months_old", "expected"), [(0, -100.0), (11.9, -100.0), (12, -50.0), (35, -50.0),
                                                       (36, 0.0), (120, 0.0)])
def test_points_fade_by_the_steps_of_the_decay(months_old, expected):
    assert points_after_decay(-100, [[12, 1], [36, 0.5]], months_old) == expected


def test_points_without_a_decay_count_in_full_whatever_their_age():
    assert points_after_decay(30, [], 500) == 30.0


def test_the_website_publishes_the_rules_of_every_published_model(client, public_model):
    page = client.get("/evaluation/").content.decode()
    assert "上饶市公共信用综合评价" in page and "第1版" in page
    assert "严重失信行政处罚" in page and "12个月内按100%，36个月内按50%，此后不计" in page
    assert "列入严重失信主体名单的，评为D级" in page and "950 分及以上" in page


def test_the_credit_office_edits_a_model_in_the_admin_and_a_valid_change_is_published(client, credit_office_admin,
                                                                                        public_model):
    client.force_login(credit_office_admin)
    assert client.get(f"/admin/evaluation/evaluationmodel/{public_model.pk}/change/").status_code == 200
    response = client.post("/admin/evaluation/evaluationmodel/", {
        "action": "publish", "_selected_action": [public_model.pk]})
    assert response.status_code == 302
    assert EvaluationModel.objects.get(pk=public_model.pk).current_version.number == 1
