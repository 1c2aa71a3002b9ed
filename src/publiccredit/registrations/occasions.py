"""What a registration's events tell the filer (the subject's account) and the verifying department. Registered with
the notifications app from ``ready`` (docs/architecture.md, "Adding an app")."""

from publiccredit.notifications.occasions import DEPARTMENT, FILER, Occasion, Recipient, resolves, staff_of

from . import topics
from .models import Registration


@resolves(topics.REGISTRATION, variables=("number", "subject", "kind", "title", "department", "state", "reason"))
def registration(topic: str, payload: dict) -> Occasion | None:
    found = (Registration.objects.select_related("subject", "department", "submitted_by")
             .filter(pk=payload.get("registration")).first())
    if found is None:
        return None
    filer = found.submitted_by
    return Occasion(
        context={"number": found.number, "subject": found.subject.name, "kind": found.get_kind_display(),
                 "title": found.title, "department": found.department.name, "state": found.get_state_display(),
                 "reason": found.reason},
        recipients={FILER: [Recipient(user=filer, phone=found.contact_phone, email=getattr(filer, "email", ""))],
                    DEPARTMENT: [Recipient(user=user, email=user.email) for user in staff_of(found.department_id)]},
        links={FILER: "/account/registrations/", DEPARTMENT: f"/backoffice/registrations/{found.pk}/"})
