"""What a binding request's events tell its filer. Registered with the notifications app from ``ready`` so that
notifications, a domain app, never imports this presentation app (docs/architecture.md)."""

from publiccredit.notifications.occasions import FILER, Occasion, Recipient, resolves

from . import topics
from .models import BindingRequest


@resolves(topics.BINDING, variables=("subject", "state", "note"))
def binding(topic: str, payload: dict) -> Occasion | None:
    request = BindingRequest.objects.select_related("user", "subject").filter(pk=payload.get("binding")).first()
    if request is None:
        return None
    return Occasion(
        context={"subject": request.subject.name, "state": request.get_state_display(), "note": request.note},
        recipients={FILER: [Recipient(user=request.user, phone=request.phone, email=request.user.email)]},
        links={FILER: "/account/"})
