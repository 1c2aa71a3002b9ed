"""A listed enterprise, a department's screening token, and a helper that lists a subject through the real workflow."""


import pytest

from publiccredit.accounts.services import issue_token
from publiccredit.core.identifiers import make_uscc
from publiccredit.organizations.models import Organization
from publiccredit.subjects.models import Subject
from publiccredit.subjects.services import SubjectSpec, register_subject
from tests.builders import list_subject


@pytest.fixture
def finance(db) -> Organization:
    return Organization.objects.get(short_name="市财政局")


@pytest.fixture
def screening_token(finance):
    issued = issue_token(organization=finance, name="政府采购系统", scopes=["screening:write", "screening:feedback"])
    return {"HTTP_AUTHORIZATION": f"Bearer {issued.secret}"}


@pytest.fixture
def listed_enterprise(enterprise, credit_office_admin) -> Subject:
    list_subject(enterprise, "serious_dishonesty", credit_office_admin)
    return enterprise


@pytest.fixture
def clean_enterprise(db) -> Subject:
    return register_subject(spec=SubjectSpec(kind=Subject.Kind.LEGAL_PERSON, name="上饶市守信建材有限公司",
                                             code=make_uscc("91", "361102", "MA35CLEA")), actor=None)
