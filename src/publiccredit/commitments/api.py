"""Credit commitments on the API (docs/commitments.md): ``GET /api/v1/commitments/templates/`` (public: the published
templates with their matter and type codes), ``GET /api/v1/commitments/?subject=<code>`` (the subject's commitments
as the caller may see them: public ones for anyone) and ``POST /api/v1/commitments/`` (token ``commitments:write``:
a department's approval system signs on the applicant's behalf)."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.accounts.authentication import HasScope
from publiccredit.audit.context import set_channel
from publiccredit.core.api import text
from publiccredit.core.audience import audience_for
from publiccredit.core.errors import DomainError
from publiccredit.subjects.queries import subject_by_code

from . import services
from .models import Commitment
from .queries import commitments_of, present_commitment, present_template, published_templates

COMMITMENT = inline_serializer("Commitment", {
    "number": serializers.CharField(help_text="承诺编码：6位区划代码 + 8位日期 + 6位序号"),
    "committer_name": serializers.CharField(), "committer_code": serializers.CharField(),
    "type": serializers.CharField(help_text="承诺类型代码：1 审批替代型 … 6 主动型，0 其他"),
    "matter_name": serializers.CharField(), "department": serializers.CharField(),
    "made_on": serializers.DateField(), "valid_until": serializers.DateField(), "state": serializers.CharField(),
    "fulfilment": serializers.CharField(help_text="空为履行中；full 全部履行、partial 部分履行、none 全部未履行")})


class TemplatesView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(operation_id="v1_commitment_templates", summary="信用承诺模板",
                   responses={200: inline_serializer("CommitmentTemplates", {
                       "results": serializers.ListField(child=serializers.DictField())})})
    def get(self, request):
        return Response({"results": [present_template(template) for template in published_templates()]})


class CommitmentsView(APIView):
    def get_permissions(self):
        if self.request.method == "POST":
            return [HasScope()]
        return []

    required_scope = "commitments:write"

    @extend_schema(operation_id="v1_commitments_of_subject", summary="主体的信用承诺",
                   parameters=[OpenApiParameter("subject", str, required=True, description="统一社会信用代码")],
                   responses={200: inline_serializer("SubjectCommitments", {
                       "subject": serializers.CharField(), "results": serializers.ListField(child=COMMITMENT)}),
                       400: OpenApiResponse(description="缺少或无效的主体代码"),
                       404: OpenApiResponse(description="没有该主体")})
    def get(self, request):
        code = str(request.query_params.get("subject", "")).strip()
        if not code:
            return Response({"detail": "请用 subject 参数给出主体的统一社会信用代码", "field": "subject"}, status=400)
        subject = subject_by_code(code)
        if subject is None or subject.is_person:
            return Response({"detail": f"没有找到代码为“{code}”的单位主体"}, status=404)
        return Response({"subject": subject.uscc,
                         "results": commitments_of(subject, audience_for(request.user, subject))})

    @extend_schema(operation_id="v1_commitments_sign", summary="代主体签署信用承诺（审批系统）",
                   request=inline_serializer("CommitmentSigning", {
                       "template": serializers.CharField(help_text="模板编码（GET /api/v1/commitments/templates/）"),
                       "subject": serializers.CharField(help_text="承诺人统一社会信用代码"),
                       "case_reference": serializers.CharField(required=False, help_text="办件编号")}),
                   responses={201: COMMITMENT,
                              400: OpenApiResponse(description="模板或主体不存在、不适用承诺、重复承诺（中文说明，含 code 与 field）"),
                              403: OpenApiResponse(description="令牌不属于模板的受理单位")})
    def post(self, request):
        set_channel("api")
        template = services.template_by_code(text(request.data, "template"))
        code = text(request.data, "subject").strip()
        subject = subject_by_code(code)
        if subject is None:
            raise DomainError(f"没有找到代码为“{code}”的信用主体", code="unknown_subject", field="subject")
        commitment = services.sign_commitment(template=template, subject=subject, actor=request.user,
                                              channel=Commitment.Channel.API,
                                              case_reference=text(request.data, "case_reference"))
        return Response(present_commitment(commitment, audience_for(request.user, subject)), status=201)


class GreenChannelView(APIView):
    """容缺受理 decided by the department's approval system (docs/commitments.md, "Green channel")."""

    permission_classes = [HasScope]
    required_scope = "commitments:write"

    @extend_schema(operation_id="v1_commitments_green_channel", summary="容缺受理（绿色通道）决定",
                   request=inline_serializer("GreenChannelAsk", {
                       "subject": serializers.CharField(help_text="申请人统一社会信用代码"),
                       "matter": serializers.CharField(help_text="事项编码（容缺受理型承诺书的 matter_code）"),
                       "missing": serializers.ListField(child=serializers.CharField(), help_text="容缺材料名称"),
                       "case_reference": serializers.CharField(required=False, help_text="办件编号")}),
                   responses={200: inline_serializer("GreenChannelDecision", {
                       "eligible": serializers.BooleanField(),
                       "reasons": serializers.ListField(child=serializers.DictField(), help_text="[{code, message}]"),
                       "supply_by": serializers.DateField(allow_null=True, help_text="补齐容缺材料的期限"),
                       "commitment": serializers.CharField(allow_null=True, help_text="容缺受理承诺的承诺编码")}),
                       400: OpenApiResponse(description="事项、主体或容缺材料有误（中文说明，含 code 与 field）")})
    def post(self, request):
        set_channel("api")
        code = text(request.data, "subject").strip()
        subject = subject_by_code(code)
        if subject is None:
            raise DomainError(f"没有找到代码为“{code}”的信用主体", code="unknown_subject", field="subject")
        template = services.tolerance_template(text(request.data, "matter"), actor=request.user)
        decision = services.decide_green_channel(subject=subject, template=template,
                                                 missing=request.data.get("missing"), actor=request.user,
                                                 case_reference=text(request.data, "case_reference"))
        return Response({"eligible": decision.eligible, "reasons": decision.reasons, "supply_by": decision.supply_by,
                         "commitment": decision.commitment.number if decision.commitment_id else None})
