"""Repair API: file an application (a department's one-window system or a subject's own system, token
``repairs:write``) and follow it by number and query code (anyone holding both)."""

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
from .services import Applicant, apply_for_repair, resubmit_application, withdraw_application

PROGRESS = inline_serializer("RepairProgress", {
    "number": serializers.CharField(), "state": serializers.CharField(), "state_label": serializers.CharField(),
    "record": serializers.DictField(), "submitted_at": serializers.DateTimeField(),
    "decide_by": serializers.DateField(), "return_reason": serializers.CharField(),
    "decision_reason": serializers.CharField(), "steps": serializers.ListField(child=serializers.DictField())})


def _truthy(value) -> bool:
    return str(value).strip().lower() in ("1", "true", "yes", "on", "是", "同意")


class RepairApplicationsView(APIView):
    permission_classes = [HasScope]
    required_scope = "repairs:write"
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(summary="提交信用修复申请", request={"multipart/form-data": inline_serializer("RepairRequest", {
        "subject_code": serializers.CharField(help_text="统一社会信用代码或身份证号码"),
        "decision_number": serializers.CharField(help_text="申请修复的记录的决定文书号"),
        "item": serializers.CharField(required=False, help_text="信息项代码，如 penalty；文书号唯一时可省略"),
        "applicant_name": serializers.CharField(), "contact_name": serializers.CharField(),
        "contact_phone": serializers.CharField(), "contact_email": serializers.EmailField(required=False),
        "statement": serializers.CharField(help_text="整改及履行义务情况说明"),
        "commitment": serializers.BooleanField(help_text="同意信用修复承诺书"),
        "files": serializers.ListField(child=serializers.FileField(), help_text="证明材料：PDF/JPG/PNG/OFD，每个≤10 MB，最多10个")})},
        responses={201: inline_serializer("RepairCreated", {
            "number": serializers.CharField(), "query_code": serializers.CharField(help_text="只显示这一次"),
            "state": serializers.CharField(), "decide_by": serializers.DateField()})})
    def post(self, request):
        data = request.data
        record = subject_record(subject_code=text(data, "subject_code"), decision_number=text(data, "decision_number"),
                                item_code=text(data, "item"))
        application, code = apply_for_repair(
            record=record, applicant=Applicant.from_form({key: text(data, key) for key in (
                "applicant_name", "contact_name", "contact_phone", "contact_email")}),
            statement=text(data, "statement"), commitment_accepted=_truthy(data.get("commitment", "")),
            files=request.FILES.getlist("files"), actor=request.user, channel="api")
        return Response({"number": application.number, "query_code": code, "state": application.state,
                         "decide_by": application.decide_by}, status=201)


class RepairProgressView(CaseProgressView):
    find, present = staticmethod(find_by_query_code), staticmethod(progress_of)
    not_found = "申请编号或查询码不正确"

    @progress_schema(summary="查询信用修复进度", progress=PROGRESS)
    def get(self, request, number: str):
        return super().get(request, number)


class RepairFollowUpView(APIView):
    """More material after a return, or withdrawal, by the system that filed for the applicant: the token
    ``repairs:write`` and the application's query code are both needed."""

    permission_classes = [HasScope]
    required_scope = "repairs:write"
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    throttle_classes = [ActionThrottle]
    throttle_scope = "progress"

    @extend_schema(summary="补正或撤回信用修复申请", request={"multipart/form-data": inline_serializer("RepairFollowUp", {
        "code": serializers.CharField(help_text="查询码"),
        "statement": serializers.CharField(required=False, help_text="补正说明（补正时）"),
        "files": serializers.ListField(child=serializers.FileField(), required=False, help_text="补正材料")})},
        responses={200: PROGRESS})
    def post(self, request, number: str, action: str):
        from publiccredit.core.errors import NotFound

        application = find_by_query_code(number, text(request.data, "code"))
        if application is None:
            raise NotFound("申请编号或查询码不正确", code="not_found")
        if action == "resubmit":
            application = resubmit_application(application=application, statement=text(request.data, "statement"),
                                               files=request.FILES.getlist("files"), actor=request.user)
        else:
            application = withdraw_application(application=application, actor=request.user,
                                               note=text(request.data, "note") or "申请人通过接口撤回")
        return Response(progress_of(application))
