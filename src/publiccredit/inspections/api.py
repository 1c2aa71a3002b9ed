"""The published 双随机 plans (docs/inspections.md, "The draw"): ``GET /api/v1/inspections/plans/``,
``GET /api/v1/inspections/plans/<number>/`` and ``GET …/<number>/candidates.csv`` — public, so that anyone can
recompute a draw; and ``GET /api/v1/inspections/stats/`` (``stats:read``): plans, coverage by grade, results and
rectifications."""

from django.core.paginator import Paginator
from django.http import HttpResponse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.accounts.authentication import HasScope
from publiccredit.accounts.roles import sees_everything
from publiccredit.casework.queries import statistics_window
from publiccredit.rectification.queries import rectification_statistics

from .queries import candidates_file, inspection_statistics, plan_facts, published_plan, published_plans

PAGE_SIZE = 50
STRATUM = inline_serializer("InspectionStratum", {
    "grade": serializers.CharField(help_text="信用等级；空字符串为未评价"),
    "ratio": serializers.CharField(help_text="抽查比例，十进制字符串，如 \"0.05\"；抽中数 = ceil(ratio × candidates)"),
    "candidates": serializers.IntegerField(), "selected": serializers.IntegerField()})


def summary(plan) -> dict:
    return {"number": plan.number, "title": plan.title, "state": plan.state, "state_label": plan.get_state_display(),
            "department": plan.department.name, "period_start": plan.period_start, "period_end": plan.period_end,
            "commitment": plan.commitment, "candidates": plan.candidates_count, "frozen_at": plan.frozen_at,
            "drawn_at": plan.drawn_at, "url": f"/inspections/{plan.number}/"}


class PlansView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(operation_id="v1_inspection_plans", summary="双随机抽查计划（已公布）",
                   parameters=[OpenApiParameter("page", int, default=1)],
                   responses={200: inline_serializer("InspectionPlans", {
                       "count": serializers.IntegerField(), "page": serializers.IntegerField(),
                       "results": serializers.ListField(child=serializers.DictField())}),
                       400: OpenApiResponse(description="page 不是正整数")})
    def get(self, request):
        try:
            number = int(request.query_params.get("page", "1"))
        except ValueError:
            return Response({"detail": "page 必须是正整数"}, status=400)
        page = Paginator(published_plans(), PAGE_SIZE).get_page(number)
        return Response({"count": page.paginator.count, "page": page.number,
                         "results": [summary(plan) for plan in page.object_list]})


class PlanDetailView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(operation_id="v1_inspection_plan", summary="双随机抽查计划及抽取结果",
                   description="seed 在抽取前为 null；按 docs/inspections.md 的算法可由公开数据重新计算抽取结果。",
                   responses={200: inline_serializer("InspectionPlan", {
                       "number": serializers.CharField(), "state": serializers.CharField(),
                       "commitment": serializers.CharField(help_text="SM3(seed)，十六进制"),
                       "seed": serializers.CharField(allow_null=True, help_text="32字节种子的十六进制，抽取后公开"),
                       "candidates_sha256": serializers.CharField(), "strata": serializers.ListField(child=STRATUM),
                       "selected": serializers.ListField(child=serializers.CharField()),
                       "inspectors": serializers.ListField(child=serializers.DictField()),
                       "exclusions": serializers.ListField(child=serializers.DictField()),
                       "tasks": serializers.ListField(child=serializers.DictField()),
                       "results": serializers.ListField(child=serializers.DictField(), help_text=(
                           "已录入的检查结果（一公开）：code、outcome、outcome_label、inspected_on")),
                       "reported": serializers.IntegerField(help_text="已录入结果的户数")}),
                       404: OpenApiResponse(description="没有该计划或尚未公布")})
    def get(self, request, number: str):
        plan = published_plan(number)
        if plan is None:
            return Response({"detail": f"没有找到已公布的抽查计划“{number}”"}, status=404)
        return Response(plan_facts(plan))


class CandidatesView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(operation_id="v1_inspection_plan_candidates", summary="冻结的候选名单（CSV）",
                   description="表头 code,grade，每行一个候选主体，按代码排序；其 SHA-256 即 candidates_sha256。",
                   responses={(200, "text/csv"): OpenApiResponse(description="candidates.csv"),
                              404: OpenApiResponse(description="没有该计划或尚未公布")})
    def get(self, request, number: str):
        plan = published_plan(number)
        if plan is None:
            return Response({"detail": f"没有找到已公布的抽查计划“{number}”"}, status=404)
        response = HttpResponse(candidates_file(plan), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{plan.number}-candidates.csv"'
        return response


class StatisticsView(APIView):
    """Graded supervision's figures for monitoring: a department token its own, the credit office's the city's."""

    permission_classes = [HasScope]
    required_scope = "stats:read"

    @extend_schema(operation_id="v1_inspection_stats", summary="双随机抽查与整改统计",
                   parameters=[OpenApiParameter("since", str, description="YYYY-MM-DD；缺省为一年前"),
                               OpenApiParameter("until", str, description="YYYY-MM-DD；缺省为今天")],
                   responses={200: inline_serializer("SupervisionStatistics", {
                       "since": serializers.DateField(), "until": serializers.DateField(),
                       "inspections": serializers.DictField(help_text=(
                           "plans、selected、reported、pending、pending_late、coverage（按等级：candidates、selected、"
                           "coverage）、outcomes（按检查结果）")),
                       "rectifications": serializers.DictField(help_text=(
                           "ordered、completed、on_time、on_time_rate、open、overdue、recorded_overdue、by_source、"
                           "interviews"))}),
                       400: OpenApiResponse(description="日期格式错误")})
    def get(self, request):
        since, until = statistics_window(request.query_params.get("since"), request.query_params.get("until"))
        department = None if sees_everything(request.user) else request.user.organization_id
        return Response({"since": since, "until": until,
                         "inspections": inspection_statistics(since=since, until=until, department_id=department),
                         "rectifications": rectification_statistics(since=since, until=until,
                                                                    department_id=department)})
