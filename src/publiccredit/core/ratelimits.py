"""Rate limits on the public forms and look-ups (django-ratelimit on pages, DRF throttles on the API, one table of
rates in ``settings.RATE_LIMITS``): objections and repair applications cost clerks' time, and a progress look-up by
number and query code must not be open to guessing. Counted in the shared cache (Redis in production)."""

from django.conf import settings
from django_ratelimit.core import is_ratelimited
from rest_framework.throttling import ScopedRateThrottle

UNITS = {"s": "秒", "m": "分钟", "h": "小时", "d": "天"}
WHAT = {"objection": "提交异议", "repair": "提交修复申请", "progress": "查询办理进度", "register": "注册账号",
        "login": "登录", "binding_code": "输入绑定验证码"}


def client_ip(request) -> str:
    """REMOTE_ADDR, or behind ``PUBLICCREDIT_PROXY_COUNT`` trusted proxies the address they saw (X-Forwarded-For)."""
    proxies = settings.REST_FRAMEWORK.get("NUM_PROXIES") or 0
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "") or "0.0.0.0"


def describe(action: str) -> str:
    count, unit = settings.RATE_LIMITS[action].split("/")
    return f"每{UNITS.get(unit, unit)}最多{WHAT.get(action, '')}{count}次"


def too_many(request, action: str, *, by_user: bool = False) -> bool:
    """Count this request against ``action``'s limit; True when it is over (the request must then be refused)."""
    key = "user_or_ip" if by_user else "ip"
    return is_ratelimited(request, group=f"publiccredit.{action}", key=key, rate=settings.RATE_LIMITS[action],
                          increment=True)


def refusal(action: str) -> str:
    return f"操作过于频繁：同一网络地址（账号）{describe(action)}，请稍后再试。"


class ActionThrottle(ScopedRateThrottle):
    """DRF side of the same table: a view names its ``throttle_scope`` (an action of ``RATE_LIMITS``)."""

    def get_rate(self):
        return settings.RATE_LIMITS.get(self.scope)


def throttled_message(wait: float | None) -> str:
    seconds = int(wait or 0) + 1
    return f"请求过于频繁，请在{seconds}秒后重试" if seconds < 120 else f"请求过于频繁，请在{seconds // 60 + 1}分钟后重试"
