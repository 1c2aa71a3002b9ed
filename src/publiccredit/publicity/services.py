"""Reading a credit file with its audit trail: a read beyond what the public sees is an authorised read."""

from django.db import transaction

from publiccredit.audit.services import record_read, record_write
from publiccredit.core.audience import Audience, audience_for
from publiccredit.subjects.models import Subject

from . import queries
from .models import Article


def read_credit_file(*, subject: Subject, viewer, channel: str | None = None) -> dict:
    """The credit file of ``subject`` as ``viewer`` may see it; every non-public view is audited (docs/portal.md)."""
    audience = audience_for(viewer, subject)
    file = queries.credit_file(subject, audience)
    if audience != Audience.PUBLIC:
        record_read(actor=viewer, action="publicity.credit_file.read", target=subject,
                    detail={"audience": str(audience)}, channel=channel)
    return file


def publish_article(*, kind: str, title: str, body: str, actor, summary: str = "", source: str = "",
                    published_at=None) -> Article:
    """Publish an article in the 诚信宣传 columns (news, policy, notice, typical case)."""
    with transaction.atomic():
        article = Article(kind=kind, title=title, body=body, summary=summary)
        if source:
            article.source = source
        if published_at is not None:
            article.published_at = published_at
        article.full_clean()
        article.save()
        record_write(actor=actor, action="publicity.article.publish", target=article, detail={"kind": kind})
    return article
