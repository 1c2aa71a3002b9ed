"""Notifications (SMS, e-mail, site messages) on the platform's events and deadline reminders for the queues.

On an outbox event the enabled templates of its topic say which audiences are told and by which channels; each
message to each recipient is one row whose unique key makes a re-handled event create nothing twice. Site messages
are delivered by being stored; SMS (django-sms backends, ``SMS_BACKEND``) and e-mail (Django's mail, ``EMAIL_BACKEND``)
go out after commit — on a worker when a broker is configured — and a failed one is retried by beat up to
``MAX_ATTEMPTS`` times. Telling the filer the outcome is part of the objection rule (DESIGN §5); pushing the repair
result to the deciding department within 3 working days is part of the repair rule.
"""

import datetime as dt
import logging

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import connection, transaction
from django.db.models import Q
from django.template import Context, Template
from django.utils import timezone

from publiccredit.audit.services import record_write
from publiccredit.core.crypto import decrypt_text, encrypt_text, lookup_hash
from publiccredit.core.fields import is_mobile, mask_phone, mobile_digits
from publiccredit.core.queueing import enqueue

from .models import MessageTemplate, Notification
from .occasions import DEPARTMENT, Occasion, Recipient, due_items, resolver_for

logger = logging.getLogger(__name__)
MAX_ATTEMPTS = 5
DELIVER_NOTIFICATIONS = "notifications.deliver"  # the Celery task sending pending notifications
ADDRESS_CONTEXT = b"contact"
Channel, State = Notification.Channel, Notification.State
REMINDER_TOPIC = "deadlines.reminder"


def render(text: str, context: dict) -> str:
    return Template(text).render(Context(context, autoescape=False)).strip()


def mask_address(address: str) -> str:
    if "@" in address:
        name, domain = address.split("@", 1)
        return f"{name[:1]}***@{domain}"
    return mask_phone(address)


def notify(*, topic: str, payload: dict, key: str) -> int:
    """Create the messages the templates of ``topic`` call for; returns how many rows were new."""
    resolver = resolver_for(topic)
    if resolver is None:
        return 0
    templates = list(MessageTemplate.objects.filter(topic=topic, enabled=True))
    if not templates:
        return 0
    occasion = resolver(topic, payload)
    if occasion is None:
        return 0
    return _store(templates, occasion, key=key, topic=topic)


def _store(templates: list[MessageTemplate], occasion: Occasion, *, key: str, topic: str) -> int:
    now = timezone.now()
    rows = []
    for template in templates:
        title, body = render(template.title, occasion.context), render(template.body, occasion.context)
        link = occasion.links.get(template.audience, "")
        for recipient in occasion.recipients.get(template.audience, []):
            rows += _messages(template, recipient, title=title, body=body, link=link, topic=topic, now=now,
                              key=f"{key}:{template.audience}")
    if not rows:
        return 0
    before = Notification.objects.filter(key__in=[row.key for row in rows]).count()
    Notification.objects.bulk_create(rows, ignore_conflicts=True)
    if any(row.channel != Channel.SITE for row in rows):
        transaction.on_commit(schedule_delivery)
    return len(rows) - before


def _messages(template: MessageTemplate, recipient: Recipient, *, title: str, body: str, link: str, topic: str,
              now: dt.datetime, key: str) -> list[Notification]:
    rows = []
    common = {"topic": topic, "user": recipient.user, "title": title[:200], "body": body, "link": link}
    if template.on_site and recipient.user is not None:
        rows.append(Notification(key=f"{key}:site:{recipient.user.pk}", channel=Channel.SITE, state=State.SENT,
                                 sent_at=now, **common))
    phone = mobile_digits(recipient.phone) if is_mobile(recipient.phone) else ""  # a landline cannot take a text
    for wanted, channel, address in ((template.by_sms, Channel.SMS, phone),
                                     (template.by_email, Channel.EMAIL, recipient.email.strip())):
        if wanted and address:
            rows.append(Notification(key=f"{key}:{channel}:{lookup_hash(address)[:24]}", channel=channel,
                                     address_encrypted=encrypt_text(address, context=ADDRESS_CONTEXT),
                                     address_masked=mask_address(address), **common))
    return rows


def schedule_delivery() -> None:
    if settings.CELERY_BROKER_URL:
        enqueue(DELIVER_NOTIFICATIONS)
    else:
        deliver_pending()


def send_text(phone: str, body: str) -> None:
    """One SMS through the configured gateway, signed with the platform's signature; raises when it is not accepted."""
    from sms import Message

    if not Message(body=f"【{settings.SMS_SIGNATURE}】{body}", recipients=[phone]).send():
        raise RuntimeError("短信网关未接受该短信")


def _send(notification: Notification) -> None:
    address = decrypt_text(notification.address_encrypted, context=ADDRESS_CONTEXT)
    if notification.channel == Channel.SMS:
        send_text(address, notification.body)
    else:
        link = f"\n\n{settings.SITE_URL.rstrip('/')}{notification.link}" if notification.link else ""
        EmailMessage(subject=f"{notification.title} · {settings.PLATFORM_NAME}", body=notification.body + link,
                     to=[address]).send()


def deliver_pending(*, limit: int = 500, retry_failed: bool = False) -> dict:
    """Send pending SMS and e-mail (and, on the retry schedule, failed ones); returns counts sent and failed."""
    wanted = Q(state=State.PENDING)
    if retry_failed:
        wanted |= Q(state=State.FAILED, attempts__lt=MAX_ATTEMPTS)
    counts = {"sent": 0, "failed": 0}
    with transaction.atomic():
        query = Notification.objects.filter(wanted).exclude(channel=Channel.SITE).order_by("id")
        if connection.features.has_select_for_update_skip_locked:
            query = query.select_for_update(skip_locked=True)  # two workers never send the same message twice
        batch = list(query[:limit])
        for notification in batch:
            notification.attempts += 1
            try:
                _send(notification)
            except Exception as exc:  # one bad address or a gateway hiccup must not stop the others
                logger.warning("notification %s (%s) failed: %s", notification.pk, notification.channel, exc)
                notification.state, notification.last_error = State.FAILED, f"{type(exc).__name__}: {exc}"[:500]
                counts["failed"] += 1
            else:
                notification.state, notification.sent_at, notification.last_error = State.SENT, timezone.now(), ""
                counts["sent"] += 1
        Notification.objects.bulk_update(batch, ["state", "attempts", "last_error", "sent_at"])
    return counts


def remind_deadlines(*, today: dt.date | None = None) -> int:
    """One reminder a day to each clerk whose queue holds items due by the next working day or overdue, from the
    sources the casework apps register (``occasions.reminds``): objections (the providing department), repair
    decisions (the credit office), repair results to acknowledge (the deciding department). Returns how many messages
    were new."""
    from publiccredit.workdays.services import add_working_days

    today = today or timezone.localdate()
    templates = list(MessageTemplate.objects.filter(topic=REMINDER_TOPIC, audience=DEPARTMENT, enabled=True))
    if not templates:
        return 0
    items: dict[int, list[tuple[str, dt.date, str]]] = {}
    users = {}
    for staff, line in due_items(add_working_days(today, 1)):
        for user in staff:
            users[user.pk] = user
            items.setdefault(user.pk, []).append(line)
    new = 0
    for user_pk, lines in items.items():
        user = users[user_pk]
        overdue = sum(1 for _, due, _ in lines if due < today)
        shown = [f"{kind} {number}（期限{due:%m月%d日}{'，已超期' if due < today else ''}）" for kind, due, number in lines[:20]]
        if len(lines) > 20:
            shown.append(f"……共{len(lines)}件")
        occasion = Occasion(
            context={"name": user.first_name or user.username, "total": len(lines), "overdue": overdue,
                     "due": len(lines) - overdue, "lines": "\n".join(shown), "date": f"{today:%Y年%m月%d日}"},
            recipients={DEPARTMENT: [Recipient(user=user, email=user.email, phone=user.phone)]},
            links={DEPARTMENT: "/backoffice/"})
        new += _store(templates, occasion, key=f"remind:{today:%Y%m%d}:{user_pk}", topic=REMINDER_TOPIC)
    return new


def mark_read(*, user, ids: list[int] | None = None) -> int:
    """Mark the user's own site messages read (all of them when ``ids`` is None)."""
    messages = Notification.objects.filter(user=user, channel=Channel.SITE, read_at__isnull=True)
    if ids is not None:
        messages = messages.filter(pk__in=ids)
    with transaction.atomic():
        changed = messages.update(read_at=timezone.now())
        if changed:
            record_write(actor=user, action="notifications.message.read", target_type="notifications.notification",
                         target_id=str(user.pk), target_label="站内消息", detail={"messages": changed})
    return changed
