"""One rule decides what each audience sees of a record (docs/architecture.md)."""

import datetime as dt
import itertools

import pytest
from django.utils import timezone

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.visibility import is_visible
from publiccredit.core.audience import Audience, audience_for
from publiccredit.publicity.presentation import present_record
from publiccredit.publicity.queries import credit_file
from tests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db


def visible_keys(records, audience):
    ids = set(CreditRecord.objects.visible_to(audience).values_list("pk", flat=True))
    return {name for name, record in records.items() if record.pk in ids}


def test_the_public_sees_published_records_in_their_window_and_under_objection_only(records_in_every_state):
    assert visible_keys(records_in_every_state, Audience.PUBLIC) == {"public", "objection", "person"}


def test_the_subject_sees_its_repaired_and_expired_records_too(records_in_every_state):
    assert visible_keys(records_in_every_state, Audience.SUBJECT) == {
        "public", "repaired", "expired", "objection", "person", "inspection"}


def test_departments_see_neither_repaired_nor_authorised_only_records(records_in_every_state):
    assert visible_keys(records_in_every_state, Audience.DEPARTMENT) == {"public", "expired", "objection", "person"}


def test_the_credit_office_sees_everything_including_withdrawn_records(records_in_every_state):
    assert visible_keys(records_in_every_state, Audience.CREDIT_OFFICE) == set(records_in_every_state)


def test_the_queryset_rule_and_the_record_rule_agree_on_every_combination(records_in_every_state):
    record = records_in_every_state["public"]
    today = timezone.localdate()
    windows = [(None, None), (today - dt.timedelta(days=9), today + dt.timedelta(days=9)),
               (today + dt.timedelta(days=1), None), (None, today - dt.timedelta(days=1)), (today, today)]
    for state, disclosure, published, (start, end) in itertools.product(
            CreditRecord.State.values, CatalogItem.Disclosure.values, (True, False), windows):
        CatalogItem.objects.filter(pk=record.item_id).update(disclosure=disclosure)
        CreditRecord.objects.filter(pk=record.pk).update(state=state, published=published, publicity_start=start,
                                                         publicity_end=end)
        loaded = CreditRecord.objects.select_related("item").get(pk=record.pk)
        for audience in Audience:
            in_queryset = CreditRecord.objects.filter(pk=record.pk).visible_to(audience, today=today).exists()
            assert in_queryset == is_visible(loaded, audience, today=today), (state, disclosure, published, start,
                                                                              end, audience)


def test_a_repaired_penalty_disappears_from_the_public_file_and_stays_marked_for_the_subject(
        records_in_every_state, enterprise):
    public_numbers = {row["decision_number"] for section in credit_file(enterprise)["sections"]
                      for row in section["records"]}
    assert records_in_every_state["repaired"].decision_number not in public_numbers
    own = {row["decision_number"]: row for section in credit_file(enterprise, Audience.SUBJECT)["sections"]
           for row in section["records"]}
    assert own[records_in_every_state["repaired"].decision_number]["marks"] == ["已修复"]


def test_a_record_under_objection_is_shown_with_its_mark(records_in_every_state, enterprise):
    rows = {row["decision_number"]: row for section in credit_file(enterprise)["sections"] for row in section["records"]}
    assert rows[records_in_every_state["objection"].decision_number]["marks"] == ["异议处理中"]


def test_the_public_sees_a_person_masked_and_no_id_number_at_all(records_in_every_state):
    shown = present_record(records_in_every_state["person"], Audience.PUBLIC)
    assert shown["party_name"] == "张*丰"
    assert shown["party_code"] == ""
    assert "CF_XDR_ZJHM" not in {field["code"] for field in shown["fields"]}
    assert "CF_FR_ZJHM" not in {field["code"] for field in shown["fields"]}
    assert CITIZEN_ID not in str(shown)


def test_a_department_sees_the_person_by_name_with_the_id_number_masked(records_in_every_state):
    shown = present_record(records_in_every_state["person"], Audience.DEPARTMENT)
    assert shown["party_name"] == "张三丰"
    values = {field["code"]: field["value"] for field in shown["fields"]}
    assert values["CF_XDR_ZJHM"] == "3611**********1230"
    assert CITIZEN_ID not in str(shown)


def test_the_audience_follows_the_signed_in_user(credit_office_admin, market_clerk, enterprise, citizen):
    owner = create_user(username="xinjiang-owner", role=Role.SUBJECT_USER, subject=enterprise, password="Qiye-2026!!x")
    assert audience_for(None) == Audience.PUBLIC
    assert audience_for(credit_office_admin, enterprise) == Audience.CREDIT_OFFICE
    assert audience_for(market_clerk, enterprise) == Audience.DEPARTMENT
    assert audience_for(owner, enterprise) == Audience.SUBJECT
    assert audience_for(owner, citizen) == Audience.PUBLIC


def restricted_keys(records, user):
    ids = set(CreditRecord.objects.restrict(user).values_list("pk", flat=True))
    return {name for name, record in records.items() if record.pk in ids}


def test_a_bound_account_sees_its_own_subject_as_the_subject_and_every_other_subject_as_the_public(
        records_in_every_state, enterprise, citizen):
    owner = create_user(username="xinjiang-restrict", role=Role.SUBJECT_USER, subject=enterprise,
                        password="Qiye-2026!!x")
    own = {name for name, record in records_in_every_state.items() if record.subject_id == enterprise.pk}
    others = set(records_in_every_state) - own
    assert others == {"person"}  # the one record of another subject: the citizen's penalty
    assert restricted_keys(records_in_every_state, owner) == (
        (visible_keys(records_in_every_state, Audience.SUBJECT) & own)
        | (visible_keys(records_in_every_state, Audience.PUBLIC) & others))
    neighbour = create_user(username="citizen-restrict", role=Role.SUBJECT_USER, subject=citizen,
                            password="Geren-2026!!x")
    assert "repaired" not in restricted_keys(records_in_every_state, neighbour)
    assert "inspection" not in restricted_keys(records_in_every_state, neighbour)


def test_staff_and_visitors_are_restricted_by_their_audience(records_in_every_state, market_clerk,
                                                              credit_office_admin):
    from django.contrib.auth.models import AnonymousUser

    assert restricted_keys(records_in_every_state, AnonymousUser()) == visible_keys(records_in_every_state,
                                                                                    Audience.PUBLIC)
    assert restricted_keys(records_in_every_state, market_clerk) == visible_keys(records_in_every_state,
                                                                                 Audience.DEPARTMENT)
    assert restricted_keys(records_in_every_state, credit_office_admin) == set(records_in_every_state)


def test_records_in_force_are_the_valid_corrected_and_contested_ones_inside_their_publicity_period(
        records_in_every_state):
    corrected = records_in_every_state["public"]
    CreditRecord.objects.filter(pk=corrected.pk).update(state=CreditRecord.State.CORRECTED)
    in_force = set(CreditRecord.objects.visible_to(Audience.CREDIT_OFFICE).in_force().values_list("pk", flat=True))
    assert {name for name, record in records_in_every_state.items() if record.pk in in_force} == {
        "public", "objection", "person", "inspection"}
