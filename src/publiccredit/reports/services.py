"""Issuing and verifying credit reports (docs/reports.md). A report is composed from what its audience may see,
rendered once from the HTML template to PDF (WeasyPrint, the CJK font embedded), signed with the platform's SM2 key
over the PDF bytes, and kept as issued: number, issue time, validity, digest, signature and the key id. Verification
needs nothing of the platform's but the public key; on the site it answers valid / altered / unknown / expired and
never says valid for bytes that differ from what was issued."""

import base64
import datetime as dt
import gc
import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from publiccredit.accounts.roles import Role, require_writer, sees_everything, speaks_for
from publiccredit.audit.services import record_read, record_write
from publiccredit.casework.dates import date_or_refuse
from publiccredit.casework.evidence import new_query_code
from publiccredit.collection.models import CreditRecord
from publiccredit.collection.rules import add_months
from publiccredit.core.audience import Audience
from publiccredit.core.crypto import lookup_hash
from publiccredit.core.errors import DomainError, PermissionDenied
from publiccredit.organizations.models import Organization
from publiccredit.publicity.presentation import present_record
from publiccredit.publicity.queries import present_subject

from . import signing, topics
from .content import special_content, standard_content
from .models import AgencyQuery, Authorisation, CreditReport, ReportDomain, ReportSerial, ReportSettings

PLATFORM_NAME = "上饶市公共信用信息平台"
NUMBER_PREFIX = "BG"
NUMBER_IN_PDF = re.compile(rb"BG\d{13}")


@dataclass(frozen=True)
class Issued:
    report: CreditReport
    code: str  # the verification code, printed on the report; only its keyed hash is kept


def verify_url() -> str:
    return f"{settings.SITE_URL.rstrip('/')}/reports/verify/"


def _qr_data_uri(text: str) -> str:
    import segno

    svg = segno.make(text, error="m").svg_inline(scale=4, border=1)
    return "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")


def special_scope(*, domains, since, until, today: dt.date) -> tuple[list[ReportDomain], dt.date, dt.date]:
    """The special report's domains and period, checked: known domains (at least one), a period inside the last
    ``max_years`` years, not in the future."""
    codes = [code.strip() for code in (domains.split(",") if isinstance(domains, str) else list(domains or []))
             if str(code).strip()]
    if not codes:
        raise DomainError("请选择至少一个领域（可查询 GET /api/v1/reports/domains/）", code="no_domain", field="domains")
    known = {domain.code: domain for domain in ReportDomain.objects.filter(code__in=codes)}
    unknown = [code for code in codes if code not in known]
    if unknown:
        raise DomainError("没有这些领域：" + "、".join(unknown) + "（可查询 GET /api/v1/reports/domains/）",
                          code="unknown_domain", field="domains")
    years = ReportSettings.current().max_years
    until = date_or_refuse(until, "查询期间止", "until") or today
    since = date_or_refuse(since, "查询期间起", "since") or add_months(until, -12 * years)
    if until > today:
        raise DomainError("查询期间止不能晚于今天", code="future_date", field="until")
    if since > until:
        raise DomainError("查询期间起不能晚于查询期间止", code="bad_period", field="since")
    if since < add_months(until, -12 * years):
        raise DomainError(f"查询期间最长{years}年（{add_months(until, -12 * years):%Y年%m月%d日}起）",
                          code="period_too_long", field="since")
    return [known[code] for code in dict.fromkeys(codes)], since, until


def may_order(actor, subject) -> None:
    """The subject's own account, a window clerk (staff of an organisation), a department's system, an agency the
    subject authorised to order its report, or the command line; anyone else no."""
    require_writer(actor)
    user = actor if getattr(actor, "pk", None) else None
    if user is None or speaks_for(user, subject.pk) or sees_everything(user):
        return
    if getattr(user, "organization_id", None) and (getattr(user, "is_staff", False) or user.role == Role.SYSTEM):
        return
    if authorisation_for(actor=user, subject=subject, scope=Authorisation.Scope.REPORT) is not None:
        return
    raise PermissionDenied("只有信用主体本身（已绑定的账号）或办理窗口可以申请出具信用报告", code="not_authorised")


def issue_report(*, subject, kind: str, actor, channel: str, domains=(), since=None, until=None, purpose: str = "",
                 now: dt.datetime | None = None) -> Issued:
    """Compose, render, sign and keep a report; refused in Chinese naming the field when the request is wrong."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if kind not in CreditReport.Kind.values:
        raise DomainError("报告类型应为 standard（标准版）或 special（专项信用报告）", code="bad_kind", field="kind")
    if channel not in CreditReport.Channel.values:
        raise DomainError("出具渠道不正确", code="bad_channel", field="channel")
    may_order(actor, subject)
    if kind == CreditReport.Kind.SPECIAL:
        chosen, since, until = special_scope(domains=domains, since=since, until=until, today=today)
        content = special_content(subject, domains=chosen, since=since, until=until, today=today)
        domain_codes = [domain.code for domain in chosen]
    else:
        content, domain_codes, since, until = standard_content(subject), [], None, None
    code = new_query_code()
    # the number first (it is printed in the PDF), then the slow part outside any transaction, then one short write
    report = CreditReport(
        number=take_number(today), kind=kind, subject=subject, audience=str(content["audience"]),
        domains=domain_codes, period_start=since, period_end=until, purpose=str(purpose or "").strip()[:200],
        channel=channel, ordered_by=actor if getattr(actor, "pk", None) else None, issued_at=now,
        valid_until=today + dt.timedelta(days=ReportSettings.current().validity_days), code_hash=lookup_hash(code))
    report.pdf = render_pdf(report, content, code=code)
    report.digest = hashlib.sha256(report.pdf).hexdigest()
    report.key_id, report.signature = signing.sign(report.pdf)
    with transaction.atomic():
        report.save(force_insert=True)
        record_write(actor=actor, action=topics.ISSUED, target=report, detail={
            "number": report.number, "kind": kind, "subject": subject.pk, "domains": domain_codes,
            "digest": report.digest, "key": report.key_id})
    return Issued(report=report, code=code)


def take_number(day: dt.date) -> str:
    """``BG<yyyymmdd><5-digit serial>``, the serial taken from the day's counter in a short transaction (a report
    that then fails leaves a gap, never a duplicate)."""
    with transaction.atomic():
        if not ReportSerial.objects.filter(day=day).exists():  # the day's first: count on from what is issued
            stem = f"{NUMBER_PREFIX}{day:%Y%m%d}"
            latest = (CreditReport.objects.filter(number__startswith=stem).order_by("-number")
                      .values_list("number", flat=True).first())
            ReportSerial.objects.get_or_create(day=day, defaults={"last": int(latest[len(stem):]) if latest else 0})
        ReportSerial.objects.filter(day=day).update(last=F("last") + 1)
        last = ReportSerial.objects.filter(day=day).values_list("last", flat=True).get()
    return f"{NUMBER_PREFIX}{day:%Y%m%d}{last:05d}"


def render_html(report: CreditReport, content: dict, *, code: str) -> str:
    link = f"{verify_url()}?number={report.number}"
    return render_to_string("reports/report.html", {
        "report": report, "content": content, "code": code, "qr": _qr_data_uri(link), "verify_url": verify_url(),
        "PLATFORM_NAME": PLATFORM_NAME})


def render_pdf(report: CreditReport, content: dict, *, code: str) -> bytes:
    from weasyprint import HTML  # loads Pango on use

    html = render_html(report, content, code=code)
    # WeasyPrint makes a few hundred thousand short-lived objects: collecting them mid-render cost a fifth of the
    # time (bench/bench_reports.py), so the collector waits until the PDF is written
    gc.disable()
    try:
        # PDF 1.4: no compressed object streams, so the number in the document's title stays readable in the bytes
        # and an altered copy can still be named (verify_file)
        return HTML(string=html).write_pdf(pdf_version="1.4")
    finally:
        gc.enable()


@dataclass(frozen=True)
class Verification:
    status: str  # valid | altered | unknown | expired
    message: str
    report: CreditReport | None = None

    def as_dict(self) -> dict:
        answer = {"status": self.status, "message": self.message}
        if self.report is not None and self.status in ("valid", "expired"):
            report = self.report
            answer.update(number=report.number, kind=report.kind, kind_label=report.get_kind_display(),
                          subject=report.subject.name, subject_code=report.subject.code if not report.subject.is_person
                          else "", domains=report.domains, period_start=report.period_start,
                          period_end=report.period_end, issued_at=report.issued_at, valid_until=report.valid_until,
                          key_id=report.key_id, digest=report.digest)
        elif self.report is not None:
            answer.update(number=self.report.number)
        return answer


def _judged(report: CreditReport, today: dt.date) -> Verification:
    if not signing.verify(bytes(report.pdf), bytes(report.signature), report.key_id):
        return Verification("altered", "报告的签名与留存不符，请联系平台核实", report)
    if report.valid_until < today:
        return Verification("expired", f"报告真实，但已于{report.valid_until:%Y年%m月%d日}过期", report)
    return Verification("valid", "报告真实有效，与平台出具时一致", report)


def verify_by_code(*, number: str, code: str, actor=None, today: dt.date | None = None) -> Verification:
    today = today or timezone.localdate()
    report = CreditReport.objects.select_related("subject").filter(number=str(number or "").strip().upper()).first()
    if report is None or not report.has_code(code):
        result = Verification("unknown", "没有查到该报告：请核对报告编号和核验码")
    else:
        result = _judged(report, today)
    _audit(actor, result, way="code")
    return result


def verify_file(*, data: bytes, actor=None, today: dt.date | None = None) -> Verification:
    """An uploaded PDF: valid only when its bytes are exactly those issued (same SHA-256) and the kept signature
    verifies; a file that names a report number but differs is altered."""
    today = today or timezone.localdate()
    digest = hashlib.sha256(data or b"").hexdigest()
    report = CreditReport.objects.select_related("subject").filter(digest=digest).first()
    if report is not None and bytes(report.pdf) == data:
        result = _judged(report, today)
    else:
        named = NUMBER_IN_PDF.search(data or b"")
        claimed = CreditReport.objects.filter(number=named.group().decode()).first() if named else None
        result = (Verification("altered", f"文件与平台出具的报告{claimed.number}不一致，可能已被篡改", claimed)
                  if claimed else Verification("unknown", "该文件不是本平台出具的信用报告"))
    _audit(actor, result, way="file")
    return result


MAX_VERIFY_BYTES = 20 * 1024 * 1024
CONTENT_TYPES = {"pdf": "application/pdf", "sig": "application/octet-stream"}
SUFFIXES = {"pdf": "pdf", "sig": "pdf.sig"}


def verify_submission(*, upload=None, number: str = "", code: str = "", actor=None) -> Verification:
    """What the verification page and API receive: an uploaded PDF, or a number and its code."""
    if upload is not None:
        if upload.size > MAX_VERIFY_BYTES:
            raise DomainError("文件超过20MB，不是本平台出具的信用报告", code="too_large", field="file")
        return verify_file(data=upload.read(), actor=actor)
    if not str(number or "").strip() or not str(code or "").strip():
        raise DomainError("请上传报告 PDF（file），或给出报告编号（number）和核验码（code）", code="missing",
                          field="number")
    return verify_by_code(number=number, code=code, actor=actor)


def _audit(actor, result: Verification, *, way: str) -> None:
    record_read(actor=actor, action=topics.VERIFIED, target=result.report,
                target_type="" if result.report else "reports.creditreport",
                detail={"status": result.status, "way": way})


def read_report(*, report: CreditReport, actor, part: str) -> bytes:
    """The PDF or its signature, for whoever may see the report (the subject, staff); audited."""
    user = actor if getattr(actor, "pk", None) else None
    if user is not None and not (speaks_for(user, report.subject_id) or sees_everything(user)
                                 or report.ordered_by_id == user.pk):
        raise PermissionDenied("只能下载本主体或本人申请的信用报告", code="not_authorised")
    record_read(actor=actor, action=topics.READ, target=report, detail={"part": part})
    return bytes(report.pdf if part == "pdf" else report.signature)


def own_reports(user):
    if not getattr(user, "subject_id", None):
        return CreditReport.objects.none()
    return CreditReport.objects.filter(subject_id=user.subject_id).order_by("-issued_at")


def report_domains():
    return list(ReportDomain.objects.order_by("sort_order", "code"))


# Agencies (docs/reports.md, "Agencies"): a subject authorises a credit service agency; the agency queries within it.

MAX_AUTHORISATION_DAYS = 366


def grant_authorisation(*, user, agency_code: str, scope: str, purpose: str, until, today: dt.date | None = None
                        ) -> Authorisation:
    """The subject's bound account authorises an agency (scope, purpose, until when: at most a year)."""
    today = today or timezone.localdate()
    require_writer(user)
    if not speaks_for(user, getattr(user, "subject_id", None)):
        raise PermissionDenied("只有已绑定信用主体的账号可以授权", code="not_subject_account")
    agency = Organization.objects.filter(code=str(agency_code or "").strip().upper(), is_active=True,
                                         kind=Organization.Kind.AGENCY).first()
    if agency is None:
        raise DomainError("请选择已登记的信用服务机构", code="unknown_agency", field="agency")
    if scope not in Authorisation.Scope.values:
        raise DomainError("授权范围应为“查询授权查询信息”或“代为申请信用报告”", code="bad_scope", field="scope")
    if not str(purpose or "").strip():
        raise DomainError("请填写用途", code="missing_fields", field="purpose")
    last_day = date_or_refuse(until, "授权截止日", "until")
    if last_day is None or last_day < today:
        raise DomainError("授权截止日应不早于今天", code="bad_period", field="until")
    if last_day > today + dt.timedelta(days=MAX_AUTHORISATION_DAYS - 1):
        raise DomainError("授权期限最长一年", code="period_too_long", field="until")
    with transaction.atomic():
        authorisation = Authorisation.objects.create(
            subject_id=user.subject_id, agency=agency, scope=scope, purpose=str(purpose).strip()[:200],
            valid_from=today, valid_until=last_day, granted_by=user)
        record_write(actor=user, action=topics.AUTHORISED, target=authorisation, detail={
            "agency": agency.code, "scope": scope, "until": last_day.isoformat()})
    return authorisation


def revoke_authorisation(*, user, authorisation: Authorisation) -> Authorisation:
    require_writer(user)
    if not speaks_for(user, authorisation.subject_id):
        raise PermissionDenied("只有授权主体可以撤销授权", code="not_subject_account")
    with transaction.atomic():
        authorisation = Authorisation.objects.select_for_update().get(pk=authorisation.pk)
        if authorisation.state == Authorisation.State.REVOKED:
            return authorisation
        authorisation.state, authorisation.revoked_at = Authorisation.State.REVOKED, timezone.now()
        authorisation.save(update_fields=["state", "revoked_at"])
        record_write(actor=user, action=topics.REVOKED, target=authorisation, detail={"agency": authorisation.agency_id})
    return authorisation


def authorisation_for(*, actor, subject, scope: str, today: dt.date | None = None) -> Authorisation | None:
    """The agency's authorisation in force for ``subject`` and ``scope`` today, if any."""
    today = today or timezone.localdate()
    if getattr(actor, "role", "") != Role.AGENCY or not getattr(actor, "organization_id", None):
        return None
    return (Authorisation.objects.filter(agency_id=actor.organization_id, subject_id=subject.pk, scope=scope,
                                         state=Authorisation.State.ACTIVE, valid_from__lte=today,
                                         valid_until__gte=today).order_by("-valid_until").first())


def agency_query(*, actor, subject, today: dt.date | None = None) -> dict:
    """An agency reads a subject's 社会公开 and 授权查询 records in their publicity period — only within an
    authorisation in force; every query is kept, audited and listed to the subject."""
    today = today or timezone.localdate()
    require_writer(actor)
    if getattr(actor, "role", "") != Role.AGENCY:
        raise PermissionDenied("只有信用服务机构的账号可以授权查询", code="not_an_agency")
    authorisation = authorisation_for(actor=actor, subject=subject, scope=Authorisation.Scope.QUERY, today=today)
    if authorisation is None:
        raise PermissionDenied(f"{subject.name}没有授权本机构查询，或授权已过期、已撤销", code="not_authorised")
    records = list(CreditRecord.objects.visible_to(Audience.AGENCY, today=today).filter(subject_id=subject.pk)
                   .select_related("item").order_by("-decision_date", "-id")[:500])
    shown = [present_record(record, Audience.AGENCY, today=today) for record in records]
    with transaction.atomic():
        AgencyQuery.objects.create(authorisation=authorisation, subject=subject, agency_id=actor.organization_id,
                                   user=actor, what="授权查询信息", records=len(shown))
        record_read(actor=actor, action=topics.AGENCY_QUERY, target=subject, detail={
            "authorisation": authorisation.pk, "records": len(shown), "purpose": authorisation.purpose})
    return {"subject": present_subject(subject, Audience.PUBLIC), "authorisation": authorisation, "records": shown}


def authorisations_of(subject_id: int):
    return Authorisation.objects.filter(subject_id=subject_id).select_related("agency").order_by("-granted_at")


def queries_of(subject_id: int):
    return AgencyQuery.objects.filter(subject_id=subject_id).select_related("agency", "user").order_by("-at")


def agencies():
    return list(Organization.objects.filter(kind=Organization.Kind.AGENCY, is_active=True).order_by("name"))
