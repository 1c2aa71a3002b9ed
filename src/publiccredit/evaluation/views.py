from django.shortcuts import render

from .queries import published_models, rules_of


def rules(request):
    """评价规则: every published model's rules, as a city publishes them (docs/evaluation.md)."""
    return render(request, "evaluation/rules.html", {
        "models": [(model, rules_of(model)) for model in published_models()]})

