"""Every third-party package the code imports is declared, in the group that installs it.

A student's ``pip install kontext-reader`` gets only ``[project] dependencies``,
so a runtime module importing an undeclared package (numpy, lxml, aiohttp came
in as other packages' dependencies) breaks the day that other package drops
it. Built from the source with ``ast``: an import inside a function counts.
"""

from __future__ import annotations

import ast
import importlib.metadata
import re
import sys
import tomllib
from collections.abc import Mapping
from functools import cache
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = {"enrich", "tui", "training", "tests", "bench"}

# Which code may import from which dependency groups ("runtime": [project] dependencies).
GROUPS: dict[str, tuple[str, ...]] = {
    "enrich": ("runtime",),
    "tui": ("runtime",),
    "training": ("runtime", "train"),
    "bench": ("runtime", "test"),
    "tests/fuzz": ("runtime", "test", "fuzz"),
    "tests": ("runtime", "test"),
}


def _normalise(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


@cache
def declared() -> dict[str, set[str]]:
    """Dependency group → normalised distribution names, from pyproject.toml."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    groups = {"runtime": project["dependencies"], **project["optional-dependencies"]}
    return {
        group: {_normalise(re.split(r"[\s<>=!~;\[(]", req, maxsplit=1)[0]) for req in reqs}
        for group, reqs in groups.items()
    }


def third_party_imports(path: Path) -> set[str]:
    """Top-level names of the non-stdlib, non-first-party modules ``path`` imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
            names.add(node.module.split(".")[0])
    return {n for n in names if n not in sys.stdlib_module_names and n not in FIRST_PARTY}


@cache
def _providers() -> Mapping[str, list[str]]:
    """Module name → distributions, read once: each call walks every installed one."""
    return importlib.metadata.packages_distributions()


def distributions(module: str) -> set[str]:
    """The distributions that provide ``module`` (its own name when it is not installed:
    the train and fuzz extras are not in the test environment)."""
    found = _providers().get(module)
    return {_normalise(d) for d in found} if found else {_normalise(module)}


def _group_of(path: Path) -> str:
    rel = path.relative_to(ROOT).as_posix()
    return next(prefix for prefix in GROUPS if rel.startswith(prefix + "/"))


def _sources() -> list[Path]:
    top = ("enrich", "tui", "training", "bench", "tests")
    return sorted(p for d in top for p in (ROOT / d).rglob("*.py"))


def undeclared() -> list[tuple[str, str, str]]:
    wrong = []
    for path in _sources():
        group = _group_of(path)
        allowed = set().union(*(declared().get(g, set()) for g in GROUPS[group]))
        for module in sorted(third_party_imports(path)):
            if not distributions(module) & allowed:
                wrong.append((path.relative_to(ROOT).as_posix(), module, group))
    return wrong


def test_every_imported_package_is_declared_in_its_group() -> None:
    assert undeclared() == []


def test_the_walk_sees_imports_inside_functions() -> None:
    """The check is meaningful: lxml is imported only inside extract's functions."""
    assert "lxml" in third_party_imports(ROOT / "enrich" / "extract.py")
    assert "faker" in third_party_imports(ROOT / "training" / "name_lists.py")


@pytest.mark.parametrize(
    ("module", "group"),
    [("faker", "runtime"), ("pytest", "runtime"), ("faker", "train"), ("numpy", "runtime")],
)
def test_a_package_counts_only_in_its_own_group(module: str, group: str) -> None:
    """faker and pytest are not runtime dependencies; faker is a train one; numpy runtime."""
    expected = (module, group) in {("faker", "train"), ("numpy", "runtime")}
    assert bool(distributions(module) & declared()[group]) is expected
