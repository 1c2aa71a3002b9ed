"""Rate limits on the public forms and look-ups (django-ratelimit on pages, DRF throttles on the API, one table of
rates in ``settings.RATE_LIMITS``): objections and repair applications cost clerks' time, and a progress look-up by
number and query code must not be open to guessing. Counted in the shared cache (Redis in production)."""

import ipaddress
from functools import lru_cache

from django.conf import settings
from django_ratelimit.core import is_ratelimited
from rest_framework.throttling import ScopedRateThrottle

UNITS = {"s": "秒", "m": "分钟", "h": "小时", "d": "天"}
WHAT = {"objection": "提交异议", "repair": "提交修复申请", "progress": "查询办理进度", "register": "注册账号",
        "login": "登录", "binding_code": "输入绑定验证码", "staff_login": "登录",
        "objection_code": "获取异议验证码", "registration": "提交自愿注册信息"}


def _trusted(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in network for network in _trusted_networks(tuple(settings.TRUSTED_PROXIES)))


@lru_cache(maxsize=8)
def _trusted_networks(entries: tuple[str, ...]) -> tuple:
    return tuple(ipaddress.ip_network(entry.strip(), strict=False) for entry in entries if entry.strip())


def client_ip(request) -> str:
    """The address rate limits count: REMOTE_ADDR, unless that is one of ``PUBLICCREDIT_TRUSTED_PROXIES``; then the
    nearest address in X-Forwarded-For that is not itself a trusted proxy. A header from anyone else is ignored, so
    a forged X-Forwarded-For never lifts a limit (docs/configuration.md)."""
    remote = request.META.get("REMOTE_ADDR", "") or "0.0.0.0"
    if not _trusted(remote):
        return remote
    hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    for hop in reversed(hops):
        if not _trusted(hop):
            return hop
    return hops[0] if hops else remote


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


def too_many_sign_ins(request, action: str) -> bool:
    """Sign-in attempts count twice: per client address and per user name, so that neither many addresses trying
    one account nor one address trying many accounts gets more than the limit (the right password included)."""
    by_address = too_many(request, action)
    username = (request.POST.get("username") or "").strip().lower()
    by_name = bool(username) and is_ratelimited(request, group=f"publiccredit.{action}.username",
                                                key=lambda _group, _request: username,
                                                rate=settings.RATE_LIMITS[action], increment=True)
    return by_address or by_name


class ActionThrottle(ScopedRateThrottle):
    """DRF side of the same table: a view names its ``throttle_scope`` (an action of ``RATE_LIMITS``)."""

    def get_ident(self, request):
        return client_ip(request)

    def get_rate(self):
        return settings.RATE_LIMITS.get(self.scope)


def throttled_message(wait: float | None) -> str:
    seconds = int(wait or 0) + 1
    return f"请求过于频繁，请在{seconds}秒后重试" if seconds < 120 else f"请求过于频繁，请在{seconds // 60 + 1}分钟后重试"
