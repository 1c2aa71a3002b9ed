from .models import CatalogItem


def active_item(code: str) -> CatalogItem | None:
    return (CatalogItem.objects.filter(code=code, is_active=True)
            .select_related("current_version", "category").prefetch_related("providers").first())


def active_items():
    return CatalogItem.objects.filter(is_active=True).select_related("category", "current_version")
