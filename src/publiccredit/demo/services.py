"""Seeding the demo city: subjects with their legal representatives, and one demo account per role."""

import datetime as dt
import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction

from publiccredit.accounts.models import User
from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.organizations.models import Organization, Region
from publiccredit.subjects.models import Industry, Representative, Subject
from publiccredit.subjects.services import SubjectSpec, bulk_register_subjects, citizen_id_hash

from .generators import DemoCity

PERSON_SHARE = 0.3  # of N subjects, this share are natural persons; they also act as legal representatives


@dataclass
class SeedResult:
    created: int
    already_present: int
    representatives: int


def seed_subjects(*, count: int, seed: int, actor=None) -> SeedResult:
    """Create ``count`` deterministic synthetic subjects for ``seed``. Re-running creates no duplicates."""
    city = DemoCity(seed)
    person_count = max(1, round(count * PERSON_SHARE)) if count > 1 else 0
    persons = city.persons(person_count)
    organizations = city.organizations(count - person_count)
    regions = {r.code: r for r in Region.objects.all()}
    industries = {i.code: i for i in Industry.objects.all()}
    specs = [SubjectSpec(kind=Subject.Kind.NATURAL_PERSON, name=p.name, code=p.citizen_id,
                         region=regions.get(p.region_code)) for p in persons]
    specs += [SubjectSpec(kind=o.kind, name=o.name, code=o.uscc, region=regions.get(o.region_code),
                          industry=industries.get(o.industry), status=o.status, established_on=o.established_on,
                          registered_capital=o.registered_capital, address=o.address,
                          former_names=[(o.former_name, o.established_on, None)] if o.former_name else [])
              for o in organizations]
    for spec in specs:  # a former name's period ends when the current one starts
        if spec.former_names:
            name, start, _ = spec.former_names[0]
            spec.former_names = [(name, start, min(start + dt.timedelta(days=5 * 365), dt.date(2025, 12, 31)))]
    result = bulk_register_subjects(specs=specs, actor=actor, reason=f"演示数据（seed={seed}）")
    linked = _link_representatives(city, persons, organizations, actor) if persons else 0
    return SeedResult(created=result.created, already_present=result.already_present, representatives=linked)


def _link_representatives(city: DemoCity, persons, organizations, actor) -> int:
    """Each organisation gets a person as legal representative (or operator, person in charge); some persons
    represent several organisations, as in life."""
    rng = city.rng
    person_ids = dict(Subject.objects.filter(id_hash__in=[citizen_id_hash(p.citizen_id) for p in persons])
                      .values_list("id_hash", "pk"))
    person_pks = [person_ids[citizen_id_hash(p.citizen_id)] for p in persons]
    org_ids = dict(Subject.objects.filter(uscc__in=[o.uscc for o in organizations]).values_list("uscc", "pk"))
    existing = set(Representative.objects.filter(organization_id__in=org_ids.values(), until__isnull=True)
                   .values_list("organization_id", "role"))
    links = []
    for org in organizations:
        person_pk = rng.choice(person_pks)
        key = (org_ids[org.uscc], org.representative_role)
        if key in existing:
            continue
        links.append(Representative(organization_id=key[0], person_id=person_pk, role=org.representative_role,
                                    since=org.established_on))
    if links:
        from publiccredit.audit.services import record_write

        with transaction.atomic():
            Representative.objects.bulk_create(links, batch_size=2000)
            record_write(actor=actor, action="subjects.representative.bulk_set", target_type="subjects.representative",
                         target_label=f"批量登记 {len(links)} 个法定代表人/负责人", reason="演示数据")
    return len(links)


DEMO_ACCOUNTS = [
    ("credit-office", Role.CREDIT_OFFICE, "上饶市发展和改革委员会", "信用科管理员"),
    ("market-clerk", Role.PROVIDER_CLERK, "上饶市市场监督管理局", "市场监管局报送员"),
    ("tax-clerk", Role.PROVIDER_CLERK, "国家税务总局上饶市税务局", "税务局报送员"),
    ("inspector", Role.REGULATOR, "上饶市市场监督管理局", "市场监管执法人员"),
    ("auditor", Role.AUDITOR, "上饶市大数据发展管理局", "审计员"),
    ("finance-clerk", Role.REGULATOR, "上饶市财政局", "财政局政府采购监管人员"),
    ("approval-clerk", Role.REGULATOR, "上饶市行政审批局", "行政审批局审批人员"),
]


def demo_accounts_file():
    return settings.VAR_DIR / "demo-accounts.txt"


def ensure_demo_accounts(*, password: str | None = None) -> tuple[list[str], str | None]:
    """Create the demo accounts that are missing; returns their usernames and the password they got (or None)."""
    missing = [row for row in DEMO_ACCOUNTS if not User.objects.filter(username=row[0]).exists()]
    if not missing:
        return [], None
    password = password or secrets.token_urlsafe(9)
    created = []
    for username, role, organization_name, full_name in missing:
        organization = Organization.objects.get(name=organization_name)
        create_user(username=username, role=role, organization=organization, password=password, full_name=full_name,
                    email=f"{username}@demo.invalid")  # e-mails land in var/outbox/mail/
        created.append(username)
    with demo_accounts_file().open("a", encoding="utf-8") as handle:
        for username in created:
            handle.write(f"{username}\t{password}\n")
    demo_accounts_file().chmod(0o600)
    return created, password
