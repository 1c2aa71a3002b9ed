"""Public API of the credit website: subject search and the public credit file (docs/portal.md, docs/api.md)."""

from django.urls import reverse
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.search.engine import SearchError, search_subjects
from publiccredit.subjects.models import Subject

from . import queries
from .services import read_credit_file

READ_SCOPE = "subjects:read"
ERROR = inline_serializer("PublicError", {"detail": serializers.CharField()})
SUBJECT_SUMMARY_FIELDS = {
    "code": serializers.CharField(help_text="统一社会信用代码；自然人为脱敏身份证号码"),
    "name": serializers.CharField(help_text="名称；自然人姓名脱敏"),
    "kind": serializers.ChoiceField(choices=Subject.Kind.choices),
    "kind_label": serializers.CharField(),
    "region": serializers.CharField(help_text="所属区划名称"),
    "url": serializers.CharField(help_text="信用档案接口地址"),
    "status": serializers.CharField(help_text="登记状态（自然人为空）"),
    "lists": serializers.ListField(child=serializers.CharField(), help_text="公示期内所在的信用名单"),
}
RECORD_FIELDS = {
    "decision_number": serializers.CharField(), "item_name": serializers.CharField(),
    "party_name": serializers.CharField(), "decision_date": serializers.DateField(allow_null=True),
    "provider": serializers.CharField(help_text="信息来源单位"), "severity": serializers.CharField(),
    "publicity_end": serializers.DateField(allow_null=True, help_text="公示截止日期"),
    "state": serializers.CharField(), "marks": serializers.ListField(child=serializers.CharField(),
                                                                     help_text="已修复、异议处理中等标注"),
    "fields": serializers.ListField(child=serializers.DictField(), help_text="按目录字段的内容，证件号码不公开"),
}


def _summary(request, subject: Subject, lists: list[dict]) -> dict:
    person = subject.kind == Subject.Kind.NATURAL_PERSON
    return {"code": subject.code, "name": subject.public_name, "kind": subject.kind,
            "kind_label": subject.get_kind_display(), "region": subject.region.name if subject.region_id else "",
            "url": request.build_absolute_uri(reverse("api:subject-file", args=[queries.public_ref(subject)])),
            "status": "" if person else subject.get_status_display(), "lists": [mark["name"] for mark in lists]}


class SubjectSearchView(APIView):
    """Search subjects by name (fuzzy, typo-tolerant) or code, as the public may."""

    @extend_schema(
        operation_id="v1_subjects_search",
        summary="信用主体查询",
        parameters=[
            OpenApiParameter("q", str, required=True, description="名称的一部分、统一社会信用代码或完整身份证号码"),
            OpenApiParameter("region", str, description="区划代码，如 361102"),
            OpenApiParameter("kind", str, enum=[k for k in Subject.Kind.values if k != Subject.Kind.NATURAL_PERSON]),
            OpenApiParameter("industry", str, description="国民经济行业代码（门类字母或大类）"),
            OpenApiParameter("page", int, default=1),
        ],
        responses={200: inline_serializer("SubjectSearchResult", {
            "count": serializers.IntegerField(), "count_capped": serializers.BooleanField(
                help_text="为真表示匹配数超过 count，请缩小查询范围"),
            "page": serializers.IntegerField(), "pages": serializers.IntegerField(),
            "match": serializers.CharField(help_text="code、code_prefix、name、similar（近似名称）或 none"),
            "notes": serializers.ListField(child=serializers.CharField()),
            "results": inline_serializer("SubjectSummary", SUBJECT_SUMMARY_FIELDS, many=True)}), 400: ERROR},
    )
    def get(self, request):
        params = request.query_params
        try:
            page = int(params.get("page", "1") or 1)
        except ValueError:
            return Response({"detail": "page 必须是正整数"}, status=400)
        kinds = [k for k in Subject.Kind.values if k != Subject.Kind.NATURAL_PERSON]
        if "kind" in params and params["kind"] not in kinds:
            return Response({"detail": f"kind 只能是：{'、'.join(kinds)}（不限类别时不传 kind）"}, status=400)
        try:
            result = search_subjects(params.get("q"), region=params.get("region") or None,
                                     kind=params.get("kind") or None, industry=params.get("industry") or None,
                                     page=page)
        except SearchError as error:
            return Response({"detail": error.message}, status=400)
        marks = queries.list_marks([subject.pk for subject in result.results])
        return Response({
            "count": result.count, "count_capped": result.count_capped, "page": result.page, "pages": result.pages,
            "match": result.match, "notes": result.notes,
            "results": [_summary(request, subject, marks.get(subject.pk, [])) for subject in result.results],
        })


class CreditFileView(APIView):
    """The credit file of one subject: records grouped by catalog item code, filtered by the one visibility rule."""

    @staticmethod
    def _viewer(request):
        """A department system reads shared data only with a token holding ``subjects:read``; else as the public."""
        token = request.auth
        if token is not None and hasattr(token, "scopes") and READ_SCOPE not in token.scopes:
            return None
        return request.user

    @extend_schema(
        operation_id="v1_subjects_credit_file",
        summary="信用档案",
        description="code 为统一社会信用代码、完整身份证号码或查询结果中 url 给出的自然人引用。"
                    "匿名访问只返回社会公开且在公示期内的信息；部门令牌按政务共享范围返回，并留痕。",
        responses={200: inline_serializer("CreditFile", {
            "subject": inline_serializer("CreditFileSubject", {
                "code": serializers.CharField(), "name": serializers.CharField(), "kind": serializers.CharField(),
                "region": serializers.CharField(), "status": serializers.CharField()}),
            "records": serializers.DictField(child=inline_serializer("PublicRecord", RECORD_FIELDS, many=True),
                                             help_text="按信息项代码分组，如 penalty、license"),
            "list_entries": serializers.ListField(child=serializers.DictField(), help_text="信用名单（严重失信主体名单等）"),
            "risks": serializers.ListField(child=serializers.DictField(), help_text=(
                "信用提示：level 为 serious/warning/good/notice，text 为中文说明，url 为公开的列入决定（可为空）")),
            "sections": serializers.DictField(child=serializers.IntegerField(), help_text="各栏目条数"),
            "grades": serializers.ListField(child=serializers.DictField(), help_text=(
                "信用评价等级：匿名访问仅含向社会公开等级的模型（自然人不公开）；部门令牌另含各项得分及历史")),
            "courses": serializers.ListField(child=serializers.DictField(), help_text=(
                "诚信教育完成记录：course、code、completed_on、score、channel、repair_route（自然人仅部门令牌可见）")),
        }), 404: OpenApiResponse(ERROR, description="没有该主体或代码无效")},
    )
    def get(self, request, code: str):
        subject = queries.subject_by_ref(code)
        if subject is None:
            return Response({"detail": "没有找到该信用主体，请检查统一社会信用代码或身份证号码。"}, status=404)
        file = read_credit_file(subject=subject, viewer=self._viewer(request), channel="api")
        grouped: dict[str, list[dict]] = {}
        for section in file["sections"]:
            for row in section["records"]:
                grouped.setdefault(row["item"], []).append({key: value for key, value in row.items() if key != "id"})
        info = file["subject"]
        return Response({
            "subject": {"code": info["code"], "name": info["name"], "kind": info["kind_code"],
                        "kind_label": info["kind"], "region": info["region"], "status": info["status"],
                        **{key: info[key] for key in ("industry", "established_on", "registered_capital",
                                                      "legal_representative", "former_names") if key in info}},
            "records": grouped,
            "list_entries": [{key: entry[key] for key in ("kind", "kind_name", "decision_number", "start", "end", "state")}
                             for section in file["sections"] for entry in section.get("entries", [])],
            "sections": {section["key"]: section["count"] for section in file["sections"]},
            "risks": file["risks"],
            "grades": file["evaluation"]["results"],
            "registrations": file["registrations"],
            "courses": file["courses"],
        })
