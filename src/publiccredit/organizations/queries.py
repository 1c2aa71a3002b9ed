from .models import Organization, Region


def active_organizations():
    return Organization.objects.filter(is_active=True).select_related("region").order_by("sort_order", "code")


def organization_by_code(code: str) -> Organization | None:
    from publiccredit.core.identifiers import normalize_code

    return Organization.objects.filter(code=normalize_code(code)).select_related("region").first()


def counties():
    return Region.objects.filter(level__in=[Region.Level.COUNTY, Region.Level.ZONE]).order_by("sort_order")


def issuing_office(signer) -> Organization | None:
    """The office named at the foot of a written decision: the signer's organisation, else the credit office."""
    if signer is not None and getattr(signer, "organization_id", None):
        return signer.organization
    return Organization.objects.filter(kind=Organization.Kind.CREDIT_OFFICE).order_by("sort_order", "pk").first()
