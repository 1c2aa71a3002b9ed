"""Reads of messages: a user's site inbox and its unread count."""

from django.db.models import QuerySet

from .models import Notification

Channel = Notification.Channel


def inbox(user) -> QuerySet[Notification]:
    return Notification.objects.filter(user=user, channel=Channel.SITE).order_by("-id")


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user=user, channel=Channel.SITE, read_at__isnull=True).count()
