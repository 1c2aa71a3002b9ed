"""What the credit file shows reads as text: set fields joined with 、, no 登记状态 for a person, no "最近 0 条"."""

import pytest

from publiccredit.publicity.queries import public_ref
from tests.builders import deliver, person_penalty_row, recent_penalty
from tests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db


def test_a_penalty_category_set_reads_as_words_not_as_a_list(client, enterprise, market_regulation):
    deliver("penalty", [recent_penalty(1, CF_CFLB="警告;罚款")], market_regulation)
    page = client.get(f"/credit/{public_ref(enterprise)}/").content.decode()
    assert "警告、罚款" in page
    assert "[&#x27;" not in page and "['" not in page


def test_a_persons_file_shows_no_registration_status(client, citizen, market_regulation):
    import datetime as dt

    from django.utils import timezone

    decided = str(timezone.localdate() - dt.timedelta(days=3))
    deliver("penalty", [person_penalty_row(2, CITIZEN_ID, name="张三丰", CF_JDRQ=decided)], market_regulation)
    page = client.get(f"/credit/{public_ref(citizen)}/").content.decode()
    assert "存续" not in page and "登记状态" not in page


def test_a_file_with_list_entries_only_never_says_it_shows_the_latest_zero(client, enterprise, credit_office_admin):
    from tests.builders import list_subject

    list_subject(enterprise, "serious_dishonesty", credit_office_admin)
    page = client.get(f"/credit/{public_ref(enterprise)}/").content.decode()
    assert "严重失信主体名单" in page
    assert "仅显示最近 0 条" not in page
