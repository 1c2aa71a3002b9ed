"""Tests share builders through tests/builders.py; a domain's conftest stays that domain's own."""

import re
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
CONFTEST_IMPORT = re.compile(r"^\s*from tests\.([a-z_]+)\.conftest import", re.M)


def foreign_conftest_imports(root: Path = TESTS) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        parts = path.relative_to(root).parts
        domain = parts[0] if len(parts) > 1 else ""
        for match in CONFTEST_IMPORT.finditer(path.read_text(encoding="utf-8")):
            if match.group(1) != domain:
                found.append(f"{path.relative_to(root).as_posix()} imports tests.{match.group(1)}.conftest")
    return found


def test_no_test_imports_another_domains_conftest():
    assert foreign_conftest_imports() == []


def test_the_check_sees_an_import_from_another_domains_conftest(tmp_path):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "test_example.py").write_text("from tests.publicity.conftest import deliver\n",
                                                        encoding="utf-8")
    (tmp_path / "lists" / "test_own.py").write_text("from tests.lists.conftest import something\n", encoding="utf-8")
    assert foreign_conftest_imports(tmp_path) == ["lists/test_example.py imports tests.publicity.conftest"]
