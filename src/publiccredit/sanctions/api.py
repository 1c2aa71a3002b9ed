"""Screening API for departments' systems (查询-比对-执行-反馈) and its matters and statistics."""

from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.accounts.authentication import HasScope
from publiccredit.accounts.roles import sees_everything
from publiccredit.core.api import local_iso
from publiccredit.core.errors import DomainError

from .queries import matters_overview, parse_month, screening_findings, screenings_for, statistics
from .services import ScreeningRejected, active_matter, parse_subjects, record_feedback, run_screening

PROBLEM = inline_serializer("ScreeningProblem", {
    "index": serializers.IntegerField(required=False, help_text="subjects 中的序号（从0起）"),
    "field": serializers.CharField(), "message": serializers.CharField()})
REJECTED = inline_serializer("ScreeningRejected", {"detail": serializers.CharField(),
                                                   "problems": serializers.ListField(child=PROBLEM, required=False)})
FINDING = inline_serializer("ScreeningFinding", {
    "index": serializers.IntegerField(), "query": serializers.DictField(),
    "found": serializers.BooleanField(help_text="是否在信用主体库中找到；未找到不等于无不良信息"),
    "status": serializers.ChoiceField(choices=["clean", "hit", "not_found", "ambiguous", "invalid"]),
    "subject": serializers.DictField(required=False),
    "list_entries": serializers.ListField(child=serializers.DictField(), required=False),
    "records": serializers.ListField(child=serializers.DictField(), required=False,
                                     help_text="有效的失信记录；objection=true 表示异议处理中"),
    "measures": serializers.ListField(child=serializers.DictField(), required=False,
                                      help_text="本事项适用的惩戒或激励措施；suspended=true 表示因异议暂停执行"),
    "related": serializers.ListField(child=serializers.DictField(), required=False,
                                     help_text="关联命中：法定代表人或其担任法定代表人的单位在失信名单中"),
    "notes": serializers.ListField(child=serializers.CharField(), required=False),
    "message": serializers.CharField(required=False)})
RESULT = inline_serializer("ScreeningResult", {
    "id": serializers.IntegerField(), "matter": serializers.CharField(), "matter_name": serializers.CharField(),
    "reference": serializers.CharField(), "created_at": serializers.DateTimeField(),
    "total": serializers.IntegerField(), "found": serializers.IntegerField(), "not_found": serializers.IntegerField(),
    "invalid": serializers.IntegerField(), "hits": serializers.IntegerField(),
    "related_hits": serializers.IntegerField(), "measures": serializers.IntegerField(),
    "results": serializers.ListField(child=FINDING)})


def _rejected(exc: ScreeningRejected) -> Response:
    return Response({"detail": exc.message, "problems": exc.problems[:1000],
                     "problem_count": len(exc.problems)}, status=400)


class ScreeningView(APIView):
    """Screen up to 10,000 subjects for one business matter. Each subject by ``code`` (USCC or citizen ID) or by
    ``name`` (organisations only; a person needs the ID number)."""

    permission_classes = [HasScope]
    required_scope = "screening:write"

    @extend_schema(summary="联合奖惩比对（查询-比对）", request=inline_serializer("ScreeningRequest", {
        "matter": serializers.CharField(help_text="业务事项代码，见 GET /api/v1/screening/matters/"),
        "reference": serializers.CharField(required=False, help_text="业务编号，如采购项目编号"),
        "subjects": serializers.ListField(child=serializers.DictField(), help_text="[{\"code\": …} 或 {\"name\": …}]，最多10000个")}),
        responses={201: RESULT, 400: REJECTED})
    def post(self, request):
        body = request.data if isinstance(request.data, dict) else {}
        matter, asks, messages, problems = None, None, [], []
        try:
            matter = active_matter(str(body.get("matter") or ""))
        except ScreeningRejected as exc:
            messages.append(exc.message)
            problems.extend(exc.problems)
        try:
            asks = parse_subjects(body.get("subjects"))
        except ScreeningRejected as exc:
            messages.append(exc.message)
            problems.extend(exc.problems)
        if problems:
            return _rejected(ScreeningRejected("；".join(messages), problems))
        result = run_screening(matter=matter, asks=asks, actor=request.user, organization=request.user.organization,
                               channel="api", reference=str(body.get("reference") or ""))
        return Response(result.as_dict(), status=201)


class ScreeningDetailView(APIView):
    permission_classes = [HasScope]
    required_scope = "screening:write"

    @extend_schema(summary="查看比对结果", parameters=[OpenApiParameter("only_hits", bool, default=False)],
                   responses={200: RESULT})
    def get(self, request, screening_id: int):
        screening = get_object_or_404(screenings_for(request.user), pk=screening_id)
        only_hits = request.query_params.get("only_hits") in ("1", "true")
        return Response({**_summary(screening), "results": screening_findings(screening, only_hits=only_hits)})


def _summary(s) -> dict:
    return {"id": s.pk, "matter": s.matter.code, "matter_name": s.matter.name, "reference": s.reference,
            "created_at": local_iso(s.created_at), "total": s.total, "found": s.found, "not_found": s.not_found,
            "invalid": s.invalid, "hits": s.hits, "related_hits": s.related_hits, "measures": s.measures}


class FeedbackView(APIView):
    """Report per measure whether it was executed (执行-反馈). Re-sending replaces the earlier answer."""

    permission_classes = [HasScope]
    required_scope = "screening:feedback"

    @extend_schema(summary="反馈措施执行情况", request=inline_serializer("FeedbackRequest", {
        "feedback": serializers.ListField(child=inline_serializer("FeedbackItem", {
            "index": serializers.IntegerField(help_text="比对结果中的序号"),
            "measure": serializers.CharField(help_text="措施代码"), "executed": serializers.BooleanField(),
            "note": serializers.CharField(required=False, help_text="未执行时必填：原因")}))}),
        responses={200: inline_serializer("FeedbackResult", {
            "accepted": serializers.IntegerField(), "rejected": serializers.IntegerField(),
            "errors": serializers.ListField(child=serializers.DictField())})})
    def post(self, request, screening_id: int):
        screening = get_object_or_404(screenings_for(request.user), pk=screening_id)
        body = request.data if isinstance(request.data, dict) else {}
        items = body.get("feedback")
        if not isinstance(items, list) or not items:
            raise DomainError("feedback 须为非空数组：[{\"index\", \"measure\", \"executed\", \"note\"}]",
                              code="bad_feedback", field="feedback")
        result = record_feedback(screening=screening, items=items, actor=request.user,
                                 organization=request.user.organization)
        return Response(result.as_dict(), status=200 if result.accepted or not result.errors else 400)


class MattersView(APIView):
    @extend_schema(summary="业务事项代码", responses={200: inline_serializer("Matters", {
        "results": serializers.ListField(child=inline_serializer("Matter", {
            "code": serializers.CharField(), "name": serializers.CharField(), "description": serializers.CharField(),
            "measures": serializers.IntegerField(help_text="适用措施数")}))})})
    def get(self, request):
        return Response({"results": matters_overview()})


class StatisticsView(APIView):
    permission_classes = [HasScope]
    required_scope = "stats:read"

    @extend_schema(summary="联合奖惩成效统计", parameters=[OpenApiParameter("month", str, description="YYYY-MM；缺省为本月")],
                   responses={200: inline_serializer("ScreeningStatistics", {
                       "start": serializers.DateField(), "end": serializers.DateField(),
                       "totals": serializers.DictField(),
                       "by_department": serializers.ListField(child=serializers.DictField()),
                       "by_matter": serializers.ListField(child=serializers.DictField()),
                       "by_measure": serializers.ListField(child=serializers.DictField())})})
    def get(self, request):
        start, end = parse_month(request.query_params.get("month"))
        # a department's own figures; the credit office and auditors the whole city's (as on the report page)
        viewer = request.user
        organization = None if sees_everything(viewer) else viewer.organization
        return Response(statistics(start=start, end=end, organization=organization))
