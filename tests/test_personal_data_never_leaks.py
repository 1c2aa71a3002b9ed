"""A known citizen ID is seeded; no page, admin list, API answer, log line or database column shows it."""

import logging

import pytest
from django.contrib import admin
from django.db import connection
from django.urls import reverse

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user, issue_token
from tests.conftest import CITIZEN_ID

FORMS_OF_THE_NUMBER = [CITIZEN_ID, CITIZEN_ID[:17], CITIZEN_ID[6:14] + CITIZEN_ID[14:]]


def assert_clean(text: str, where: str) -> None:
    for form in FORMS_OF_THE_NUMBER:
        assert form not in text, f"身份证号码出现在 {where}"


@pytest.fixture
def penalised_citizen(citizen, market_regulation):
    """A penalty on the citizen, delivered with the full ID number as the party's and the representative's ID."""
    from publiccredit.catalog.models import CatalogItem
    from publiccredit.collection.services import submit_records
    from tests.builders import person_penalty_row

    row = person_penalty_row(1, CITIZEN_ID, name="张三丰", CF_FR_ZJHM=CITIZEN_ID)
    result = submit_records(item=CatalogItem.objects.get(code="penalty"), provider=market_regulation, records=[row],
                            actor=None)
    assert result.accepted == 1, result.errors
    bad = submit_records(item=CatalogItem.objects.get(code="penalty"), provider=market_regulation,
                         records=[person_penalty_row(2, CITIZEN_ID, name="张三丰", CF_SY="")], actor=None)
    assert bad.rejected == 1
    return citizen


@pytest.fixture
def superuser(credit_office):
    user = create_user(username="root-admin", role=Role.CREDIT_OFFICE, organization=credit_office,
                       password="Chaoji-2026!!")
    user.is_superuser = True
    user.save()
    return user


def admin_urls(citizen, enterprise):
    urls = [reverse("admin:index")]
    for model in admin.site._registry:
        meta = model._meta
        urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist"))
        first = model._default_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse(f"admin:{meta.app_label}_{meta.model_name}_change", args=[first.pk]))
    urls += [reverse("admin:subjects_subject_change", args=[citizen.pk]),
             reverse("admin:subjects_subject_change", args=[enterprise.pk]),
             reverse("admin:subjects_subject_changelist") + "?kind__exact=natural_person",
             reverse("admin:subjects_subject_changelist") + "?q=" + CITIZEN_ID,
             reverse("admin:subjects_subject_reveal", args=[citizen.pk])]
    return urls


def test_no_page_admin_list_or_log_line_shows_the_number(client, superuser, penalised_citizen, enterprise, caplog):
    from publiccredit.collection.models import Batch, CreditRecord

    caplog.set_level(logging.DEBUG)
    client.force_login(superuser)
    record = CreditRecord.objects.get()
    back_office = ["/backoffice/", "/backoffice/collection/", "/backoffice/collection/stats/",
                   "/backoffice/collection/unlinked/",
                   *[f"/backoffice/collection/batches/{b.pk}/" for b in Batch.objects.all()],
                   *[f"/backoffice/collection/batches/{b.pk}/errors.csv" for b in Batch.objects.all()],
                   f"/admin/collection/creditrecord/{record.pk}/change/"]
    for url in ["/", "/api/v1/organizations/", "/api/schema/", *admin_urls(penalised_citizen, enterprise),
                *back_office]:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert_clean(response.content.decode(), url)
    assert_clean(caplog.text, "日志")


def test_no_api_answer_shows_the_number(client, market_regulation, penalised_citizen, enterprise):
    from publiccredit.collection.models import Batch

    secret = issue_token(organization=market_regulation, scopes="subjects:read,records:read,stats:read").secret
    batches = [f"/api/v1/collection/batches/{b.pk}/" for b in Batch.objects.all()]
    for url in ["/api/v1/whoami/", "/api/v1/organizations/", f"/api/v1/identifiers/check/?code={CITIZEN_ID}",
                "/api/v1/collection/stats/", *batches,
                *[f"{b}errors.csv" for b in batches]]:
        response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {secret}")
        assert response.status_code == 200
        assert_clean(response.content.decode(), url)


def test_no_database_column_holds_the_number_in_clear(penalised_citizen, enterprise, credit_office_admin):
    from publiccredit.subjects.services import reveal_citizen_id

    reveal_citizen_id(subject=penalised_citizen, actor=credit_office_admin, reason="核实身份后办理")
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            assert_clean(repr(cursor.fetchall()), f"数据表 {table}")
