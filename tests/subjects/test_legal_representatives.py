import datetime as dt

import pytest

from publiccredit.core.errors import DomainError
from publiccredit.subjects.models import Representative, Subject
from publiccredit.subjects.queries import organizations_represented_by, representatives_of
from publiccredit.subjects.services import SubjectSpec, register_subject, set_representative
from tests.conftest import CITIZEN_ID_WITH_X


def test_a_legal_representative_links_a_person_to_the_organisation_both_ways(enterprise, citizen):
    assert enterprise.current_representative() == citizen
    assert [link.organization for link in organizations_represented_by(citizen)] == [enterprise]
    assert [link.person for link in representatives_of(enterprise)] == [citizen]


def test_a_new_legal_representative_closes_the_previous_link_instead_of_deleting_it(enterprise, citizen):
    successor = register_subject(spec=SubjectSpec(kind=Subject.Kind.NATURAL_PERSON, name="李四",
                                                  code=CITIZEN_ID_WITH_X), actor=None)
    set_representative(organization=enterprise, person=successor, since=dt.date(2023, 1, 1), actor=None)
    assert enterprise.current_representative() == successor
    closed = Representative.objects.get(person=citizen)
    assert closed.until == dt.date(2023, 1, 1)
    assert [link.organization for link in organizations_represented_by(citizen, current_only=False)] == [enterprise]
    assert not organizations_represented_by(citizen).exists()


def test_only_a_person_can_be_a_legal_representative(enterprise):
    with pytest.raises(DomainError):
        set_representative(organization=enterprise, person=enterprise, actor=None)


def test_a_person_has_no_legal_representative(citizen):
    with pytest.raises(DomainError):
        set_representative(organization=citizen, person=citizen, actor=None)
