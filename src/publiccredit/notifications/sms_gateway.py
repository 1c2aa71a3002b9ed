"""An SMS backend for a government SMS gateway (政务短信平台) that takes one JSON POST per message:
``{"mobile": "...", "content": "...", "sender": "..."}`` with a bearer token, and answers 2xx when it accepts.
Set ``PUBLICCREDIT_SMS_BACKEND=publiccredit.notifications.sms_gateway.SmsBackend`` with the gateway's URL and token;
a carrier with another protocol gets a backend of its own beside this one (django-sms ``BaseSmsBackend``)."""

import json
import urllib.error
import urllib.request

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from sms.backends.base import BaseSmsBackend


class SmsBackend(BaseSmsBackend):
    def __init__(self, fail_silently: bool = False, *, url: str = "", token: str = "", timeout: float = 10.0,
                 **kwargs) -> None:
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.url = url or settings.SMS_GATEWAY_URL
        self.token = token or settings.SMS_GATEWAY_TOKEN
        self.timeout = timeout
        if not self.url:
            raise ImproperlyConfigured("未配置短信网关地址 PUBLICCREDIT_SMS_GATEWAY_URL")

    def _post(self, mobile: str, content: str, sender: str) -> None:
        body = json.dumps({"mobile": mobile, "content": content, "sender": sender}, ensure_ascii=False).encode()
        request = urllib.request.Request(self.url, data=body, method="POST", headers={
            "Content-Type": "application/json; charset=utf-8", "Authorization": f"Bearer {self.token}"})
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except urllib.error.HTTPError as exc:
            raise RuntimeError(f"短信网关拒绝：HTTP {exc.code}") from None

    def send_messages(self, messages) -> int:
        sent = 0
        for message in messages:
            for recipient in message.recipients:
                try:
                    self._post(recipient, message.body, message.originator)
                except Exception:
                    if not self.fail_silently:
                        raise
                else:
                    sent += 1
        return sent
