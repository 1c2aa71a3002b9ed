import pytest
from django.db import IntegrityError, transaction

from publiccredit.audit.models import AuditEntry
from publiccredit.core.errors import DomainError
from publiccredit.events.models import OutboxEvent
from publiccredit.subjects.models import Subject
from publiccredit.subjects.services import SubjectSpec, register_subject
from tests.conftest import CITIZEN_ID, ENTERPRISE_USCC


def test_an_enterprise_is_registered_with_its_region_taken_from_its_code(db, credit_office_admin):
    subject = register_subject(
        spec=SubjectSpec(kind=Subject.Kind.LEGAL_PERSON, name="上饶市 鑫源(商贸)有限公司", code=ENTERPRISE_USCC.lower()),
        actor=credit_office_admin)
    assert subject.uscc == ENTERPRISE_USCC
    assert subject.region.name == "信州区"
    assert subject.name == "上饶市鑫源（商贸）有限公司"
    assert subject.names.get().name == subject.name


def test_registration_appends_an_audit_entry_and_an_outbox_event(db, credit_office_admin):
    subject = register_subject(
        spec=SubjectSpec(kind=Subject.Kind.LEGAL_PERSON, name="上饶市鑫源商贸有限公司", code=ENTERPRISE_USCC),
        actor=credit_office_admin)
    entry = AuditEntry.objects.get(action="subjects.subject.register", target_id=str(subject.pk))
    assert entry.actor_name == "admin-li"
    assert entry.organization_name == "上饶市发展和改革委员会"
    assert OutboxEvent.objects.filter(topic="subjects.subject.register", payload__subject_ids=[subject.pk]).exists()


def test_an_invalid_code_is_refused_with_the_reason(db):
    with pytest.raises(DomainError) as refused:
        register_subject(spec=SubjectSpec(kind=Subject.Kind.LEGAL_PERSON, name="某公司", code="91361102MA35ABCD4D"),
                         actor=None)
    assert "应为“C”，实际为“D”" in refused.value.message
    assert not Subject.objects.exists()


def test_a_person_needs_a_valid_citizen_id_not_a_credit_code(db):
    with pytest.raises(DomainError) as refused:
        register_subject(spec=SubjectSpec(kind=Subject.Kind.NATURAL_PERSON, name="李四", code=ENTERPRISE_USCC),
                         actor=None)
    assert refused.value.field == "code"


def test_registering_the_same_code_twice_is_refused(enterprise):
    with pytest.raises(DomainError) as refused:
        register_subject(spec=SubjectSpec(kind=Subject.Kind.LEGAL_PERSON, name="另一个名字", code=ENTERPRISE_USCC),
                         actor=None)
    assert refused.value.code == "duplicate_subject"


def test_registering_the_same_person_twice_is_refused_without_showing_the_number(citizen):
    with pytest.raises(DomainError) as refused:
        register_subject(spec=SubjectSpec(kind=Subject.Kind.NATURAL_PERSON, name="张三", code=CITIZEN_ID),
                         actor=None)
    assert CITIZEN_ID not in refused.value.message
    assert "3611**********1230" in refused.value.message


def test_the_database_itself_refuses_two_subjects_with_one_code(enterprise):
    clone = Subject(kind=Subject.Kind.LEGAL_PERSON, name="绕过服务层", name_normalized="绕过服务层", uscc=ENTERPRISE_USCC)
    with pytest.raises(IntegrityError), transaction.atomic():
        clone.save()


def test_the_database_refuses_an_organisation_without_a_credit_code(db):
    orphan = Subject(kind=Subject.Kind.LEGAL_PERSON, name="无代码", name_normalized="无代码")
    with pytest.raises(IntegrityError), transaction.atomic():
        orphan.save()
