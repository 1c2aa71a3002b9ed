"""Demo credit reports (docs/reports.md): a standard and a special report of the demo enterprise, signed with the
key generated into var/report-keys/ on first use."""

from publiccredit.accounts.models import User
from publiccredit.reports.models import CreditReport
from publiccredit.reports.services import issue_report


def seed_reports() -> list[str]:
    """Issue the two reports when the demo enterprise has none; returns "number code" lines."""
    account = User.objects.filter(username="demo-enterprise", subject__isnull=False).select_related("subject").first()
    if account is None or CreditReport.objects.filter(subject=account.subject).exists():
        return []
    issued = [issue_report(subject=account.subject, kind="standard", actor=account, channel="portal",
                           purpose="演示：招投标"),
              issue_report(subject=account.subject, kind="special", actor=account, channel="portal",
                           domains=["market", "tax", "emergency"], purpose="演示：替代无违法违规记录证明")]
    return [f"{item.report.number}（核验码 {item.code}）" for item in issued]


AGENCY = ("91361100MA35AGNCXQ", "上饶市诚信信用评估有限公司")  # a valid USCC (GB 32100 check characters)
AGENCY_USERNAME = "demo-agency"


def seed_agency(password: str) -> str | None:
    """A credit service agency with the account ``demo-agency``, authorised by the demo enterprise to query, and
    one query already made (listed on the enterprise's authorisations page)."""
    import datetime as dt

    from django.utils import timezone

    from publiccredit.accounts.roles import Role
    from publiccredit.accounts.services import create_user
    from publiccredit.organizations.models import Organization, Region
    from publiccredit.reports.services import agency_query, grant_authorisation

    if User.objects.filter(username=AGENCY_USERNAME).exists():
        return None
    code, name = AGENCY
    agency, _ = Organization.objects.get_or_create(code=code, defaults={
        "name": name, "short_name": "诚信评估", "kind": Organization.Kind.AGENCY,
        "region": Region.objects.get(code="361100")})
    analyst = create_user(username=AGENCY_USERNAME, role=Role.AGENCY, organization=agency, password=password,
                          full_name="评估分析师", email=f"{AGENCY_USERNAME}@demo.invalid")
    owner = User.objects.filter(username="demo-enterprise", subject__isnull=False).select_related("subject").first()
    if owner is not None:
        grant_authorisation(user=owner, agency_code=agency.code, scope="query", purpose="演示：银行授信尽职调查",
                            until=timezone.localdate() + dt.timedelta(days=90))
        agency_query(actor=analyst, subject=owner.subject)
    return AGENCY_USERNAME
