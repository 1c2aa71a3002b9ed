from django.http import JsonResponse
from django.shortcuts import render

from publiccredit.publicity import queries as publicity


def home(request):
    context = {
        "figures": publicity.headline_figures(),
        "latest_penalties": publicity.latest_publicity(publicity.Column.PENALTY),
        "latest_licenses": publicity.latest_publicity(publicity.Column.LICENSE),
        "articles": publicity.published_articles()[:6],
    }
    return render(request, "portal/home.html", context)


def healthz(request):
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
