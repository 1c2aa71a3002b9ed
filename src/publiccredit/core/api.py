"""API plumbing shared by every app: domain errors become 400 answers with Chinese messages."""

import datetime as dt
import re

from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from django.utils import timezone
from rest_framework import status
from rest_framework.exceptions import ParseError, Throttled, ValidationError
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from .errors import DomainError, NotFound, PermissionDenied

# Django's get_object_or_404 says "No Screening matches the given query." in English and names a model.
NOT_FOUND_MESSAGE = "未找到该对象：编号不存在，或不属于本单位可查看的范围。"
JSON_ERROR_POSITION = re.compile(r"line (\d+) column (\d+)")
STATUS_BY_ERROR = {NotFound: status.HTTP_404_NOT_FOUND, PermissionDenied: status.HTTP_403_FORBIDDEN}


def exception_handler(exc, context):
    if isinstance(exc, RequestDataTooBig):
        return Response({"detail": "请求体过大：请分批发送（每批不超过5000条）"}, status=status.HTTP_413_REQUEST_ENTITY_TOO_LARGE)
    if isinstance(exc, DomainError):
        http_status = STATUS_BY_ERROR.get(type(exc), status.HTTP_400_BAD_REQUEST)
        return Response({"detail": exc.message, **exc.as_dict()}, status=http_status)
    if isinstance(exc, Http404):
        return Response({"detail": NOT_FOUND_MESSAGE}, status=status.HTTP_404_NOT_FOUND)
    if isinstance(exc, ParseError):
        return Response({"detail": parse_error_message(str(exc.detail))}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, ValidationError) and isinstance(exc.detail, dict) and "detail" not in exc.detail:
        # field errors ({"until": "日期格式…"}) also get the one Chinese sentence every error answer has
        response = drf_validation_response(exc, context)
        response.data = {"detail": "；".join(f"{field}：{_first(message)}" for field, message in exc.detail.items()),
                         **response.data}
        return response
    if isinstance(exc, Throttled):
        from .ratelimits import throttled_message

        exc.detail = throttled_message(exc.wait)
    # imported here: rest_framework.views reads DEFAULT_RENDERER_CLASSES, which names this module's renderer, so a
    # top-level import would be circular whenever this module is the first to load DRF (a management command)
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)


def _first(message) -> str:
    while isinstance(message, list | tuple) and message:
        message = message[0]
    return str(message)


def drf_validation_response(exc, context):
    from rest_framework.views import exception_handler as drf_exception_handler

    return drf_exception_handler(exc, context)


def text(data, key: str, default: str = "", *, numbers: bool = True) -> str:
    """A text field of a request body: a JSON body may carry a list or a number where the schema says string, and
    that is the caller's error (400 naming the field), never the server's. ``numbers`` false: a number is refused
    too (a code or a date is never one)."""
    if not hasattr(data, "get"):
        raise DomainError("请求体须为 JSON 对象（键值对）或表单", code="not_an_object")
    value = data.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, str | int | float) or (not numbers and not isinstance(value, str)):
        raise DomainError(f"字段 {key} 须为文本", code="not_text", field=key)
    return str(value)


def parse_error_message(english: str) -> str:
    """DRF's parser speaks English ("JSON parse error - Expecting ',' delimiter: line 3 column 5"); say where in Chinese."""
    position = JSON_ERROR_POSITION.search(english)
    where = f"第{position.group(1)}行第{position.group(2)}列附近" if position else "某处"
    return f"请求体不是有效的 JSON：{where}格式有误。请发送 UTF-8 编码的 JSON（Content-Type: application/json）。"


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
