from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.core.identifiers import KIND_LABELS, check_citizen_id, check_identifier, check_uscc

CHECKS = {"auto": check_identifier, "uscc": check_uscc, "citizen_id": check_citizen_id}


class IdentifierCheckView(APIView):
    """Check a USCC or citizen ID and say why it is wrong. Nothing is stored or logged."""

    @extend_schema(
        summary="校验统一社会信用代码或身份证号码",
        parameters=[OpenApiParameter("code", str, required=True),
                    OpenApiParameter("type", str, enum=list(CHECKS), default="auto")],
        responses=inline_serializer("IdentifierCheck", {
            "valid": serializers.BooleanField(), "kind": serializers.CharField(),
            "reason_code": serializers.CharField(), "reason": serializers.CharField(),
            "position": serializers.IntegerField(allow_null=True),
        }),
    )
    def get(self, request):
        check = CHECKS.get(request.query_params.get("type", "auto"))
        if check is None:
            return Response({"detail": "type 只能是 auto、uscc 或 citizen_id"}, status=400)
        if "code" not in request.query_params:
            return Response({"detail": "请提供 code 参数（统一社会信用代码或身份证号码）"}, status=400)
        result = check(request.query_params.get("code", ""))
        return Response({"valid": result.valid, "kind": result.kind, "kind_label": KIND_LABELS[result.kind],
                         "reason_code": result.code, "reason": result.message, "position": result.position})
