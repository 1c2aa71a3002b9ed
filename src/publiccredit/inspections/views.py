"""The public 双随机 pages (docs/inspections.md): the published plans and each plan with its commitment, strata,
seed and selection once drawn, and how to verify it."""

from django.http import Http404
from django.shortcuts import render

from .queries import plan_facts, published_plan, published_plans


def plans(request):
    return render(request, "inspections/plans.html", {"plans": published_plans()[:100]})


def plan(request, number: str):
    found = published_plan(number)
    if found is None:
        raise Http404("没有找到已公布的抽查计划")
    return render(request, "inspections/plan.html", {"plan": found, "facts": plan_facts(found)})
