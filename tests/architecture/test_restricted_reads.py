"""Visibility cannot be bypassed (docs/architecture.md, "Visibility is one rule"): every view, API, export, screening
and credit-file read of credit records, list entries, voluntary registrations, rectifications, interviews and
commitments starts from a restricting queryset method."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "publiccredit"
RESTRICTING = {
    "CreditRecord": {"visible_to", "restrict", "handled_by", "none"},
    "ListEntry": {"visible_to", "restrict", "handled_by", "in_force", "none"},
    "Registration": {"visible_to", "restrict", "handled_by", "none"},
    "RectificationTask": {"visible_to", "restrict", "handled_by", "none"},
    "Interview": {"visible_to", "restrict", "handled_by", "none"},
    "Commitment": {"visible_to", "restrict", "handled_by", "none"},
}
# Modules that read for a reader: views, APIs and the presentation apps, and the reads behind the website's credit
# file, the published lists, screening, the grades' facts and the inspection objects.
READER_MODULES = ("publicity/queries.py", "lists/queries.py", "sanctions/screening.py", "evaluation/queries.py",
                  "registrations/queries.py", "inspections/queries.py", "rectification/queries.py",
                  "commitments/queries.py")
PRESENTATION_APPS = ("portal", "backoffice", "selfservice")


def reader_modules() -> list[Path]:
    found = {path for path in PACKAGE.glob("*/views.py")} | {path for path in PACKAGE.glob("*/api.py")}
    found |= {path for app in PRESENTATION_APPS for path in (PACKAGE / app).rglob("*.py")}
    found |= {PACKAGE / name for name in READER_MODULES}
    return sorted(path for path in found if "migrations" not in path.parts)


def unrestricted_reads(source: str) -> list[str]:
    """``Model.objects`` uses whose first queryset method is not a restricting one, as ``line: expression``."""
    tree = ast.parse(source)
    parents = {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}
    found = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Attribute) and node.attr == "objects"):
            continue
        model = (node.value.id if isinstance(node.value, ast.Name)
                 else node.value.attr if isinstance(node.value, ast.Attribute) else None)  # models.CreditRecord
        if model not in RESTRICTING:
            continue
        parent = parents.get(node)
        method = parent.attr if isinstance(parent, ast.Attribute) and parent.value is node else None
        if method not in RESTRICTING[model]:
            found.append((node.lineno, ast.unparse(parent if method else node)))
    return [f"{line}: {expression}" for line, expression in sorted(found)]


def test_the_scan_catches_an_unrestricted_read_and_passes_a_restricted_one():
    source = ("records = CreditRecord.objects.filter(subject=subject)\n"
              "entries = ListEntry.objects.select_related('kind').visible_to(audience)\n"
              "manager = CreditRecord.objects\n"
              "mine = CreditRecord.objects.visible_to(audience).filter(subject=subject)\n"
              "work = ListEntry.objects.handled_by(user)\n"
              "aliased = models.CreditRecord.objects.all()\n")
    assert [line.split(":")[0] for line in unrestricted_reads(source)] == ["1", "2", "3", "6"]


@pytest.mark.parametrize("path", reader_modules(), ids=lambda path: str(path.relative_to(PACKAGE)))
def test_a_reader_facing_module_reads_records_and_entries_only_through_a_restricting_queryset(path):
    assert unrestricted_reads(path.read_text(encoding="utf-8")) == []
