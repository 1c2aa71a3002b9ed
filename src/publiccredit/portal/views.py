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


CHINESE_JSON = {"ensure_ascii": False}


def not_found(request, exception):
    """A program calling a wrong API address gets JSON in Chinese, not the website's 404 page."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "接口地址不存在，请对照接口文档（/api/docs/）检查地址和末尾的“/”。"},
                            status=404, json_dumps_params=CHINESE_JSON)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": "服务器内部错误，已记录，请稍后重试；如持续出现请联系信用办。"},
                            status=500, json_dumps_params=CHINESE_JSON)
    from django.views.defaults import server_error as html_server_error

    return html_server_error(request)
