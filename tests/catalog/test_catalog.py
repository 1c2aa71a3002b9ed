from publiccredit.catalog.builtins import PENALTY_CATEGORIES
from publiccredit.catalog.models import CatalogItem, Category, ItemField
from publiccredit.catalog.services import publish_version


def test_the_2024_catalog_has_thirteen_categories_in_order(db):
    names = list(Category.objects.values_list("name", flat=True))
    assert len(names) == 13
    assert names[:5] == ["登记注册基本信息", "司法裁判及执行信息", "行政管理信息", "职称和职业信息", "经营（活动）异常名录信息"]


def test_the_penalty_item_uses_the_national_field_codes_with_their_rules(db):
    penalty = CatalogItem.objects.get(code="penalty")
    fields = {f.code: f for f in penalty.fields.all()}
    assert fields["CF_WSH"].max_length == 128 and fields["CF_WSH"].required and fields["CF_WSH"].role == "decision_number"
    assert fields["CF_XDR_MC"].max_length == 200
    assert fields["CF_YJ"].max_length == 2048 and fields["CF_NR"].max_length == 4000 and fields["BZ"].max_length == 512
    assert fields["CF_CFLB"].type == "set" and fields["CF_CFLB"].choices == PENALTY_CATEGORIES
    required = {code for code, f in fields.items() if f.required}
    assert required == {"CF_WSH", "CF_XDR_MC", "CF_XDR_LB", "CF_WFXW", "CF_SY", "CF_YJ", "CF_CFLB", "CF_NR", "CF_JDRQ",
                        "CF_YXQ", "CF_CFJG", "CF_CFJGDM", "CF_SJLY", "CF_SJLYDM"}
    assert (penalty.disclosure, penalty.nature, penalty.deadline_working_days) == ("public", "negative", 7)


def test_the_license_item_uses_the_xk_field_codes(db):
    codes = set(CatalogItem.objects.get(code="license").fields.values_list("code", flat=True))
    assert {"XK_XKWS", "XK_WSH", "XK_XKLB", "XK_XKZS", "XK_XKBH", "XK_NR", "XK_JDRQ", "XK_YXQZ", "XK_YXQZI", "XK_XKJG",
            "XK_XKJGDM", "XK_LYDW", "XK_LYDWDM", "XK_ZT"} <= codes


def test_the_other_items_a_city_collects_are_built_in(db):
    codes = set(CatalogItem.objects.values_list("code", flat=True))
    assert {"court_dishonest_debtor", "business_anomaly", "major_tax_violation", "honor", "consumer_complaint",
            "administrative_coercion", "administrative_confirmation", "administrative_levy", "administrative_payment",
            "administrative_adjudication", "administrative_compensation", "administrative_reward",
            "administrative_inspection"} <= codes


def test_publishing_an_unchanged_item_keeps_its_version(db):
    penalty = CatalogItem.objects.get(code="penalty")
    assert publish_version(item=penalty, actor=None).number == 1


def test_changing_a_field_publishes_a_new_version_and_keeps_the_old_one(db):
    penalty = CatalogItem.objects.get(code="penalty")
    old = penalty.current_version
    ItemField.objects.filter(item=penalty, code="BZ").update(max_length=1000)
    new = publish_version(item=penalty, actor=None)
    assert new.number == 2
    old.refresh_from_db()
    assert next(f for f in old.schema["fields"] if f["code"] == "BZ")["max_length"] == 512
    assert next(f for f in new.schema["fields"] if f["code"] == "BZ")["max_length"] == 1000


def test_the_credit_office_adds_an_item_in_the_admin_without_code_changes(client, credit_office_admin):
    client.force_login(credit_office_admin)
    data = {
        "code": "water_arrears", "name": "水费欠缴信息", "category": Category.objects.get(code="13").pk,
        "disclosure": "authorized", "nature": "negative", "default_severity": "general", "reporting_cycle": "monthly",
        "portal_column": "other", "is_active": "on",
        "fields-TOTAL_FORMS": "2", "fields-INITIAL_FORMS": "0",
        "fields-0-sort_order": "0", "fields-0-code": "QF_BH", "fields-0-name": "欠费编号", "fields-0-type": "string",
        "fields-0-max_length": "64", "fields-0-required": "on", "fields-0-choices": "[]",
        "fields-0-role": "decision_number",
        "fields-1-sort_order": "1", "fields-1-code": "QF_MC", "fields-1-name": "用户名称", "fields-1-type": "string",
        "fields-1-max_length": "200", "fields-1-required": "on", "fields-1-choices": "[]", "fields-1-role": "party_name",
        "severity_rules-TOTAL_FORMS": "0", "severity_rules-INITIAL_FORMS": "0",
        "publicity_periods-TOTAL_FORMS": "0", "publicity_periods-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/catalog/catalogitem/add/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    item = CatalogItem.objects.get(code="water_arrears")
    assert item.current_version.number == 1
    assert [f["code"] for f in item.current_version.schema["fields"]] == ["QF_BH", "QF_MC"]
