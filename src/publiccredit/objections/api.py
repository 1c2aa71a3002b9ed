"""Objection API: file an objection (token ``objections:write``) and follow it by number and query code."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.accounts.authentication import HasScope
from publiccredit.casework.endpoints import CaseProgressView, progress_schema
from publiccredit.collection.queries import subject_record
from publiccredit.core.api import text
from publiccredit.core.ratelimits import ActionThrottle

from .queries import find_by_query_code, progress_of
from .services import file_objection, request_review

PROGRESS = inline_serializer("ObjectionProgress", {
    "number": serializers.CharField(), "state": serializers.CharField(), "state_label": serializers.CharField(),
    "record": serializers.DictField(), "filed_at": serializers.DateTimeField(), "decide_by": serializers.DateField(),
    "decided_at": serializers.DateTimeField(allow_null=True), "decision_reason": serializers.CharField(),
    "review": serializers.DictField(allow_null=True), "steps": serializers.ListField(child=serializers.DictField())})


class ObjectionsView(APIView):
    permission_classes = [HasScope]
    required_scope = "objections:write"
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(summary="提出异议", request={"multipart/form-data": inline_serializer("ObjectionRequest", {
        "subject_code": serializers.CharField(), "decision_number": serializers.CharField(),
        "item": serializers.CharField(required=False),
        "filer_kind": serializers.ChoiceField(choices=["subject", "concerned", "agent"]),
        "filer_name": serializers.CharField(), "contact_phone": serializers.CharField(),
        "contact_email": serializers.EmailField(required=False),
        "reasons": serializers.CharField(help_text="异议事项和理由"),
        "requested": serializers.CharField(required=False, help_text="请求，如：更正处罚金额"),
        "files": serializers.ListField(child=serializers.FileField(), required=False)})},
        responses={201: inline_serializer("ObjectionCreated", {
            "number": serializers.CharField(), "query_code": serializers.CharField(help_text="只显示这一次"),
            "state": serializers.CharField(), "decide_by": serializers.DateField()})})
    def post(self, request):
        data = request.data
        record = subject_record(subject_code=text(data, "subject_code"), decision_number=text(data, "decision_number"),
                                item_code=text(data, "item"))
        objection, code = file_objection(
            record=record, filer_kind=text(data, "filer_kind"), filer_name=text(data, "filer_name"),
            contact_phone=text(data, "contact_phone"), contact_email=text(data, "contact_email"),
            reasons=text(data, "reasons"), requested=text(data, "requested"),
            files=request.FILES.getlist("files") if hasattr(request, "FILES") else [], actor=request.user,
            channel="api")
        return Response({"number": objection.number, "query_code": code, "state": objection.state,
                         "decide_by": objection.decide_by}, status=201)


class ObjectionProgressView(CaseProgressView):
    find, present = staticmethod(find_by_query_code), staticmethod(progress_of)
    not_found = "异议编号或查询码不正确"

    @progress_schema(summary="查询异议处理进度", progress=PROGRESS)
    def get(self, request, number: str):
        return super().get(request, number)


class ObjectionReviewView(APIView):
    """The filing system asks, for the filer, the credit office to review an upheld or not accepted objection:
    the token ``objections:write`` and the objection's query code are both needed."""

    permission_classes = [HasScope]
    required_scope = "objections:write"
    parser_classes = [FormParser, MultiPartParser, JSONParser]
    throttle_classes = [ActionThrottle]
    throttle_scope = "progress"

    @extend_schema(summary="申请复核异议处理结果", request=inline_serializer("ObjectionReviewRequest", {
        "code": serializers.CharField(help_text="查询码"), "reasons": serializers.CharField(help_text="复核理由"),
        "files": serializers.ListField(child=serializers.FileField(), required=False,
                                       help_text="新的证明材料（multipart；PDF、JPG、PNG、OFD，每个不超过10 MB）")}),
        responses={200: PROGRESS})
    def post(self, request, number: str):
        from publiccredit.core.errors import NotFound

        objection = find_by_query_code(number, text(request.data, "code"))
        if objection is None:
            raise NotFound("异议编号或查询码不正确", code="not_found")
        objection = request_review(objection=objection, reasons=text(request.data, "reasons"), actor=request.user,
                                   files=request.FILES.getlist("files"))
        return Response(progress_of(objection))
