"""Credit reports (docs/reports.md): issued from the command line, the portal and the API, signed with SM2 over the
PDF bytes, verifiable offline with the documented openssl command and by an independent SM2 implementation, and on
the site: valid, altered, unknown or expired — never valid for altered bytes."""

import base64
import datetime as dt
import subprocess

import pytest
from django.core.management import call_command
from django.utils import timezone
from gmssl import sm2

from publiccredit.accounts.services import issue_token
from publiccredit.collection.models import CreditRecord
from publiccredit.core.errors import DomainError
from publiccredit.reports import services, signing
from publiccredit.reports.models import CreditReport
from tests.conftest import ENTERPRISE_USCC

pytestmark = pytest.mark.django_db
DISTID = "1234567812345678"  # GM/T 0009's default distinguishing ID, as docs/reports.md names it


def openssl_verifies(pdf, sig, public_key) -> bool:
    """The command docs/reports.md gives, run as a third party would."""
    done = subprocess.run(["openssl", "pkeyutl", "-verify", "-pubin", "-inkey", str(public_key), "-rawin", "-digest",
                           "sm3", "-pkeyopt", f"distid:{DISTID}", "-in", str(pdf), "-sigfile", str(sig)],
                          capture_output=True, check=False)
    return done.returncode == 0 and b"Signature Verified Successfully" in done.stdout


def gmssl_verifies(data: bytes, der: bytes, public_pem: str) -> bool:
    """The same check by a pure-Python SM2 (gmssl, default ID 1234567812345678), sharing no code with the platform."""
    body = base64.b64decode("".join(line for line in public_pem.splitlines() if "-----" not in line))
    assert der[0] == 0x30
    position, numbers = 2, []
    for _ in range(2):
        assert der[position] == 0x02
        length = der[position + 1]
        numbers.append(int.from_bytes(der[position + 2:position + 2 + length], "big"))
        position += 2 + length
    return sm2.CryptSM2(public_key=body[-64:].hex(), private_key=None).verify_with_sm3(
        f"{numbers[0]:064x}{numbers[1]:064x}", data)


def test_the_command_writes_the_pdf_and_its_signature_that_openssl_and_gmssl_verify(enterprise, old_penalty, tmp_path,
                                                                                     capsys, client):
    out = tmp_path / "报告.pdf"
    call_command("report", ENTERPRISE_USCC, "--kind", "special", "--domains", "market", "--out", str(out))
    number = capsys.readouterr().out.strip().splitlines()[-1]
    report = CreditReport.objects.get(number=number)
    assert number.startswith(f"BG{timezone.localdate():%Y%m%d}") and len(number) == 15
    assert out.read_bytes()[:5] == b"%PDF-" and out.read_bytes() == bytes(report.pdf)
    public = tmp_path / "public-key.pem"
    public.write_bytes(client.get("/api/v1/reports/public-key.pem").content)
    assert openssl_verifies(out, f"{out}.sig", public)
    assert gmssl_verifies(out.read_bytes(), (tmp_path / "报告.pdf.sig").read_bytes(), public.read_text())
    altered = tmp_path / "altered.pdf"
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 0x01
    altered.write_bytes(bytes(data))
    assert not openssl_verifies(altered, f"{out}.sig", public)


def test_the_site_says_valid_altered_unknown_or_expired_and_never_valid_for_altered_bytes(enterprise, owner, client):
    issued = services.issue_report(subject=enterprise, kind="standard", actor=owner, channel="portal")
    pdf = bytes(issued.report.pdf)
    assert services.verify_file(data=pdf).status == "valid"
    for position in (len(pdf) // 3, len(pdf) - 20):
        flipped = bytearray(pdf)
        flipped[position] ^= 0x20
        assert services.verify_file(data=bytes(flipped)).status == "altered"
    assert services.verify_file(data=b"%PDF-1.4 not ours").status == "unknown"
    assert services.verify_by_code(number=issued.report.number, code=issued.code).status == "valid"
    assert services.verify_by_code(number=issued.report.number, code="WRONGCOD").status == "unknown"
    late = issued.report.valid_until + dt.timedelta(days=1)
    assert services.verify_by_code(number=issued.report.number, code=issued.code, today=late).status == "expired"
    answer = client.post("/api/v1/reports/verify/", {"number": issued.report.number, "code": issued.code},
                         content_type="application/json").json()
    assert answer["status"] == "valid" and answer["subject"] == enterprise.name and answer["kind"] == "standard"
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = client.post("/api/v1/reports/verify/", {"file": SimpleUploadedFile("r.pdf", pdf[:-1] + b"X")})
    assert upload.json()["status"] == "altered" and upload.json()["number"] == issued.report.number


def test_a_repaired_record_shows_as_repaired_in_the_special_report(enterprise, old_penalty, owner):
    CreditRecord.objects.filter(pk=old_penalty.pk).update(state=CreditRecord.State.REPAIRED)
    issued = services.issue_report(subject=enterprise, kind="special", actor=owner, channel="portal",
                                   domains=["market"])
    html = services.render_html(issued.report, services.special_content(
        enterprise, domains=list(services.report_domains()[:1]), since=issued.report.period_start,
        until=issued.report.period_end), code=issued.code)
    assert old_penalty.decision_number in html and "已修复" in html
    assert "行政强制信息" in html and html.count("无。") >= 2  # empty sections say 无


@pytest.mark.parametrize(("arguments", "message"), [
    ({"kind": "special", "domains": []}, "请选择至少一个领域"),
    ({"kind": "special", "domains": ["market", "astrology"]}, "没有这些领域：astrology"),
    ({"kind": "special", "domains": ["market"], "since": "2019-01-01"}, "查询期间最长5年"),
    ({"kind": "special", "domains": ["market"], "until": "2099-01-01"}, "不能晚于今天"),
    ({"kind": "special", "domains": ["market"], "since": "2026-02-30"}, "不是有效日期"),
    ({"kind": "weekly"}, "报告类型应为"),
])
def test_a_bad_order_is_refused_in_chinese_naming_the_field_and_nothing_is_kept(enterprise, owner, arguments, message):
    with pytest.raises(DomainError) as refused:
        services.issue_report(subject=enterprise, actor=owner, channel="portal", **arguments)
    assert message in refused.value.message and not CreditReport.objects.exists()


def test_only_the_subject_or_a_window_orders_and_downloads(enterprise, citizen, owner, client, market_clerk):
    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user

    stranger = create_user(username="mosheng", role=Role.SUBJECT_USER, subject=citizen, password="Qiye-2026!!y")
    with pytest.raises(DomainError, match="只有信用主体本身"):
        services.issue_report(subject=enterprise, kind="standard", actor=stranger, channel="portal")
    issued = services.issue_report(subject=enterprise, kind="standard", actor=owner, channel="portal")
    client.force_login(stranger)
    assert client.get(f"/account/reports/{issued.report.number}.pdf").status_code == 403
    client.force_login(owner)
    response = client.get(f"/account/reports/{issued.report.number}.pdf")
    assert response.status_code == 200 and response.content == bytes(issued.report.pdf)


def test_a_department_system_orders_through_the_api_with_reports_write(enterprise, market_regulation, client):
    token = issue_token(organization=market_regulation, name="窗口系统", scopes=["reports:write"]).secret
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    answer = client.post("/api/v1/reports/", {"subject": ENTERPRISE_USCC, "kind": "special", "domains": ["tax"]},
                         content_type="application/json", **headers)
    assert answer.status_code == 201, answer.content
    body = answer.json()
    assert body["number"].startswith("BG") and len(body["code"]) == 8
    pdf = client.get(body["pdf"], **headers)
    assert pdf.status_code == 200 and pdf.content[:5] == b"%PDF-"
    bad = client.post("/api/v1/reports/", {"subject": ENTERPRISE_USCC, "kind": "special", "domains": ["nope"]},
                      content_type="application/json", **headers)
    assert bad.status_code == 400 and bad.json()["field"] == "domains"
    other = issue_token(organization=market_regulation, name="只读", scopes=["subjects:read"]).secret
    assert client.post("/api/v1/reports/", {"subject": ENTERPRISE_USCC, "kind": "standard"},
                       content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {other}").status_code == 403


def test_a_rotated_key_signs_new_reports_and_old_ones_keep_verifying(enterprise, owner, tmp_path, client, capsys):
    first = services.issue_report(subject=enterprise, kind="standard", actor=owner, channel="portal")
    call_command("rotate-report-key", "--id", "sm2-rotated")
    new_key = capsys.readouterr().out.strip().splitlines()[-1]
    assert new_key == "sm2-rotated" and (signing.key_dir() / "sm2-rotated.key.pem").stat().st_mode & 0o077 == 0
    second = services.issue_report(subject=enterprise, kind="standard", actor=owner, channel="portal")
    assert second.report.key_id == new_key != first.report.key_id
    for issued in (first, second):
        assert services.verify_file(data=bytes(issued.report.pdf)).status == "valid"
        pem = client.get(f"/api/v1/reports/public-key.pem?key={issued.report.key_id}").content.decode()
        assert gmssl_verifies(bytes(issued.report.pdf), bytes(issued.report.signature), pem)
    assert not gmssl_verifies(bytes(first.report.pdf), bytes(first.report.signature),
                              client.get("/api/v1/reports/public-key.pem").content.decode())


def test_the_portal_orders_a_report_and_the_verification_page_checks_it(enterprise, owner, client):
    client.force_login(owner)
    page = client.get("/account/reports/").content.decode()
    assert "市场监管" in page and "专项信用报告" in page
    client.post("/account/reports/", {"kind": "special", "domains": ["market", "tax"]})
    report = CreditReport.objects.get()
    assert report.domains == ["market", "tax"] and report.channel == "portal"
    client.logout()
    from django.core.files.uploadedfile import SimpleUploadedFile

    checked = client.post("/reports/verify/", {"file": SimpleUploadedFile("r.pdf", bytes(report.pdf))}).content.decode()
    assert 'data-status="valid"' in checked and enterprise.name in checked
    assert "openssl pkeyutl -verify" in client.get("/reports/verify/").content.decode()


def test_the_api_refuses_numbers_where_codes_and_dates_are_text(enterprise, market_regulation, client):
    verify = client.post("/api/v1/reports/verify/", {"number": "BG2026120800001", "code": 12345678},
                         content_type="application/json")
    assert verify.status_code == 400 and verify.json()["field"] == "code"
    token = issue_token(organization=market_regulation, name="窗口系统", scopes=["reports:write"]).secret
    for body, field in (({"subject": ENTERPRISE_USCC, "kind": "special", "domains": "market"}, "domains"),
                        ({"subject": ENTERPRISE_USCC, "kind": "special", "domains": [1]}, "domains"),
                        ({"subject": ENTERPRISE_USCC, "kind": "standard", "purpose": 7}, "purpose")):
        answer = client.post("/api/v1/reports/", body, content_type="application/json",
                             HTTP_AUTHORIZATION=f"Bearer {token}")
        assert answer.status_code == 400 and answer.json()["field"] == field
    assert not CreditReport.objects.exists()
