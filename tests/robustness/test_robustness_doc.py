"""docs/robustness.md names real tests: every row's test exists, and none is an expected failure.

The tables are the promise ("every row has a passing test"); the suite runs
the tests themselves. Only the "Known open problems" section may name tests
marked ``xfail``, and it must name only those.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "robustness.md"
REF = re.compile(r"`(tests/[\w/]+\.py)::(test_\w+)`")
KNOWN = "## Known open problems"


def defined_tests(path: Path) -> dict[str, bool]:
    """Test function names in a file, each with whether it is marked xfail."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: dict[str, bool] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and node.name.startswith(
            "test_"
        ):
            marks = [ast.unparse(d) for d in node.decorator_list]
            found[node.name] = any("xfail" in mark for mark in marks)
    return found


def table_rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("|") and "`tests/" in line]


def test_every_row_names_a_test_that_exists_and_is_expected_to_pass() -> None:
    text = DOC.read_text(encoding="utf-8")
    promised = text.split(KNOWN, 1)[0]
    rows = table_rows(promised)
    assert len(rows) >= 80, "the tables lost rows"
    missing, xfailing = [], []
    for row in rows:
        refs = REF.findall(row)
        assert refs, f"a row without a test: {row}"
        for file, name in refs:
            path = ROOT / file
            tests = defined_tests(path) if path.is_file() else {}
            if name not in tests:
                missing.append(f"{file}::{name}")
            elif tests[name]:
                xfailing.append(f"{file}::{name}")
    assert not missing, f"docs/robustness.md names tests that do not exist: {missing}"
    assert not xfailing, f"rows promise passing tests, but these are xfail: {xfailing}"


def test_known_problems_name_only_xfail_tests() -> None:
    known = DOC.read_text(encoding="utf-8").split(KNOWN, 1)[1]
    refs = REF.findall(known)
    for file, name in refs:
        tests = defined_tests(ROOT / file)
        assert tests.get(name) is True, f"{file}::{name} is not an xfail test; move it up"
