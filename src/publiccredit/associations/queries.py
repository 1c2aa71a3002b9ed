"""Reads of associations (docs/associations.md): an association's members with what the public may see of their
credit (grade, negative lists, negative records in force), its templates and its members' commitments, and a
member's own view — its memberships, the records its associations keep and the templates it may sign."""

from django.db.models import Count, QuerySet

from publiccredit.catalog.models import CatalogItem
from publiccredit.collection.models import CreditRecord
from publiccredit.commitments.models import Commitment, CommitmentTemplate
from publiccredit.core.audience import Audience
from publiccredit.evaluation.models import EvaluationModel, EvaluationResult
from publiccredit.lists.models import ListEntry, ListKind

from .models import MemberNote, Membership


def members_of(association_id: int, *, state: str = Membership.State.ACTIVE) -> QuerySet[Membership]:
    rows = Membership.objects.filter(association_id=association_id).select_related("subject")
    return rows.filter(state=state) if state else rows


def credit_overview(memberships: list[Membership]) -> list[dict]:
    """Each member with its public credit at a glance: three queries for the page, whatever its size. Only what the
    public may see (the association is not a department)."""
    ids = [m.subject_id for m in memberships]
    grades = dict(EvaluationResult.objects.filter(
        subject_id__in=ids, is_current=True, model__is_active=True,
        model__disclosure=EvaluationModel.Disclosure.PUBLIC, model__kind=EvaluationModel.Kind.PUBLIC)
        .values_list("subject_id", "grade"))
    lists: dict[int, list[str]] = {}
    for subject_id, name in (ListEntry.objects.visible_to(Audience.PUBLIC).filter(subject_id__in=ids)
                             .exclude(kind__category=ListKind.Category.RED).values_list("subject_id", "kind__name")):
        lists.setdefault(subject_id, []).append(name)
    negatives = dict(CreditRecord.objects.visible_to(Audience.PUBLIC).filter(
        subject_id__in=ids, item__nature=CatalogItem.Nature.NEGATIVE).values("subject_id")
        .annotate(n=Count("id")).values_list("subject_id", "n"))
    return [{"membership": m, "subject": m.subject, "grade": grades.get(m.subject_id, ""),
             "lists": lists.get(m.subject_id, []), "negative_records": negatives.get(m.subject_id, 0)}
            for m in memberships]


def templates_of(association_id: int) -> QuerySet[CommitmentTemplate]:
    return CommitmentTemplate.objects.filter(department_id=association_id).order_by("-is_active", "code")


def commitments_accepted_by(association_id: int) -> QuerySet[Commitment]:
    return (Commitment.objects.filter(department_id=association_id).select_related("subject", "template")
            .order_by("-made_on", "-id"))


def notes_kept_by(association_id: int) -> QuerySet[MemberNote]:
    return MemberNote.objects.filter(association_id=association_id).select_related("subject").order_by(
        "-decided_on", "-id")


def member_view(subject_id: int) -> dict:
    """What a member sees: its memberships, the records its associations keep on it, and the templates of the
    associations it belongs to."""
    memberships = list(Membership.objects.filter(subject_id=subject_id).select_related("association")
                       .order_by("state", "-joined_on"))
    active = [m.association_id for m in memberships if m.state == Membership.State.ACTIVE]
    return {
        "memberships": memberships,
        "notes": list(MemberNote.objects.filter(subject_id=subject_id).select_related("association", "commitment")
                      .order_by("-decided_on", "-id")),
        "templates": list(CommitmentTemplate.objects.filter(department_id__in=active, is_active=True)
                          .select_related("department").order_by("department__name", "code")),
        "commitments": list(Commitment.objects.filter(subject_id=subject_id, department_id__in=[
            m.association_id for m in memberships]).select_related("department", "template").order_by("-made_on")),
    }
