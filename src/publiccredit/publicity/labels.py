"""Display names of the small reference tables (catalog items, organisations, regions, industries) for the
website's hot pages, kept in the cache for a minute instead of joined into every record query.

Display only: nothing here decides visibility (the disclosure class is always read from the database)."""

from dataclasses import dataclass

from django.core.cache import cache

from publiccredit.catalog.models import CatalogItem
from publiccredit.organizations.models import Organization, Region
from publiccredit.subjects.models import Industry

LABELS_SECONDS = 60


@dataclass(frozen=True)
class ItemLabel:
    code: str
    name: str
    portal_column: str
    nature: str = ""
    repairable: bool = False


@dataclass(frozen=True)
class Labels:
    items: dict[int, ItemLabel]
    organizations: dict[int, str]
    regions: dict[int, str]
    industries: dict[int, str]


CACHE_KEY = "publicity:labels:v2"


def labels(*, needing_item: int | None = None) -> Labels:
    """The cached labels; reloaded at once when they lack ``needing_item`` (an item added within the minute)."""
    found = cache.get_or_set(CACHE_KEY, _load, LABELS_SECONDS)
    if needing_item is not None and needing_item not in found.items:
        found = _load()
        cache.set(CACHE_KEY, found, LABELS_SECONDS)
    return found


def _load() -> Labels:
    return Labels(
        items={pk: ItemLabel(code, name, column, nature, repairable) for pk, code, name, column, nature, repairable in
               CatalogItem.objects.values_list("pk", "code", "name", "portal_column", "nature", "repairable")},
        organizations=dict(Organization.objects.values_list("pk", "name")),
        regions=dict(Region.objects.values_list("pk", "name")),
        industries=dict(Industry.objects.values_list("pk", "name")),
    )
