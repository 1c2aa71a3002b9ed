"""A market-regulation clerk delivering penalties: a valid row to start from, and file helpers."""


import pytest

from publiccredit.catalog.models import CatalogItem


@pytest.fixture
def penalty(db) -> CatalogItem:
    return CatalogItem.objects.select_related("current_version").get(code="penalty")


@pytest.fixture
def license_item(db) -> CatalogItem:
    return CatalogItem.objects.select_related("current_version").get(code="license")


