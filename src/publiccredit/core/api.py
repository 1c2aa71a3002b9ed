"""API plumbing shared by every app: domain errors become 400 answers with Chinese messages."""

from django.core.exceptions import RequestDataTooBig
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from .errors import DomainError, NotFound, PermissionDenied

STATUS_BY_ERROR = {NotFound: status.HTTP_404_NOT_FOUND, PermissionDenied: status.HTTP_403_FORBIDDEN}


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": "请求体过大：请分批发送（每批不超过5000条）"}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DomainError):
        http_status = STATUS_BY_ERROR.get(type(exc), status.HTTP_400_BAD_REQUEST)
        return Response({"detail": exc.message, **exc.as_dict()}, status=http_status)
    if isinstance(exc, Throttled):
        from .ratelimits import throttled_message

        exc.detail = throttled_message(exc.wait)
    return drf_exception_handler(exc, context)
