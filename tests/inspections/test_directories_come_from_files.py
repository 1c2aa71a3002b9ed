"""A department's inspectors and matters come from CSV files: good lines kept, each bad one named with its line and
reason, the same file again changing nothing; by command and in the back office."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError

from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.inspections.imports import import_directory, rows_of
from publiccredit.inspections.models import InspectionMatter, Inspector

pytestmark = pytest.mark.django_db

INSPECTORS = ("姓名,执法证号,执法领域,在岗\n"
              "张建华,36110020260001,市场监管综合执法,是\n"
              ",36110020260002,食品安全,是\n"
              "李卫东,36110020260003,食品安全,也许\n"
              "王秀英,36110020260004,,否\n").encode()


def test_good_inspector_lines_are_kept_and_each_bad_one_is_named(market_regulation):
    outcome = import_directory(kind="inspectors", department=market_regulation, rows=rows_of("inspectors", INSPECTORS),
                               actor=None)
    assert (outcome.total, outcome.created, outcome.rejected) == (4, 2, 2)
    assert outcome.errors == [{"line": 3, "message": "请填写姓名"},
                              {"line": 4, "message": "在岗“也许”应为“是”或“否”"}]
    assert dict(Inspector.objects.values_list("certificate_number", "is_active")) == {
        "36110020260001": True, "36110020260004": False}


def test_the_same_file_again_changes_nothing_and_a_changed_line_updates_its_inspector(market_regulation):
    rows = rows_of("inspectors", INSPECTORS)
    import_directory(kind="inspectors", department=market_regulation, rows=rows, actor=None)
    again = import_directory(kind="inspectors", department=market_regulation, rows=rows, actor=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = rows_of("inspectors", "执法证号,姓名,在岗\n36110020260004,王秀英,是\n".encode())
    assert import_directory(kind="inspectors", department=market_regulation, rows=changed, actor=None).updated == 1
    assert Inspector.objects.get(certificate_number="36110020260004").is_active
    assert Inspector.objects.count() == 2


def test_another_departments_certificate_and_a_clerk_of_another_department_are_refused(market_regulation,
                                                                                        credit_office):
    Inspector.objects.create(department=credit_office, name="周某", certificate_number="36110020260001")
    outcome = import_directory(kind="inspectors", department=market_regulation, rows=rows_of("inspectors", INSPECTORS),
                               actor=None)
    assert "已登记在上饶市发展和改革委员会" in outcome.errors[0]["message"] and outcome.errors[0]["line"] == 2
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    outsider = create_user(username="fgw-x", role=Role.REGULATOR, organization=credit_office, password="Fagai-2026!x")
    with pytest.raises(PermissionDenied, match="只能导入本单位的名录"):
        import_directory(kind="inspectors", department=market_regulation, rows=[], actor=outsider)


def test_matters_are_keyed_by_code_and_their_method_is_checked(market_regulation):
    content = ("事项编码,抽查事项,依据,检查方式\n"
               "SCJG-001,企业公示信息抽查,《企业信息公示暂行条例》第十四条,书面检查\n"
               "SCJG-002,食品经营抽查,《食品安全法》第一百一十条,飞行检查\n").encode("gb18030")
    outcome = import_directory(kind="matters", department=market_regulation, rows=rows_of("matters", content),
                               actor=None)
    assert outcome.created == 1 and "检查方式“飞行检查”应为" in outcome.errors[0]["message"]
    assert InspectionMatter.objects.get(code="SCJG-001").method == "documents"


def test_a_file_without_the_required_columns_is_refused_whole():
    with pytest.raises(DomainError, match="表头缺少“执法证号”列"):
        rows_of("inspectors", "姓名,在岗\n张三,是\n".encode())
    with pytest.raises(DomainError, match="文件为空"):
        rows_of("matters", b"")


def test_the_command_reports_each_bad_line_and_the_totals(market_regulation, tmp_path, capsys):
    path = tmp_path / "inspectors.csv"
    path.write_bytes(INSPECTORS)
    call_command("import-inspection-directory", "inspectors", str(path), "--department", market_regulation.code)
    out = capsys.readouterr().out
    assert "第3行：请填写姓名" in out and "共 4 行，新增 2，更新 0，未变化 0，有误 2" in out
    with pytest.raises(CommandError, match="没有统一社会信用代码为"):
        call_command("import-inspection-directory", "inspectors", str(path), "--department", "X")


def test_a_clerk_uploads_the_directory_in_the_back_office(client, market_regulation):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    clerk = create_user(username="jg-up", role=Role.REGULATOR, organization=market_regulation, password="Jianguan-2026!")
    client.force_login(clerk)
    page = client.post("/backoffice/inspections/import/", {
        "kind": "inspectors", "file": SimpleUploadedFile("人员.csv", INSPECTORS, content_type="text/csv")})
    body = page.content.decode()
    assert page.status_code == 200 and "新增 2" in body and "请填写姓名" in body
    assert Inspector.objects.filter(department=market_regulation).count() == 2
    bad = client.post("/backoffice/inspections/import/", {
        "kind": "inspectors", "file": SimpleUploadedFile("人员.csv", "姓名\n张三\n".encode(), content_type="text/csv")})
    assert bad.status_code == 400 and "表头缺少" in bad.content.decode()
