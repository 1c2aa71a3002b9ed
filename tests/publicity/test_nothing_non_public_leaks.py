"""Seeded non-public values — an unmasked ID number, an authorised-only item, an expired, a repaired and a withdrawn
penalty — appear in no public page and no public API answer. The website is crawled link by link from the home page."""

import re
from urllib.parse import urljoin, urlsplit

import pytest

from publiccredit.publicity.queries import public_ref
from tests.conftest import CITIZEN_ID

pytestmark = pytest.mark.django_db

SKIPPED_PREFIXES = ("/admin/", "/backoffice/", "/static/", "/api/docs/", "/api/redoc/", "/elder-mode/")
HREF = re.compile(r'href="([^"#]+)"')


def forbidden_values(records) -> dict[str, str]:
    values = {"unmasked ID number": CITIZEN_ID, "ID number without check digit": CITIZEN_ID[:17],
              "birth date part of the ID": CITIZEN_ID[6:14],
              "authorised-only content": "AUTHONLY", "expired penalty facts": "EXPIREDFACT",
              "repaired penalty facts": "REPAIREDFACT", "withdrawn penalty facts": "WITHDRAWNFACT"}
    for state in ("repaired", "expired", "withdrawn", "inspection"):
        values[f"{state} decision number"] = records[state].decision_number
    return values


def crawl(client, start: list[str], limit: int = 400) -> dict[str, str]:
    seen, queue, pages = set(), list(start), {}
    while queue and len(pages) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code < 500, url
        body = response.content.decode()
        pages[url] = body
        if "text/html" in response.get("Content-Type", ""):
            for link in HREF.findall(body):
                target = urljoin(url, link.replace("&amp;", "&"))
                parts = urlsplit(target)
                if parts.netloc or target.startswith(SKIPPED_PREFIXES):
                    continue
                queue.append(parts.path + (f"?{parts.query}" if parts.query else ""))
    return pages


def test_no_public_page_or_api_answer_shows_a_non_public_value(client, records_in_every_state, enterprise, citizen):
    person_ref = public_ref(citizen)
    start = ["/", "/search/?q=信江", f"/search/?q={CITIZEN_ID}", "/search/?q=张三丰", f"/credit/{person_ref}/", f"/credit/{CITIZEN_ID}/",
             f"/credit/{enterprise.uscc}/", "/publicity/penalties/", "/publicity/licenses/", "/lists/", "/news/",
             "/api/v1/subjects/?q=信江", f"/api/v1/subjects/?q={CITIZEN_ID}", f"/api/v1/subjects/{enterprise.uscc}/",
             f"/api/v1/subjects/{person_ref}/", f"/api/v1/subjects/{CITIZEN_ID}/"]
    pages = crawl(client, start)
    assert len(pages) > len(start)
    assert records_in_every_state["public"].decision_number in pages[f"/credit/{enterprise.uscc}/"]
    assert records_in_every_state["person"].decision_number in pages[f"/credit/{person_ref}/"]
    # The person's own file and search answers show the name masked (as legal representative of an enterprise the
    # name is public registration information and appears there).
    for url in (f"/credit/{person_ref}/", f"/api/v1/subjects/{person_ref}/", f"/search/?q={CITIZEN_ID}",
                f"/api/v1/subjects/?q={CITIZEN_ID}"):
        assert "张*丰" in pages[url] and "张三丰" not in pages[url], url
    for url, body in pages.items():
        # The query itself is echoed in the address bar the user typed it into, never in the page.
        body = body.replace(f"q={CITIZEN_ID}", "")
        for what, value in forbidden_values(records_in_every_state).items():
            assert value not in body, f"{what} appears in {url}"
