"""mypy is part of the suite: strict for ``enrich``, default checks for ``tui`` and ``training``.

The configuration lives in pyproject.toml ([tool.mypy]); this runs it the way a
developer would (``python -m mypy``) and asks for zero errors, so CI enforces it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# training/ (outside the wheel) gets the default checks: it glues spaCy's and numpy's
# loosely typed APIs together and runs from a checkout, not on a student's machine.
TARGETS = ("enrich", "tui", "training")

# "# type: ignore[code]  # why": the code keeps the silence narrow, the reason lets a
# reader judge whether it still holds.
_IGNORE = re.compile(r"#\s*type:\s*ignore(?P<code>\[[a-z0-9_,\- ]+\])?(?P<rest>.*)$")


def _checked_files() -> list[Path]:
    return [p for target in TARGETS for p in sorted((ROOT / target).rglob("*.py"))]


def _mypy(
    *args: str, cache: Path = ROOT / ".mypy_cache", env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run mypy with the project's config; its cache (gitignored) makes reruns take seconds."""
    pytest.importorskip("mypy", reason="mypy is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )


def test_mypy_finds_no_errors() -> None:
    files = _checked_files()
    assert files, "nothing to check"
    out = _mypy(*(str(p.relative_to(ROOT)) for p in files))
    assert out.returncode == 0, f"mypy:\n{out.stdout}{out.stderr}"
    assert f"no issues found in {len(files)} source files" in out.stdout, out.stdout


def test_mypy_reports_a_strict_error_in_enrich(tmp_path: Path) -> None:
    """The check can fail: an unannotated function in an ``enrich`` module is an error."""
    package = tmp_path / "enrich"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "sample.py").write_text("def untyped(x):\n    return x\n")
    config = str(ROOT / "pyproject.toml")
    out = _mypy("--config-file", config, str(package / "sample.py"), cache=tmp_path / "cache")
    assert out.returncode == 1, out.stdout + out.stderr
    assert "[no-untyped-def]" in out.stdout, out.stdout


def test_enrich_override_has_every_flag_of_strict() -> None:
    """enrich lists --strict's flags one by one (a per-module ``strict`` leaks to tui)."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert "strict" not in config
    (enrich,) = [o for o in config["overrides"] if "enrich.*" in o["module"]]
    assert "strict" not in enrich
    # argparse wraps --help to the terminal width; a wide one keeps the list on one line.
    helptext = _mypy("--help", env={**os.environ, "COLUMNS": "2000"}).stdout
    listed = re.search(r"--strict +Strict mode; enables the following flags: (.*)", helptext)
    assert listed is not None, "mypy --help no longer lists what --strict enables"
    flags = [f.strip().removeprefix("--") for f in listed[1].split(",")]
    assert len(flags) >= 10, flags
    missing = [
        flag
        for flag in (f.replace("-", "_") for f in flags)
        if not (enrich.get(flag) is True or config.get(flag) is True)
    ]
    assert not missing, f"enrich is not as strict as --strict; add to its override: {missing}"


def test_missing_imports_are_ignored_per_package_only() -> None:
    """No global switch: a new untyped import must be named in pyproject.toml to pass."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["tool"]["mypy"]
    assert "ignore_missing_imports" not in config
    for override in config.get("overrides", []):
        if override.get("ignore_missing_imports"):
            modules = override["module"]
            assert not any(m in ("*", "enrich.*", "tui.*") for m in modules), modules


def test_every_type_ignore_names_its_code_and_reason() -> None:
    bad = []
    for path in _checked_files():
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            found = _IGNORE.search(line)
            if found is None:
                continue
            reason = found["rest"].strip().lstrip("#").strip()
            if not found["code"] or not reason:
                bad.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bad, "a type: ignore needs [code] and '# reason':\n" + "\n".join(bad)
