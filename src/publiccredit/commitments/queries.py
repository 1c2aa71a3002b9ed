"""Reads of credit commitments (docs/commitments.md): the published templates, the 信用承诺专栏 of public commitments,
a subject's commitments as an audience sees them (credit file, API), a department's work list."""

from django.db.models import QuerySet

from publiccredit.accounts.roles import sees_everything
from publiccredit.core.audience import Audience

from .models import Commitment, CommitmentTemplate, Disclosure, GreenChannelDecision


def published_templates() -> QuerySet:
    return CommitmentTemplate.objects.filter(is_active=True).select_related("department").order_by("sort_order",
                                                                                                    "code")


def present_template(template: CommitmentTemplate) -> dict:
    return {"code": template.code, "title": template.title, "matter_code": template.matter_code,
            "matter_name": template.matter_name, "type": template.type, "type_label": template.get_type_display(),
            "department": template.department.name, "department_code": template.department.code,
            "reason": template.reason, "content": template.content, "conditions": template.condition_list,
            "liability": template.liability, "validity_months": template.validity_months,
            "disclosure": template.disclosure, "disclosure_label": template.get_disclosure_display()}


def present_commitment(commitment: Commitment, audience: Audience) -> dict:
    shown = {"number": commitment.number, "committer_name": commitment.committer_name,
             "committer_code": commitment.committer_code, "type": commitment.type,
             "type_label": commitment.get_type_display(), "matter_name": commitment.template.matter_name,
             "reason": commitment.reason, "department": commitment.department.name, "made_on": commitment.made_on,
             "valid_until": commitment.valid_until, "state": commitment.state,
             "state_label": commitment.get_state_display(), "fulfilment": commitment.fulfilment,
             "fulfilment_label": commitment.get_fulfilment_display(), "determined_on": commitment.determined_on,
             "disclosure": commitment.disclosure}
    if audience != Audience.PUBLIC or commitment.disclosure == Disclosure.PUBLIC:
        shown.update(content=commitment.content, liability=commitment.liability,
                     unfulfilled=commitment.unfulfilled, pursued=commitment.pursued)
    return shown


def commitments_of(subject, audience: Audience, *, limit: int = 50) -> list[dict]:
    rows = (Commitment.objects.visible_to(audience).filter(subject=subject)
            .select_related("template", "department").order_by("-made_on", "-id")[:limit])
    return [present_commitment(row, audience) for row in rows]


def column() -> QuerySet:
    """The 信用承诺专栏: commitments open to the public, newest first."""
    return (Commitment.objects.visible_to(Audience.PUBLIC).select_related("template", "department")
            .order_by("-made_on", "-id"))


WORK_FILTERS = {"review": "待复核", "flagged": "有效期内受处罚待确认"}


def work_list(user, *, state: str = "") -> QuerySet:
    """A department's commitments: by state, or those drawn for review or flagged by a later penalty and not yet
    determined."""
    rows = Commitment.objects.handled_by(user).select_related("template", "subject", "department")
    if state == "review":
        return rows.filter(review_due__isnull=False, fulfilment="").order_by("review_due")
    if state == "flagged":
        return rows.filter(flagged_record__isnull=False, fulfilment="")
    return rows.filter(state=state) if state else rows


def green_channel_work(user) -> QuerySet:
    """容缺受理 decisions of the user's department (the credit office: all), awaiting supply first."""
    rows = GreenChannelDecision.objects.select_related("subject", "template", "commitment")
    if not sees_everything(user):
        rows = rows.filter(template__department_id=getattr(user, "organization_id", None) or -1)
    return rows.order_by("state", "supply_by", "-id")
