"""Sign-ins, sign-outs and failed sign-ins go to the audit log (never the password)."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from publiccredit.audit.services import record_access


def _client_address(request) -> str:
    return request.META.get("REMOTE_ADDR", "") if request is not None else ""


@receiver(user_logged_in)
def audit_login(sender, request, user, **kwargs):
    record_access(actor=user, action="accounts.session.login", detail={"ip": _client_address(request)})


@receiver(user_logged_out)
def audit_logout(sender, request, user, **kwargs):
    if user is not None:
        record_access(actor=user, action="accounts.session.logout", detail={"ip": _client_address(request)})


@receiver(user_login_failed)
def audit_failed_login(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    record_access(actor=None, action="accounts.session.login_failed", reason=f"用户名：{username}",
                  detail={"ip": _client_address(request)})
