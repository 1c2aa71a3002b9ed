"""API plumbing shared by every app: domain errors become 400 answers with Chinese messages."""

import datetime as dt

from django.core.exceptions import RequestDataTooBig
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import Throttled
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder
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


class BeijingTimeEncoder(JSONEncoder):
    """Times leave the API in Beijing time (+08:00), whichever way a view built them: the database hands back UTC,
    and an integrator reading "2026-12-02T08:30:00+00:00" beside a 16:30 receipt on the page would think them two."""

    def default(self, obj):
        if isinstance(obj, dt.datetime) and timezone.is_aware(obj):
            return timezone.localtime(obj).isoformat()
        return super().default(obj)


class BeijingTimeJSONRenderer(JSONRenderer):
    encoder_class = BeijingTimeEncoder


def local_iso(value: dt.datetime | None) -> str | None:
    """An aware time as ISO 8601 in Beijing time, for answers built by hand."""
    return timezone.localtime(value).isoformat() if value is not None else None
