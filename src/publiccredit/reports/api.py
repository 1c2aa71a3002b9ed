"""Credit reports on the API (docs/reports.md): ordering (``POST /api/v1/reports/``, token ``reports:write``), the
PDF and its signature (``GET /api/v1/reports/<number>.pdf`` / ``.sig``, for the subject and whoever ordered it), the
public key (``GET /api/v1/reports/public-key.pem``, anyone), verification (``POST /api/v1/reports/verify/``, anyone)
and the domains a special report may cover (``GET /api/v1/reports/domains/``)."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.accounts.authentication import HasScope
from publiccredit.audit.context import set_channel
from publiccredit.core.api import text
from publiccredit.core.documents import file_download
from publiccredit.core.errors import DomainError
from publiccredit.subjects.queries import subject_by_code

from . import services, signing
from .models import CreditReport

REPORT = inline_serializer("CreditReportIssued", {
    "number": serializers.CharField(help_text="报告编号：BG + 8位日期 + 5位序号"),
    "code": serializers.CharField(help_text="核验码（只在出具时返回一次，印在报告上）"),
    "kind": serializers.CharField(), "issued_at": serializers.DateTimeField(), "valid_until": serializers.DateField(),
    "digest": serializers.CharField(help_text="PDF 的 SHA-256"), "key_id": serializers.CharField(),
    "pdf": serializers.CharField(help_text="PDF 的地址"), "sig": serializers.CharField(help_text="签名（DER）的地址")})
VERIFICATION = inline_serializer("CreditReportVerification", {
    "status": serializers.ChoiceField(choices=["valid", "altered", "unknown", "expired"]),
    "message": serializers.CharField(), "number": serializers.CharField(required=False),
    "subject": serializers.CharField(required=False), "kind": serializers.CharField(required=False),
    "period_start": serializers.DateField(required=False, allow_null=True),
    "period_end": serializers.DateField(required=False, allow_null=True),
    "issued_at": serializers.DateTimeField(required=False), "valid_until": serializers.DateField(required=False)})


def issued_answer(issued: services.Issued) -> dict:
    report = issued.report
    return {"number": report.number, "code": issued.code, "kind": report.kind, "issued_at": report.issued_at,
            "valid_until": report.valid_until, "digest": report.digest, "key_id": report.key_id,
            "pdf": f"/api/v1/reports/{report.number}.pdf", "sig": f"/api/v1/reports/{report.number}.sig"}


class ReportsView(APIView):
    permission_classes = [HasScope]
    required_scope = "reports:write"

    @extend_schema(operation_id="v1_reports_order", summary="申请出具信用报告",
                   request=inline_serializer("CreditReportOrder", {
                       "subject": serializers.CharField(help_text="统一社会信用代码"),
                       "kind": serializers.ChoiceField(choices=["standard", "special"]),
                       "domains": serializers.ListField(child=serializers.CharField(), required=False,
                                                        help_text="专项报告的领域编码（GET /api/v1/reports/domains/）"),
                       "since": serializers.DateField(required=False), "until": serializers.DateField(required=False),
                       "purpose": serializers.CharField(required=False)}),
                   responses={201: REPORT, 400: OpenApiResponse(description="参数有误（中文说明，含 code 与 field）"),
                              403: OpenApiResponse(description="令牌缺少 reports:write")})
    def post(self, request):
        set_channel("api")
        code = text(request.data, "subject", numbers=False).strip()
        subject = subject_by_code(code)
        if subject is None:
            raise DomainError(f"没有找到代码为“{code}”的信用主体", code="unknown_subject", field="subject")
        domains = request.data.get("domains", []) if hasattr(request.data, "get") else None
        if not isinstance(domains, list) or not all(isinstance(code, str) for code in domains):
            raise DomainError("domains 应为领域编码（文本）的数组", code="bad_domains", field="domains")
        issued = services.issue_report(
            subject=subject, kind=text(request.data, "kind", numbers=False), actor=request.user,
            channel=CreditReport.Channel.API, domains=domains, since=text(request.data, "since", numbers=False),
            until=text(request.data, "until", numbers=False), purpose=text(request.data, "purpose", numbers=False))
        return Response(issued_answer(issued), status=201)


class DomainsView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(operation_id="v1_report_domains", summary="专项信用报告的领域",
                   responses={200: inline_serializer("ReportDomains", {
                       "results": serializers.ListField(child=serializers.DictField())})})
    def get(self, request):
        return Response({"results": [{"code": domain.code, "name": domain.name}
                                     for domain in services.report_domains()]})


class ReportFileView(APIView):
    """The PDF or its DER signature: for the subject's account and whoever ordered the report."""

    permission_classes: list = []
    part = "pdf"

    def answer(self, request, number: str):
        part = self.part
        if not request.user.is_authenticated:
            return Response({"detail": "请登录或使用令牌后下载"}, status=403)
        report = get_object_or_404(CreditReport, number=number.upper())
        data = services.read_report(report=report, actor=request.user, part=part)
        return file_download(data, filename=f"{report.number}.{services.SUFFIXES[part]}",
                             content_type=services.CONTENT_TYPES[part])


FILE_ERRORS = {403: OpenApiResponse(description="无权下载"), 404: OpenApiResponse(description="没有该报告")}


class ReportPdfView(ReportFileView):
    part = "pdf"

    @extend_schema(operation_id="v1_report_pdf", summary="下载信用报告（PDF，与出具时逐字节相同）",
                   responses={(200, "application/pdf"): OpenApiResponse(description="PDF"), **FILE_ERRORS})
    def get(self, request, number: str):
        return self.answer(request, number)


class ReportSignatureView(ReportFileView):
    part = "sig"

    @extend_schema(operation_id="v1_report_signature", summary="下载信用报告的 SM2 签名（DER）",
                   responses={(200, "application/octet-stream"): OpenApiResponse(description="DER 签名"),
                              **FILE_ERRORS})
    def get(self, request, number: str):
        return self.answer(request, number)


class PublicKeyView(APIView):
    authentication_classes: list = []
    permission_classes: list = []

    @extend_schema(operation_id="v1_report_public_key", summary="报告签名公钥（PEM）",
                   parameters=[OpenApiParameter("key", str, required=False, description="密钥编号，缺省为当前密钥")],
                   responses={(200, "application/x-pem-file"): OpenApiResponse(description="SM2 公钥"),
                              400: OpenApiResponse(description="密钥编号格式不正确"),
                              404: OpenApiResponse(description="没有该密钥")})
    def get(self, request):
        pem = signing.public_key_pem(request.query_params.get("key") or None)
        return HttpResponse(pem, content_type="application/x-pem-file")


class VerifyView(APIView):
    authentication_classes: list = []
    permission_classes: list = []
    parser_classes = [MultiPartParser, FormParser, JSONParser]

    @extend_schema(operation_id="v1_report_verify", summary="核验信用报告",
                   request={"multipart/form-data": inline_serializer("ReportUpload", {"file": serializers.FileField()}),
                            "application/json": inline_serializer("ReportCode", {
                                "number": serializers.CharField(), "code": serializers.CharField()})},
                   responses={200: VERIFICATION, 400: OpenApiResponse(description="缺少文件或编号、核验码")})
    def post(self, request):
        set_channel("api")
        upload = request.FILES.get("file")
        return Response(services.verify_submission(
            upload=upload, number="" if upload else text(request.data, "number", numbers=False),
            code="" if upload else text(request.data, "code", numbers=False)).as_dict())
