"""``GET /api/v1/lists/?kind=``: published entries only, persons masked."""

import datetime as dt

import pytest
from django.utils import timezone

from publiccredit.lists.models import ListKind
from publiccredit.lists.services import decide_entry, propose_entry, publish_entry
from tests.conftest import CITIZEN_ID, notify_and_serve, second_approver

pytestmark = pytest.mark.django_db


def listed(kind_code, subject, approver, *, publish=True):
    kind = ListKind.objects.get(code=kind_code)
    entry = propose_entry(kind=kind, subject=subject, reason="依法认定", actor=approver)
    long_ago = timezone.localdate() - dt.timedelta(days=60)
    entry = notify_and_serve(entry=entry, actor=approver, today=long_ago)
    entry = decide_entry(entry=entry, decision_number=f"饶决〔2026〕{entry.pk}号", approver=second_approver(), actor=approver,
                         today=long_ago + dt.timedelta(days=20))
    return publish_entry(entry=entry, actor=approver) if publish else entry


def test_published_entries_are_listed_with_persons_masked(client, enterprise, citizen, credit_office_admin):
    listed("serious_dishonesty", enterprise, credit_office_admin)
    listed("market_ban", citizen, credit_office_admin)
    body = client.get("/api/v1/lists/", {"kind": "market_ban"}).json()
    assert body["count"] == 1
    entry = body["results"][0]
    assert (entry["kind"], entry["name"], entry["code"]) == ("market_ban", "张*丰", "3611**********1230")
    assert {"start", "end"} <= set(entry)
    assert CITIZEN_ID not in str(body)
    assert client.get("/api/v1/lists/").json()["count"] == 2


def test_decided_but_unpublished_entries_are_not_public(client, enterprise, credit_office_admin):
    listed("watch_list", enterprise, credit_office_admin, publish=False)
    assert client.get("/api/v1/lists/", {"kind": "watch_list"}).json()["count"] == 0


def test_an_unknown_list_kind_is_a_400_naming_the_known_ones(client, db):
    response = client.get("/api/v1/lists/", {"kind": "nonsense"})
    assert response.status_code == 400
    assert "serious_dishonesty" in response.json()["detail"]


def test_a_published_entry_shows_in_the_list_column_and_the_credit_file(client, enterprise, credit_office_admin):
    url = f"/credit/{enterprise.uscc}/"
    assert "严重失信主体名单 ·" not in client.get(url).content.decode()  # cached page before listing
    entry = listed("serious_dishonesty", enterprise, credit_office_admin)
    column = client.get("/lists/", {"kind": "serious_dishonesty"}).content.decode()
    assert entry.decision_number in column and "移出条件" in column
    assert f"严重失信主体名单 · {entry.decision_number}" in client.get(url).content.decode()
    body = client.get(f"/api/v1/subjects/{enterprise.uscc}/").json()
    assert [e["decision_number"] for e in body["list_entries"]] == [entry.decision_number]
