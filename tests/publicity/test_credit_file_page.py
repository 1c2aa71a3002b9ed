"""The public credit file: sections with source, date and deadline, a friendly 404, and a cache that follows every change."""


import pytest
from django.utils import timezone

from tests.builders import deliver, page_text, recent_penalty

pytestmark = pytest.mark.django_db


def test_the_credit_file_shows_sections_with_source_date_and_deadline(client, records_in_every_state, enterprise):
    html = page_text(client, f"/credit/{enterprise.uscc}/")
    public = records_in_every_state["public"]
    assert "上饶市信江光伏科技有限公司" in html and enterprise.uscc in html
    for title in ("基本信息", "行政许可", "行政处罚", "名单信息", "守信激励", "信用承诺", "信用评价"):
        assert title in html
    assert public.decision_number in html
    assert "上饶市市场监督管理局" in html
    assert f"{public.decision_date.year}年{public.decision_date.month}月{public.decision_date.day}日" in html
    assert f"{public.publicity_end.year}年{public.publicity_end.month}月{public.publicity_end.day}日" in html
    assert 'data-mark="异议处理中"' in html
    assert "法定代表人（负责人）</dt><dd>张三丰</dd>" in html  # public registration information
    for hidden in ("repaired", "expired", "withdrawn", "inspection"):
        assert records_in_every_state[hidden].decision_number not in html


def test_an_unknown_or_malformed_code_gets_the_friendly_404_page_text(client, db):
    assert "页面不存在" in page_text(client, "/credit/91361102MA35ABCD4C/", status=404)
    assert "页面不存在" in page_text(client, "/credit/not-a-code/", status=404)


def test_the_cached_public_file_follows_new_records_state_changes_and_registration_changes(
        client, enterprise, market_regulation):
    from publiccredit.collection.models import CreditRecord
    from publiccredit.subjects.models import Subject
    from publiccredit.subjects.services import SubjectSpec, register_subject, set_representative

    url = f"/credit/{enterprise.uscc}/"
    assert "饶市监罚〔2026〕1号" not in page_text(client, url)
    [record] = deliver("penalty", [recent_penalty(1)], market_regulation)
    assert "饶市监罚〔2026〕1号" in page_text(client, url)
    CreditRecord.objects.filter(pk=record.pk).update(state=CreditRecord.State.REPAIRED, updated_at=timezone.now())
    assert "饶市监罚〔2026〕1号" not in page_text(client, url)
    successor = register_subject(spec=SubjectSpec(kind=Subject.Kind.NATURAL_PERSON, name="李继任",
                                                  code="36112319781105004X"), actor=None)
    set_representative(organization=enterprise, person=successor, actor=None)
    assert "李继任" in page_text(client, url)
