"""Shared personas: a credit-office administrator, a market-regulation clerk, an auditor, a registered
enterprise with its legal representative, and a citizen whose ID number the tests know."""

import datetime as dt

import pytest

from publiccredit.accounts.roles import Role
from publiccredit.accounts.services import create_user
from publiccredit.organizations.models import Organization, Region
from publiccredit.subjects.models import Subject
from publiccredit.subjects.services import SubjectSpec, register_subject, set_representative

# Computed by hand from GB 11643 (weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2): a 信州区 resident born 1990-01-01.
CITIZEN_ID = "361102199001011230"
CITIZEN_ID_WITH_X = "36112319781105004X"
# A valid USCC of a 信州区 enterprise (authority 9, type 1), computed from GB 32100.
ENTERPRISE_USCC = "91361102MA35ABCD4C"


@pytest.fixture(autouse=True)
def fresh_audit_channel():
    """Commands set the audit channel for the rest of their context; give every test a clean one."""
    from publiccredit.audit.context import channel

    with channel("system"):
        yield


@pytest.fixture(autouse=True)
def sms_outbox(settings):
    """Text messages go to an in-memory outbox (``sms.outbox``), as Django's test runner does for e-mail."""
    import sms

    settings.SMS_BACKEND = "sms.backends.locmem.SmsBackend"
    sms.outbox = []
    yield sms.outbox


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached pages and labels are keyed by database ids, which tests reuse: every test starts with an empty cache."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(autouse=True)
def fresh_working_day_calendar():
    """The calendar is cached per process for five minutes; a test that edits or flushes calendar days must not
    leave its calendar to the next test (deadlines then fall on holidays)."""
    from publiccredit.workdays.services import forget_cached_calendar

    forget_cached_calendar()
    yield
    forget_cached_calendar()


@pytest.fixture
def credit_office(db) -> Organization:
    return Organization.objects.get(name="上饶市发展和改革委员会")


@pytest.fixture
def market_regulation(db) -> Organization:
    return Organization.objects.get(name="上饶市市场监督管理局")


@pytest.fixture
def credit_office_admin(credit_office):
    return create_user(username="admin-li", role=Role.CREDIT_OFFICE, organization=credit_office,
                       password="Xinyong-2026!", full_name="李管理")


@pytest.fixture
def market_clerk(market_regulation):
    return create_user(username="clerk-wang", role=Role.PROVIDER_CLERK, organization=market_regulation,
                       password="Baosong-2026!", full_name="王报送")


@pytest.fixture
def auditor(credit_office):
    return create_user(username="auditor-zhao", role=Role.AUDITOR, organization=credit_office,
                       password="Shenji-2026!", full_name="赵审计")


@pytest.fixture
def xinzhou(db) -> Region:
    return Region.objects.get(code="361102")


@pytest.fixture
def citizen(db) -> Subject:
    return register_subject(spec=SubjectSpec(kind=Subject.Kind.NATURAL_PERSON, name="张三丰", code=CITIZEN_ID),
                            actor=None)


@pytest.fixture
def enterprise(db, citizen) -> Subject:
    subject = register_subject(
        spec=SubjectSpec(kind=Subject.Kind.LEGAL_PERSON, name="上饶市信江光伏科技有限公司", code=ENTERPRISE_USCC,
                         established_on=dt.date(2015, 6, 1), address="江西省上饶市信州区带湖路1号"),
        actor=None,
    )
    set_representative(organization=subject, person=citizen, since=dt.date(2015, 6, 1), actor=None)
    return subject


@pytest.fixture
def old_penalty(enterprise, market_regulation):
    """A 一般 penalty decided 100 days ago: past its 3-month minimum, inside its 1-year maximum (repairable)."""
    from django.utils import timezone

    from tests.builders import deliver, recent_penalty

    [record] = deliver("penalty", [recent_penalty(1, days_ago=100)], market_regulation)
    assert record.severity == "general"
    assert record.repairable_from <= timezone.localdate() < record.publicity_end
    return record


def second_approver():
    """A second credit-office officer: a listing is approved by someone other than its proposer (four eyes)."""
    from publiccredit.accounts.models import User

    return User.objects.filter(username="approver-sun").first() or create_user(
        username="approver-sun", role=Role.CREDIT_OFFICE, password="Pizhun-2026!", full_name="孙批准",
        organization=Organization.objects.get(name="上饶市发展和改革委员会"))


def filer_code(phone: str, sms_outbox) -> str:
    """An objection filer's mobile number verified: the code texted to it, as the filer would type it in."""
    import re

    from publiccredit.objections.services import send_filer_code

    send_filer_code(phone=phone)
    return re.search(r"验证码(\d{6})", sms_outbox[-1].body).group(1)


def notify_and_serve(*, entry, actor, today=None):
    """A prior notice generated and, for a subject without a bound account, served in person with its 送达回证
    on the same day (the objection period runs from service)."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from publiccredit.lists.services import notify_entry, serve_notice
    from tests.builders import PDF

    entry = notify_entry(entry=entry, actor=actor, today=today)
    if entry.served_on is None:
        receipt = SimpleUploadedFile("送达回证.pdf", PDF, content_type="application/pdf")
        entry = serve_notice(entry=entry, method="direct", served_on=today or timezone.localdate(), actor=actor,
                             files=[receipt], today=today)
    return entry


@pytest.fixture(autouse=True)
def report_keys_under_tmp(settings, tmp_path):
    """Report signing keys are generated on first use: into the test's folder, never the checkout's var/."""
    settings.REPORT_KEY_DIR = tmp_path / "report-keys"
    settings.REPORT_KEY_ID = ""
    return settings.REPORT_KEY_DIR


@pytest.fixture(autouse=True)
def media_under_tmp(settings, tmp_path):
    """Uploaded evidence (proofs, attachments) is stored under the test's own folder, never in var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session", autouse=True)
def audit_truncate_allowed_for_the_test_flush():
    """The database refuses to empty the audit table (docs/operations.md "审计链"): PostgreSQL's TRUNCATE unless
    the session variable says so, SQLite's DELETE unless the connection's guard function says so. The test runner
    empties every table between transactional tests, so only its flush is allowed."""
    from django.db.backends.sqlite3.base import DatabaseWrapper as SqliteWrapper

    from publiccredit.audit.guards import ALLOWED

    patched = []

    def allow_sqlite(original):
        def flush(self, sql_list):
            setattr(self.connection, ALLOWED, True)
            try:
                return original(self, sql_list)
            finally:
                setattr(self.connection, ALLOWED, False)
        return flush

    SqliteOperations = SqliteWrapper.ops_class  # through the backend: importing operations first is circular
    patched.append((SqliteOperations, SqliteOperations.execute_sql_flush))
    SqliteOperations.execute_sql_flush = allow_sqlite(SqliteOperations.execute_sql_flush)
    try:
        from django.db.backends.postgresql.base import DatabaseWrapper as PostgresWrapper
    except ImportError:  # no PostgreSQL driver: nothing to allow there
        PostgresOperations = None
    else:
        PostgresOperations = PostgresWrapper.ops_class
    if PostgresOperations is not None:
        original = PostgresOperations.execute_sql_flush

        def flush(self, sql_list):
            with self.connection.cursor() as cursor:
                cursor.execute("SET publiccredit.allow_audit_truncate = 'on'")
            try:
                return original(self, sql_list)
            finally:
                with self.connection.cursor() as cursor:
                    cursor.execute("RESET publiccredit.allow_audit_truncate")

        patched.append((PostgresOperations, original))
        PostgresOperations.execute_sql_flush = flush
    yield
    for operations, original in patched:
        operations.execute_sql_flush = original


@pytest.fixture(autouse=True)
def audit_checkpoints_under_tmp(settings, tmp_path):
    """Each test keeps its own audit checkpoint file, outside the database as in production."""
    settings.AUDIT_CHECKPOINT_FILE = str(tmp_path / "audit-checkpoints.jsonl")
