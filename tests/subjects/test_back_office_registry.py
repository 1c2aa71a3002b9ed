"""The credit office keeps the registry in the Chinese admin; every change goes through the audited services."""

from django.urls import reverse

from publiccredit.audit.models import AuditEntry
from publiccredit.subjects.models import Representative, Subject
from tests.conftest import CITIZEN_ID, CITIZEN_ID_WITH_X

ADD_URL = reverse("admin:subjects_subject_add")
# the change page carries two read-only inlines (name history, representatives); their formsets need these fields
INLINE_MANAGEMENT = {f"{prefix}-{field}": value for prefix in ("names", "representatives")
                     for field, value in (("TOTAL_FORMS", "0"), ("INITIAL_FORMS", "0"))}


def test_the_admin_speaks_chinese_even_to_an_english_browser(client, credit_office_admin):
    client.force_login(credit_office_admin)
    page = client.get(reverse("admin:index"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert "欢迎" in page and "Welcome" not in page
    assert "上饶市公共信用信息平台 · 管理后台" in page
    assert "信用主体" in page and "单位" in page


def test_a_clerk_adds_a_person_in_the_admin_and_the_number_is_stored_encrypted(client, credit_office_admin):
    client.force_login(credit_office_admin)
    response = client.post(ADD_URL, {"kind": "natural_person", "name": "李四", "code": CITIZEN_ID_WITH_X,
                                      "status": "active"})
    assert response.status_code == 302
    person = Subject.objects.get(kind="natural_person")
    assert person.id_masked == "3611**********004X"
    assert AuditEntry.objects.filter(action="subjects.subject.register", channel="admin").exists()


def test_a_wrong_code_in_the_admin_form_shows_the_reason_and_saves_nothing(client, credit_office_admin):
    client.force_login(credit_office_admin)
    response = client.post(ADD_URL, {"kind": "legal_person", "name": "某公司", "code": "91361102MA35ABCD4D",
                                      "status": "active"})
    assert response.status_code == 200
    assert "第18位校验码错误：应为“C”，实际为“D”" in response.content.decode()
    assert not Subject.objects.exists()


def test_a_duplicate_code_in_the_admin_form_is_refused(client, credit_office_admin, citizen):
    client.force_login(credit_office_admin)
    response = client.post(ADD_URL, {"kind": "natural_person", "name": "冒名", "code": CITIZEN_ID, "status": "active"})
    assert response.status_code == 200
    assert "已在主体库中" in response.content.decode()
    assert Subject.objects.count() == 1


def test_renaming_in_the_admin_keeps_the_former_name(client, credit_office_admin, enterprise):
    client.force_login(credit_office_admin)
    url = reverse("admin:subjects_subject_change", args=[enterprise.pk])
    response = client.post(url, {"name": "江西信江新能源有限公司", "status": "active", "established_on": "2015-06-01",
                                 "address": enterprise.address, **INLINE_MANAGEMENT})
    assert response.status_code == 302
    assert set(enterprise.names.values_list("name", flat=True)) == {"上饶市信江光伏科技有限公司", "江西信江新能源有限公司"}
    assert AuditEntry.objects.filter(action="subjects.subject.rename").exists()


def test_opening_a_person_in_the_admin_is_an_audited_read(client, credit_office_admin, citizen):
    client.force_login(credit_office_admin)
    client.get(reverse("admin:subjects_subject_change", args=[citizen.pk]))
    entry = AuditEntry.objects.get(action="subjects.person.view")
    assert (entry.kind, entry.actor_name, entry.target_id) == ("read", "admin-li", str(citizen.pk))


def test_the_admin_list_masks_persons_names_and_numbers(client, credit_office_admin, citizen):
    client.force_login(credit_office_admin)
    page = client.get(reverse("admin:subjects_subject_changelist")).content.decode()
    assert "张*丰" in page and "3611**********1230" in page
    assert "张三丰" not in page


def test_searching_the_admin_by_full_id_finds_the_person_without_echoing_the_number(client, credit_office_admin,
                                                                                    citizen, enterprise):
    client.force_login(credit_office_admin)
    response = client.get(reverse("admin:subjects_subject_changelist"), {"q": CITIZEN_ID}, follow=True)
    page = response.content.decode()
    assert CITIZEN_ID not in page
    assert "3611**********1230" in page
    assert "上饶市信江光伏科技有限公司" not in page


def test_revealing_a_number_in_the_admin_needs_a_reason_and_is_audited(client, credit_office_admin, citizen):
    client.force_login(credit_office_admin)
    url = reverse("admin:subjects_subject_reveal", args=[citizen.pk])
    assert CITIZEN_ID not in client.get(url).content.decode()
    assert CITIZEN_ID in client.post(url, {"reason": "核实修复申请人身份"}).content.decode()
    assert AuditEntry.objects.get(action="subjects.citizen_id.reveal").reason == "核实修复申请人身份"


def test_a_clerk_cannot_open_the_reveal_page(client, market_clerk, citizen):
    client.force_login(market_clerk)
    assert client.get(reverse("admin:subjects_subject_reveal", args=[citizen.pk])).status_code == 403


def test_a_new_legal_representative_set_in_the_admin_closes_the_previous_one(client, credit_office_admin, enterprise,
                                                                              citizen):
    from publiccredit.subjects.services import SubjectSpec, register_subject

    successor = register_subject(spec=SubjectSpec(kind="natural_person", name="李四", code=CITIZEN_ID_WITH_X),
                                 actor=None)
    client.force_login(credit_office_admin)
    response = client.post(reverse("admin:subjects_representative_add"), {
        "organization": enterprise.pk, "person": successor.pk, "role": "legal_representative", "since": "2024-01-01"})
    assert response.status_code == 302
    assert enterprise.current_representative() == successor
    assert Representative.objects.get(person=citizen).until is not None


def test_changing_an_organisation_in_the_admin_is_audited(client, credit_office_admin, market_regulation):
    client.force_login(credit_office_admin)
    url = reverse("admin:organizations_organization_change", args=[market_regulation.pk])
    response = client.post(url, {"code": market_regulation.code, "name": market_regulation.name, "short_name": "市监局",
                                 "kind": "department", "region": market_regulation.region_id, "is_active": "on",
                                 "sort_order": 2})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="organizations.organization.update")
    assert entry.detail == {"changed": ["short_name"]}
    assert entry.channel == "admin"
