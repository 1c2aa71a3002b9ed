"""The API answer every case shares: its progress by number and query code (docs/architecture.md, "One casework
kernel"). A case's app subclasses ``CaseProgressView`` with its finder, its presenter and its wording."""

from collections.abc import Callable

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response
from rest_framework.views import APIView

from publiccredit.core.ratelimits import ActionThrottle

from .models import Case


class CaseProgressView(APIView):
    """GET …/<number>/?code=… → the case as its filer sees it, or 404 without saying which of the two was wrong."""

    # anyone may look up by number and query code, so guessing codes is slowed down per client address
    throttle_classes = [ActionThrottle]
    throttle_scope = "progress"
    find: Callable[[str, str], Case | None]
    present: Callable[[Case], dict]
    not_found = "编号或查询码不正确"

    def get(self, request, number: str):
        case = type(self).find(number, request.query_params.get("code", ""))
        if case is None:
            return Response({"detail": self.not_found}, status=404)
        return Response(type(self).present(case))


def progress_schema(*, summary: str, progress):
    """The schema of a ``CaseProgressView`` subclass: its summary and the serializer of its answer."""
    return extend_schema(summary=summary, parameters=[OpenApiParameter("code", str, description="查询码")],
                         responses={200: progress})
