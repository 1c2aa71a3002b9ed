"""The back office's cross-domain API answers: figures that span several casework apps."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.accounts.authentication import HasScope
from publiccredit.casework.queries import statistics_window
from publiccredit.objections.queries import objection_statistics
from publiccredit.repair.queries import repair_statistics


class RemedyStatisticsView(APIView):
    """Repair and objection statistics for monitoring (outcomes, overdue, working days to a decision)."""

    permission_classes = [HasScope]
    required_scope = "stats:read"

    @extend_schema(summary="信用修复与异议统计", parameters=[OpenApiParameter("since", str), OpenApiParameter("until", str)],
                   responses={200: inline_serializer("RemedyStatistics", {
                       "repairs": serializers.DictField(), "objections": serializers.DictField()})})
    def get(self, request):
        since, until = statistics_window(request.query_params.get("since"), request.query_params.get("until"))
        return Response({"repairs": repair_statistics(since=since, until=until),
                         "objections": objection_statistics(since=since, until=until)})
