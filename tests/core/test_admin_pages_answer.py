"""Every model registered in the admin opens its list for a superuser (configuration, read-only evidence alike)."""

import pytest
from django.contrib import admin

pytestmark = pytest.mark.django_db


def test_every_admin_list_page_answers(admin_client):
    for model in admin.site._registry:
        meta = model._meta
        url = f"/admin/{meta.app_label}/{meta.model_name}/"
        assert admin_client.get(url).status_code == 200, url


def test_a_repair_application_opens_read_only_with_its_history(admin_client, old_penalty, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from publiccredit.repair.services import Applicant, apply_for_repair

    settings.MEDIA_ROOT = tmp_path
    application, _ = apply_for_repair(
        record=old_penalty, applicant=Applicant(name="信江光伏", contact_name="刘", contact_phone="13800000000"),
        statement="已整改", commitment_accepted=True, actor=None, channel="portal",
        files=[SimpleUploadedFile("a.pdf", b"%PDF-1.4 test")])
    page = admin_client.get(f"/admin/repair/repairapplication/{application.pk}/change/").content.decode()
    assert application.number in page and "已提交（待受理）" in page and "query_code_hash" not in page


@pytest.mark.parametrize("path, model_path", [
    ("/admin/repair/repairsettings/", "publiccredit.repair.models.RepairSettings"),
    ("/admin/objections/objectionsettings/", "publiccredit.objections.models.ObjectionSettings"),
])
def test_deadline_settings_are_one_row_the_defaults_until_saved(client, credit_office_admin, path, model_path):
    from django.utils.module_loading import import_string

    model = import_string(model_path)
    assert model.current().pk is None and model.current().decide_working_days in (5, 10)
    client.force_login(credit_office_admin)
    assert client.get(path + "add/").status_code == 200
    form = {field.name: field.default for field in model._meta.fields if field.name != "id"}
    form["decide_working_days"] = 7
    assert client.post(path + "add/", form).status_code == 302
    assert model.current().decide_working_days == 7
    assert client.get(path + "add/").status_code == 403  # a second row is never offered
