"""``GET /api/v1/evaluations/<code>/``: a subject's current grades with their explanation; ``POST
/api/v1/evaluations/imports/``: results that others compute (docs/evaluation.md, docs/api.md)."""

import datetime as dt

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.accounts.authentication import HasScope
from publiccredit.audit.context import set_channel
from publiccredit.audit.services import record_read
from publiccredit.core.errors import DomainError
from publiccredit.subjects.queries import subject_by_code

from .imports import import_results, imported_model, rows_from_csv
from .queries import current_results, results_as_of

RESULT = inline_serializer("EvaluationResult", {
    "model": serializers.CharField(), "version": serializers.IntegerField(), "score": serializers.FloatField(),
    "grade": serializers.CharField(), "computed_at": serializers.DateTimeField(), "base": serializers.FloatField(),
    "contributions": serializers.ListField(child=inline_serializer("EvaluationContribution", {
        "indicator": serializers.CharField(), "points": serializers.FloatField(),
        "sources": serializers.ListField(child=serializers.DictField())})),
})


def present_result(result) -> dict:
    return {
        "model": result.model.code, "model_name": result.model.name, "version": result.version.number,
        "score": float(result.score), "grade": result.grade, "computed_at": result.computed_at,
        "as_of": result.as_of, "base": float(result.base), "capped_by": result.capped_by,
        "contributions": [{"indicator": part["indicator"], "name": part["name"], "points": part["points"],
                           "sources": part["sources"]} for part in result.contributions],
    }


class EvaluationView(APIView):
    """A department (token ``subjects:read``) reads a subject's current grades: score = base + the contributions'
    points (clamped to the model's range), each contribution with the records or entries behind it. Audited."""

    permission_classes = [HasScope]
    required_scope = "subjects:read"

    @extend_schema(operation_id="v1_evaluations_subject", summary="信用评价结果",
                   description="code 为统一社会信用代码或完整身份证号码；as_of=YYYY-MM-DD 返回该日结束时的等级"
                               "（季度等级即季度最后一日的等级）。",
                   parameters=[OpenApiParameter("as_of", str, description="日期，如 2026-09-30（可选）")],
                   responses={200: inline_serializer("Evaluations", {"code": serializers.CharField(),
                                                                     "results": serializers.ListField(child=RESULT)}),
                              404: OpenApiResponse(description="没有该主体或代码无效")})
    def get(self, request, code: str):
        subject = subject_by_code(code)
        if subject is None:
            return Response({"detail": "没有找到该信用主体，请检查统一社会信用代码或身份证号码。"}, status=404)
        as_of = request.query_params.get("as_of")
        if as_of:
            try:
                day = dt.date.fromisoformat(as_of)
            except ValueError:
                return Response({"detail": f"as_of“{as_of}”不是有效日期，请按“2026-09-30”填写"}, status=400)
            results = results_as_of(subject, day)
        else:
            results = current_results(subject)
        record_read(actor=request.user, action="evaluation.result.read", target=subject,
                    detail={"models": [result.model.code for result in results]})
        return Response({"code": code.strip().upper(), "results": [present_result(result) for result in results]})


class ImportView(APIView):
    """Results that others compute (the NDRC's national evaluation, the tax authority's 纳税信用等级) pushed by the
    model's owner or the credit office (token ``evaluations:write``): JSON ``{"model", "results": [{"code", "grade",
    "score", "as_of"}]}`` or a multipart CSV ``file`` with ``model``. Good rows are kept, each bad one named."""

    permission_classes = [HasScope]
    required_scope = "evaluations:write"
    parser_classes = [JSONParser, MultiPartParser]

    @extend_schema(operation_id="v1_evaluations_import", summary="导入外部信用评价结果",
                   request=inline_serializer("EvaluationImport", {
                       "model": serializers.CharField(), "results": serializers.ListField(child=serializers.DictField(),
                                                                                            required=False),
                       "file": serializers.FileField(required=False)}),
                   responses={200: inline_serializer("EvaluationImportOutcome", {
                       "model": serializers.CharField(), "total": serializers.IntegerField(),
                       "accepted": serializers.IntegerField(), "unchanged": serializers.IntegerField(),
                       "rejected": serializers.IntegerField(),
                       "errors": serializers.ListField(child=serializers.DictField())}),
                              400: OpenApiResponse(description="模型不存在、无权导入或文件格式错误（中文说明）")})
    def post(self, request):
        set_channel("api")
        if not hasattr(request.data, "get"):
            return Response({"detail": "请求体应为对象：{\"model\": …, \"results\": […]}", "code": "bad_body"}, status=400)
        try:
            model = imported_model(str(request.data.get("model", "")))
            upload = request.FILES.get("file")
            rows = rows_from_csv(upload.read()) if upload else request.data.get("results")
            if not isinstance(rows, list):
                raise DomainError("results 必须是数组，或以 file 上传 CSV 文件", code="results_not_a_list", field="results")
            outcome = import_results(model=model, rows=rows, actor=request.user, channel="api")
        except DomainError as exc:
            return Response({"detail": exc.message, "code": exc.code}, status=400)
        return Response({"model": model.code, **outcome.as_dict()})
