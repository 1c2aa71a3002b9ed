"""``GET /api/v1/evaluations/<code>/``: a subject's current grades with their explanation (docs/evaluation.md, docs/api.md)."""

from drf_spectacular.utils import OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.accounts.authentication import HasScope
from publiccredit.audit.services import record_read
from publiccredit.subjects.queries import subject_by_code

from .queries import current_results

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
                   description="code 为统一社会信用代码或完整身份证号码。",
                   responses={200: inline_serializer("Evaluations", {"code": serializers.CharField(),
                                                                     "results": serializers.ListField(child=RESULT)}),
                              404: OpenApiResponse(description="没有该主体或代码无效")})
    def get(self, request, code: str):
        subject = subject_by_code(code)
        if subject is None:
            return Response({"detail": "没有找到该信用主体，请检查统一社会信用代码或身份证号码。"}, status=404)
        results = current_results(subject)
        record_read(actor=request.user, action="evaluation.result.read", target=subject,
                    detail={"models": [result.model.code for result in results]})
        return Response({"code": code.strip().upper(), "results": [present_result(result) for result in results]})
