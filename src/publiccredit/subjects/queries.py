"""Reads of the subject registry shared by pages, API and commands, scoped to the viewer."""

from django.db.models import Q, QuerySet

from publiccredit.core.crypto import lookup_hash
from publiccredit.core.identifiers import check_citizen_id, check_uscc, normalize_code

from .models import Representative, Subject
from .names import normalize_name


def subjects_for(viewer) -> QuerySet[Subject]:
    """The subjects a viewer may see in the registry.

    Staff of an organisation see all; a subject user sees its own subject; the public sees organisations
    and 个体工商户 but no natural persons (their credit files are not published as a registry).
    """
    queryset = Subject.objects.select_related("region", "industry")
    if viewer is not None and getattr(viewer, "is_authenticated", False):
        if viewer.is_superuser or getattr(viewer, "organization_id", None):
            return queryset
        if getattr(viewer, "subject_id", None):
            return queryset.filter(pk=viewer.subject_id)
    return queryset.exclude(kind=Subject.Kind.NATURAL_PERSON)


def subject_by_code(code: str, viewer=None) -> Subject | None:
    """Find a subject by USCC or citizen ID (looked up through the keyed hash, never by plain text)."""
    normalized = normalize_code(code)
    queryset = subjects_for(viewer) if viewer is not None else Subject.objects.all()
    if check_uscc(normalized).valid:
        return queryset.filter(uscc=normalized).first()
    if check_citizen_id(normalized).valid:
        return queryset.filter(id_hash=lookup_hash(normalized)).first()
    return None


def subjects_named(name: str, viewer=None) -> QuerySet[Subject]:
    """Subjects whose current or a former name equals ``name`` after normalisation."""
    key = normalize_name(name)
    queryset = subjects_for(viewer) if viewer is not None else Subject.objects.all()
    return queryset.filter(Q(name_normalized=key) | Q(names__name_normalized=key)).distinct()


def organizations_represented_by(person: Subject, *, current_only: bool = True) -> QuerySet[Representative]:
    links = Representative.objects.filter(person=person).select_related("organization")
    return links.filter(until__isnull=True) if current_only else links


def representatives_of(organization: Subject, *, current_only: bool = True) -> QuerySet[Representative]:
    links = Representative.objects.filter(organization=organization).select_related("person")
    return links.filter(until__isnull=True) if current_only else links
