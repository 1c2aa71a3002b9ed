"""The credit office publishes articles (政策法规, 信用动态); drafts stay unseen."""


import pytest

from publiccredit.publicity.models import Article
from publiccredit.publicity.services import publish_article
from tests.builders import page_text

pytestmark = pytest.mark.django_db


def test_articles_are_listed_and_readable_and_drafts_are_not(client, db):
    shown = publish_article(kind=Article.Kind.POLICY, title="信用修复办法解读", body="第一段。\n\n第二段。", actor=None)
    draft = Article.objects.create(kind=Article.Kind.NEWS, title="草稿不公开", body="x", is_published=False)
    html = page_text(client, "/news/")
    assert "信用修复办法解读" in html and "草稿不公开" not in html
    assert "第二段。" in page_text(client, f"/news/{shown.pk}/")
    page_text(client, f"/news/{draft.pk}/", status=404)
    assert "信用修复办法解读" in page_text(client, "/")


def test_the_credit_office_publishes_an_article_in_the_admin_and_it_is_audited(client, credit_office_admin):
    from publiccredit.audit.models import AuditEntry

    client.force_login(credit_office_admin)
    response = client.post("/admin/publicity/article/add/", {
        "kind": "notice", "title": "关于开展信用修复集中服务的通知", "summary": "", "body": "各有关单位：\n\n请做好服务。",
        "source": "上饶市发展和改革委员会", "published_at_0": "2026-11-20", "published_at_1": "09:00:00",
        "is_published": "on"})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert "关于开展信用修复集中服务的通知" in page_text(client, "/news/")
    assert AuditEntry.objects.filter(action__startswith="publicity.article").exists()
