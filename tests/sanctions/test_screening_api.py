"""A department screens subjects for a matter and learns, per subject, what applies — never "clean" for the unknown."""

import pytest

from publiccredit.audit.models import AuditEntry
from publiccredit.sanctions.models import Screening, ScreeningSubject
from tests.conftest import CITIZEN_ID, ENTERPRISE_USCC

pytestmark = pytest.mark.django_db


def screen(client, headers, subjects, matter="gov_procurement", **extra):
    return client.post("/api/v1/screening/", {"matter": matter, "subjects": subjects, **extra},
                       content_type="application/json", **headers)


def test_a_listed_enterprise_is_a_hit_with_its_entry_and_the_measures_of_the_matter(client, screening_token,
                                                                                    listed_enterprise, clean_enterprise):
    response = screen(client, screening_token, [{"code": ENTERPRISE_USCC}, {"code": clean_enterprise.uscc}],
                      reference="SRCG-2026-118")
    assert response.status_code == 201, response.json()
    body = response.json()
    hit, clean = body["results"]
    assert (body["total"], body["found"], body["hits"]) == (2, 2, 1)
    assert hit["status"] == "hit" and hit["subject"]["name"] == listed_enterprise.name
    assert [e["kind"] for e in hit["list_entries"]] == ["serious_dishonesty"]
    codes = {m["code"] for m in hit["measures"]}
    assert "CJ-001" in codes  # 限制参加政府采购活动
    assert all(not m["suspended"] for m in hit["measures"])
    assert clean["status"] == "clean" and "measures" not in clean
    assert Screening.objects.get().reference == "SRCG-2026-118"


def test_only_the_measures_of_the_asked_matter_apply(client, screening_token, listed_enterprise):
    procurement = screen(client, screening_token, [{"code": ENTERPRISE_USCC}]).json()["results"][0]
    land = screen(client, screening_token, [{"code": ENTERPRISE_USCC}], matter="land_transfer").json()["results"][0]
    assert {m["code"] for m in land["measures"]} == {"CJ-005"}
    assert "CJ-005" not in {m["code"] for m in procurement["measures"]}


def test_a_subject_missing_from_the_registry_is_not_found_and_never_clean(client, screening_token, db):
    from publiccredit.core.identifiers import make_uscc

    unknown = make_uscc("91", "361102", "MA3XXXXX")
    result = screen(client, screening_token, [{"code": unknown}, {"name": "上饶市并不存在有限公司"}]).json()
    assert [r["status"] for r in result["results"]] == ["not_found", "not_found"]
    assert all(r["found"] is False and "不能视为无不良信息" in r["message"] for r in result["results"])
    assert result["not_found"] == 2


def test_a_name_finds_an_organisation_but_never_a_person(client, screening_token, listed_enterprise, citizen):
    body = screen(client, screening_token, [{"name": "上饶市 信江光伏科技有限公司"}, {"name": "张三丰"}]).json()
    by_name, person = body["results"]
    assert by_name["status"] == "hit"
    assert person["status"] == "not_found"


def test_a_person_is_found_by_id_masked_in_the_answer_and_the_full_id_is_never_stored(client, screening_token,
                                                                                    citizen):
    body = screen(client, screening_token, [{"code": CITIZEN_ID}]).json()
    [row] = body["results"]
    assert row["found"] and CITIZEN_ID not in str(body)
    assert CITIZEN_ID not in str(list(ScreeningSubject.objects.values()))


def test_the_legal_representative_of_a_listed_enterprise_is_a_related_hit(client, screening_token, listed_enterprise):
    [row] = screen(client, screening_token, [{"code": CITIZEN_ID}]).json()["results"]
    assert row["status"] == "clean"
    [related] = row["related"]
    assert related["relation"] == "担任法定代表人的单位" and related["code"] == ENTERPRISE_USCC
    assert related["list_entries"][0]["kind"] == "serious_dishonesty"


def test_screening_a_listed_person_returns_the_organisations_it_represents(client, screening_token, enterprise,
                                                                          citizen, credit_office_admin):
    from tests.builders import list_subject

    list_subject(citizen, "serious_dishonesty", credit_office_admin)
    [row] = screen(client, screening_token, [{"code": ENTERPRISE_USCC}]).json()["results"]
    assert row["status"] == "clean"
    assert [r["relation"] for r in row["related"]] == ["法定代表人"]


def test_a_negative_record_under_objection_is_marked_and_its_measures_suspended(client, screening_token,
                                                                              enterprise, market_regulation):
    from publiccredit.collection.models import CreditRecord
    from tests.builders import deliver, recent_penalty

    [record] = deliver("penalty", [recent_penalty(1, CF_CFLB="罚款")], market_regulation)
    CreditRecord.objects.filter(pk=record.pk).update(state=CreditRecord.State.OBJECTION, severity="serious")
    [row] = screen(client, screening_token, [{"code": ENTERPRISE_USCC}], matter="licensing").json()["results"]
    assert row["status"] == "hit"
    assert row["records"][0]["objection"] is True
    [measure] = [m for m in row["measures"] if m["code"] == "CJ-006"]
    assert measure["suspended"] is True


def test_a_corrected_record_still_grounds_its_measures_and_a_withdrawn_or_expired_one_does_not(
        client, screening_token, enterprise, market_regulation):
    import datetime as dt

    from publiccredit.collection.models import CreditRecord
    from tests.builders import deliver, recent_penalty

    corrected, withdrawn, expired = deliver("penalty", [recent_penalty(n, CF_CFLB="罚款") for n in (1, 2, 3)],
                                            market_regulation)
    CreditRecord.objects.filter(pk=corrected.pk).update(state=CreditRecord.State.CORRECTED, severity="serious")
    CreditRecord.objects.filter(pk=withdrawn.pk).update(state=CreditRecord.State.WITHDRAWN, severity="serious")
    CreditRecord.objects.filter(pk=expired.pk).update(severity="serious",
                                                     publicity_end=dt.date.today() - dt.timedelta(days=2))
    [row] = screen(client, screening_token, [{"code": ENTERPRISE_USCC}], matter="licensing").json()["results"]
    assert [r["decision_number"] for r in row["records"]] == [corrected.decision_number]
    assert row["records"][0]["objection"] is False
    assert "CJ-006" in {m["code"] for m in row["measures"]}


def test_an_unknown_matter_invalid_codes_and_an_empty_row_are_each_named_in_one_400(client, screening_token, db):
    response = screen(client, screening_token, [{"code": "91361102MA35ABCD4X"}, {}, {"code": ENTERPRISE_USCC}],
                      matter="moon_landing")
    assert response.status_code == 400
    body = response.json()
    fields = [(p.get("index"), p["field"]) for p in body["problems"]]
    assert (None, "matter") in fields and (0, "code") in fields and (1, "subjects") in fields
    assert "moon_landing" in body["detail"]
    assert Screening.objects.count() == 0


def test_an_oversize_batch_is_refused(client, screening_token, db):
    response = screen(client, screening_token, [{"code": ENTERPRISE_USCC}] * 10_001)
    assert response.status_code == 400
    assert "10,000" in response.json()["detail"]


def test_a_token_without_the_screening_scope_is_refused(client, market_regulation, db):
    from publiccredit.accounts.services import issue_token

    issued = issue_token(organization=market_regulation, name="报送", scopes=["records:write"])
    response = screen(client, {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}, [{"code": ENTERPRISE_USCC}])
    assert response.status_code == 403


def test_every_screening_is_audited_as_an_authorised_read(client, screening_token, listed_enterprise):
    screen(client, screening_token, [{"code": ENTERPRISE_USCC}])
    entry = AuditEntry.objects.get(action="sanctions.screening.run")
    assert entry.kind == "read" and entry.detail["hits"] == 1


def test_the_matters_are_listed_with_their_codes(client, db):
    body = client.get("/api/v1/screening/matters/").json()
    codes = {m["code"] for m in body["results"]}
    assert {"gov_procurement", "bidding", "fiscal_funds", "honours", "licensing", "land_transfer", "financing",
            "public_office"} <= codes
    assert all(m["measures"] > 0 for m in body["results"])


def test_a_red_listed_enterprise_gets_the_incentives_of_the_matter(client, screening_token, enterprise,
                                                                   credit_office_admin):
    from tests.builders import list_subject

    list_subject(enterprise, "red_list", credit_office_admin)
    [row] = screen(client, screening_token, [{"code": ENTERPRISE_USCC}], matter="licensing").json()["results"]
    assert row["status"] == "hit"
    assert {m["code"]: m["effect"] for m in row["measures"]} == {"JL-001": "incentive"}
    assert row["related"] == []  # a red list is no reason to flag anyone related


def test_entries_past_their_term_or_not_yet_published_are_not_hits(client, screening_token, listed_enterprise):
    import datetime as dt

    from django.utils import timezone

    from publiccredit.lists.models import ListEntry

    entry = ListEntry.objects.get()
    ListEntry.objects.filter(pk=entry.pk).update(end=timezone.localdate() - dt.timedelta(days=1))
    [ended] = screen(client, screening_token, [{"code": ENTERPRISE_USCC}]).json()["results"]
    ListEntry.objects.filter(pk=entry.pk).update(end=None, state="decided")
    [undecided] = screen(client, screening_token, [{"code": ENTERPRISE_USCC}]).json()["results"]
    assert ended["status"] == undecided["status"] == "clean"
