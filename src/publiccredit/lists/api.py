"""Public JSON of published list entries: ``GET /api/v1/lists/?kind=<kind code>`` (persons masked)."""

from django.core.paginator import Paginator
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .queries import present_entry, public_kinds, published_entries

PAGE_SIZE = 100


class PublishedListView(APIView):
    @extend_schema(
        summary="名单公示",
        parameters=[OpenApiParameter("kind", str, description="名单代码，如 serious_dishonesty；缺省为全部"),
                    OpenApiParameter("page", int, default=1)],
        responses={200: inline_serializer("PublishedList", {
            "count": serializers.IntegerField(), "page": serializers.IntegerField(),
            "pages": serializers.IntegerField(),
            "results": inline_serializer("PublishedListEntry", {
                "kind": serializers.CharField(), "kind_name": serializers.CharField(),
                "code": serializers.CharField(help_text="统一社会信用代码；自然人为脱敏身份证号码"),
                "name": serializers.CharField(help_text="名称；自然人姓名脱敏"),
                "start": serializers.DateField(), "end": serializers.DateField(allow_null=True),
                "decision_number": serializers.CharField(), "decided_on": serializers.DateField(allow_null=True),
                "decided_by": serializers.CharField(help_text="作出列入决定的单位"),
                "reason": serializers.CharField(help_text="列入事由（其中的身份证号码、手机号码已脱敏）"),
                "id": serializers.IntegerField(),
                "url": serializers.CharField(help_text="公开的列入决定页面地址")}, many=True)}),
                   400: inline_serializer("ListError", {"detail": serializers.CharField()})},
    )
    def get(self, request):
        kind = request.query_params.get("kind") or None
        if kind and not public_kinds().filter(code=kind).exists():
            codes = "、".join(public_kinds().values_list("code", flat=True))
            return Response({"detail": f"未知的名单代码：{kind}。可用：{codes}"}, status=400)
        try:
            number = int(request.query_params.get("page", "1"))
        except ValueError:
            return Response({"detail": "page 必须是正整数"}, status=400)
        page = Paginator(published_entries(kind), PAGE_SIZE).get_page(number)
        return Response({"count": page.paginator.count, "page": page.number, "pages": page.paginator.num_pages,
                         "results": [present_entry(entry) for entry in page.object_list]})
