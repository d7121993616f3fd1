"""Files nested far deeper than their parser recurses (issue 13, item 5).

tomllib and msgspec parse nested arrays, tables and objects recursively and
raise RecursionError. A glossary.toml or config.toml 100,000 levels deep is
one warning naming the file (it is ignored, as any broken TOML is: a broken
settings or glossary file never stops Kontext); nothing crashes, in the CLI
or in the reader.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich import annotate
from tests.helpers import make_article
from tests.robustness.hostile import Run, kontext
from tests.robustness.peak import RSS_LIMIT_MB, measured_kontext
from tests.tui.helpers import notified, offline_enricher, settle
from tui.reader.app import KontextApp

DEPTH = 100_000
NESTED_TOML = "entry = " + "[" * DEPTH + "]" * DEPTH + "\n"
NESTED_TABLES = "a = " + "{b = " * DEPTH + "1" + "}" * DEPTH + "\n"
SAID = "nested too deeply to read"


def _write(home: Path, name: str, text: str) -> Path:
    path = home / "config" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _one_warning(run: Run, path: Path) -> None:
    """Finished (exit 0), no traceback, and one line naming the file and why."""
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in run.stderr and "internal error" not in run.stderr
    said = [line for line in run.stderr.splitlines() if SAID in line]
    assert len(said) == 1, run.stderr
    assert str(path) in said[0]


@pytest.mark.parametrize("name", ["glossary.toml", "config.toml"])
@pytest.mark.parametrize("text", [NESTED_TOML, NESTED_TABLES], ids=["arrays", "tables"])
def test_a_deeply_nested_toml_file_is_one_warning_in_the_cli(
    kontext_home: Path, name: str, text: str
) -> None:
    path = _write(kontext_home, name, text)
    listed = kontext("glossary", "list")
    annotated = kontext("annotate", "-", stdin=b"Angela Merkel sprach in Berlin.\n")
    looked_up = kontext("lookup", "NATO", "--offline")
    if name == "glossary.toml":  # annotate and glossary list read no config
        _one_warning(listed, path)
        assert "Geheimdienst" in listed.stdout  # the bundled glossary is still listed
        assert SAID in annotated.stdout + annotated.stderr
    assert listed.returncode == 0 and "Traceback" not in listed.stderr
    assert annotated.returncode == 0, annotated.stderr
    assert "Angela Merkel" in annotated.stdout and "Berlin" in annotated.stdout
    assert "Traceback" not in annotated.stderr
    _one_warning(looked_up, path)


async def test_the_reader_says_so_and_still_finds_the_entities(kontext_home: Path) -> None:
    _write(kontext_home, "glossary.toml", NESTED_TOML)
    _write(kontext_home, "config.toml", NESTED_TABLES)
    article = make_article("Angela Merkel sprach in Berlin mit der NATO.", "de")

    app = KontextApp(article, offline=True, annotate=annotate, enricher_factory=offline_enricher)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert app.reader.status != "annotation failed"
        assert "Angela Merkel" in {e.name for e in app.reader.annotation.entities}
        toasts = notified(app)
        assert toasts.count(SAID) == 2, toasts  # one for each file
        assert "glossary.toml" in toasts and "config.toml" in toasts
        assert "Recursion" not in toasts


def test_peak_memory_of_a_nested_glossary(kontext_home: Path) -> None:
    """Figures for docs/robustness.md: the real CLI on a 100,000-deep glossary."""
    _write(kontext_home, "glossary.toml", NESTED_TOML)
    run = measured_kontext("glossary", "list")
    print(f"nested glossary: {run.seconds:.2f} s, {run.peak_mb:.0f} MB")
    assert run.returncode == 0 and SAID in run.stderr
    assert run.peak_mb < RSS_LIMIT_MB
