from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "publiccredit.notifications"
    label = "notifications"
    verbose_name = "消息通知"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import handlers  # noqa: F401  (registers the outbox consumer)

        register({"notifications.message.read": "阅读站内消息"})
