from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.generics import ListAPIView

from .queries import active_organizations


class OrganizationSerializer(serializers.Serializer):
    code = serializers.CharField(help_text="统一社会信用代码")
    name = serializers.CharField()
    short_name = serializers.CharField()
    kind = serializers.CharField()
    region = serializers.CharField(source="region.code", help_text="区划代码")
    region_name = serializers.CharField(source="region.name")


@extend_schema(summary="信息提供单位列表")
class OrganizationListView(ListAPIView):
    serializer_class = OrganizationSerializer
    pagination_class = None

    def get_queryset(self):
        return active_organizations()
