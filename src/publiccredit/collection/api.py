"""Collection API for departments' systems: push records, read batches and their errors, timeliness statistics."""


from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.accounts.authentication import HasScope
from publiccredit.catalog.queries import active_item
from publiccredit.core.api import local_iso

from .intake import MAX_API_RECORDS
from .queries import batches_for, item_overview, timeliness
from .reports import error_report_response, parse_period
from .services import submit_records

RESULT = inline_serializer("IntakeResult", {
    "batch": serializers.IntegerField(), "status": serializers.CharField(), "total": serializers.IntegerField(),
    "accepted": serializers.IntegerField(), "rejected": serializers.IntegerField(),
    "created": serializers.IntegerField(), "updated": serializers.IntegerField(),
    "unchanged": serializers.IntegerField(), "withdrawn": serializers.IntegerField(),
    "masked_text_rows": serializers.IntegerField(help_text="文字字段中含身份证号码或手机号码、已加密并掩码的行数"),
    "errors": serializers.ListField(child=serializers.DictField()),
})


class SubmissionSerializer(serializers.Serializer):
    records = serializers.ListField(child=serializers.JSONField(), allow_empty=False, max_length=MAX_API_RECORDS,
                                    error_messages={"max_length": f"一次最多报送{MAX_API_RECORDS}条，请分批发送",
                                                    "empty": "records 不能为空"})
    dry_run = serializers.BooleanField(default=False)
    atomic = serializers.BooleanField(default=False)


class RecordSubmissionView(APIView):
    """Push credit records of one catalog item. Fields by code (CF_WSH …) or Chinese name; ``CZLX``=撤销 with
    ``CXYY`` withdraws a record. Each record is checked alone unless ``atomic``; the answer lists every rejected
    row with field, code and reason."""

    permission_classes = [HasScope]
    required_scope = "records:write"

    @extend_schema(summary="报送信用信息", request=SubmissionSerializer, responses={200: RESULT})
    def post(self, request, item_code: str):
        item = active_item(item_code)
        if item is None:
            raise ValidationError({"detail": f"未知的信息项“{item_code}”（GET /api/v1/collection/items/ 列出全部信息项）"})
        if request.user.organization is None:
            raise ValidationError({"detail": "调用者不属于任何单位"})
        submission = SubmissionSerializer(data=request.data)
        submission.is_valid(raise_exception=True)
        data = submission.validated_data
        result = submit_records(item=item, provider=request.user.organization, records=data["records"],
                                actor=request.user, dry_run=data["dry_run"], atomic=data["atomic"])
        return Response(result.as_dict(), status=status.HTTP_200_OK)


def _batch_dict(batch, *, errors: bool) -> dict:
    body = {"batch": batch.pk, "item": batch.item.code, "provider": batch.provider.code, "channel": batch.channel,
            "status": batch.status, "message": batch.message, "file_name": batch.file_name,
            "total": batch.total, "accepted": batch.accepted, "rejected": batch.rejected, "created": batch.created,
            "updated": batch.updated, "unchanged": batch.unchanged, "withdrawn": batch.withdrawn,
            "unlisted_errors": batch.unlisted_errors, "started_at": local_iso(batch.started_at),
            "finished_at": local_iso(batch.finished_at)}
    if errors:
        body["errors"] = [{"row": e.row, "decision_number": e.decision_number, "field": e.field, "code": e.code,
                           "message": e.message} for e in batch.errors.all()]
    return body


class BatchDetailView(APIView):
    permission_classes = [HasScope]
    required_scope = "records:read"

    @extend_schema(summary="报送批次及其退回原因", responses={200: OpenApiResponse(
        OpenApiTypes.OBJECT, description="批次计数（total、accepted、rejected、created、updated、unchanged、"
                                         "withdrawn）、状态和 errors（行号：文件中表头为第1行、接口为第几条；"
                                         "决定文书号、字段、代码、原因）；"
                                         "超过每批列出上限的错误只计入 unlisted_errors")})
    def get(self, request, batch_id: int):
        batch = batches_for(request.user).filter(pk=batch_id).first()
        if batch is None:
            raise NotFound("批次不存在，或不是本单位的批次")
        return Response(_batch_dict(batch, errors=True))


class BatchErrorReportView(APIView):
    permission_classes = [HasScope]
    required_scope = "records:read"

    @extend_schema(summary="下载批次错误报告（CSV）", responses={(200, "text/csv"): bytes})
    def get(self, request, batch_id: int):
        batch = batches_for(request.user).filter(pk=batch_id).first()
        if batch is None:
            raise NotFound("批次不存在，或不是本单位的批次")
        return error_report_response(batch)


class TimelinessStatsView(APIView):
    permission_classes = [HasScope]
    required_scope = "stats:read"

    @extend_schema(summary="报送及时性统计", parameters=[
        OpenApiParameter("since", str, description="接收日期起（YYYY-MM-DD）"),
        OpenApiParameter("until", str, description="接收日期止（YYYY-MM-DD）"),
        OpenApiParameter("item", str, description="信息项代码")],
        responses={200: OpenApiResponse(OpenApiTypes.OBJECT, description="按报送单位的及时率、逾期条数和排名")})
    def get(self, request):
        return Response(timeliness(**parse_period(request.query_params), viewer=request.user))


class CatalogItemsView(APIView):
    """The resource catalog: items, their fields and rules (public, as the catalog is published)."""

    @extend_schema(summary="信用信息资源目录", responses={200: OpenApiResponse(
        {"type": "array", "items": {"type": "object", "additionalProperties": True}},
        description="信息项及其字段、公开类别、失信程度规则和公示期")})
    def get(self, request):
        return Response(item_overview())
