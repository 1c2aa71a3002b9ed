import json

from django.core.management import call_command

from publiccredit.core.identifiers import check_uscc
from publiccredit.organizations.models import Organization, Region

SHANGRAO_CODES = {"361100", "361102", "361103", "361104", "361123", "361124", "361125", "361126", "361127",
                  "361128", "361129", "361130", "361181"}


def test_shangrao_and_its_twelve_counties_carry_their_gb_codes(db):
    assert set(Region.objects.filter(is_gb_code=True).values_list("code", flat=True)) == SHANGRAO_CODES
    assert Region.objects.get(code="361181").name == "德兴市"
    assert Region.objects.filter(level="county").count() == 12


def test_the_three_functional_zones_have_internal_codes(db):
    zones = Region.objects.filter(level="zone")
    assert set(zones.values_list("name", flat=True)) == {"上饶经济技术开发区", "三清山风景名胜区", "上饶高铁经济试验区"}
    assert not any(zone.is_gb_code for zone in zones)


def test_about_thirty_five_city_departments_and_every_county_are_seeded_with_valid_codes(db):
    city = Organization.objects.filter(region__code="361100")
    assert 33 <= city.count() <= 40
    for name in ["上饶市发展和改革委员会", "上饶市市场监督管理局", "国家税务总局上饶市税务局", "上饶市住房和城乡建设局",
                 "上饶市生态环境局", "上饶市人力资源和社会保障局", "上饶市交通运输局", "上饶市中级人民法院"]:
        assert city.filter(name=name).exists(), name
    assert Organization.objects.filter(kind="county").count() == 12
    for code in Organization.objects.values_list("code", flat=True):
        assert check_uscc(code).valid, code


def test_orgs_json_lists_code_name_and_region(db, capsys):
    call_command("orgs", "--json")
    rows = json.loads(capsys.readouterr().out)
    assert len(rows) == Organization.objects.count()
    market = next(row for row in rows if row["name"] == "上饶市市场监督管理局")
    assert market["region"] == "361100"
    assert check_uscc(market["code"]).valid


def test_the_organisation_list_is_public_in_the_api(client, db):
    response = client.get("/api/v1/organizations/")
    assert response.status_code == 200
    assert any(row["name"] == "婺源县发展和改革委员会" and row["region"] == "361130" for row in response.json())
