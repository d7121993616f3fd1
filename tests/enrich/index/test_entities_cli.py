"""``kontext entities list|show|export`` and ``kontext index rebuild`` over three sessions."""

from __future__ import annotations

import csv
import io
import os
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from enrich.index.hook import close_all
from enrich.session import EntityNote, SessionStore
from tests.enrich.index.conftest import DATES, JCS_PAGE, NAMES, TITLES
from tui.cli import main


@pytest.fixture(autouse=True)
def wide(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "200")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def test_list_with_filters_and_plurals(
    three_sessions: list, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "entities", "list")
    assert code == 0
    assert "from 3 articles in your sessions" in out
    assert "Vereinigte Generalstab Südkoreas" in out or "JCS" in out
    code, out, _ = _run(capsys, "entities", "list", "--label", "per", "--since", "2026-11-09")
    assert code == 0
    assert "Shin Won-sik" in out and "Park Ji-won" not in out
    assert "1 entity from 3 articles" in out  # singular


def test_show_gives_articles_notes_newest_first_and_the_choice(
    three_sessions: list, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = _run(capsys, "entities", "show", "JCS")
    assert code == 0
    assert f"Your Wikipedia choice: {JCS_PAGE} (from '{TITLES[1]}'" in out
    assert "Seen in 3 articles:" in out
    dates = [out.index(f"{d[:10]}  {t}") for d, t in zip(DATES, TITLES, strict=True)]
    assert dates == sorted(dates, reverse=True)  # newest article first
    assert out.index("Meldet jeden Start zuerst.") < out.index("nicht der US-JCS")
    assert "1 mention" in out and "3 mentions" in out  # plural right


def test_bad_input_is_one_line_and_exit_2(three_sessions: list, home: Path) -> None:
    env = {**os.environ, "KONTEXT_HOME": str(home)}
    for argv, message in (
        (["entities", "show", "Atlantis"], "no entity named 'Atlantis'"),
        (["entities", "list", "--since", "gestern"], "want a date like 2026-12-01"),
        (["entities", "list", "--label", "CITY"], "invalid choice"),
        (["entities", "export", "-o", "deck.txt"], "give --format anki|csv|md"),
    ):
        run = subprocess.run(
            [sys.executable, "-m", "tui.cli", *argv], capture_output=True, text=True, env=env
        )
        assert run.returncode == 2, (argv, run.stderr)
        assert run.stderr.count("\n") == 1 and message in run.stderr, run.stderr
        assert "Traceback" not in run.stderr


def _guids(path: Path) -> dict[str, str]:
    """Name field -> guid of every note in an .apkg."""
    with zipfile.ZipFile(path) as apkg:
        data = apkg.read("collection.anki2")
    db_path = path.with_suffix(".anki2")
    db_path.write_bytes(data)
    db = sqlite3.connect(db_path)
    try:
        return {
            flds.split("\x1f")[0]: guid for guid, flds in db.execute("SELECT guid, flds FROM notes")
        }
    finally:
        db.close()


def test_anki_export_keeps_guids_stable_across_exports(
    three_sessions: list, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = tmp_path / "eins.apkg"
    assert _run(capsys, "entities", "export", "-o", str(first))[0] == 0
    before = _guids(first)
    assert len(before) == len(set(before.values())) >= 8  # one note per entity, deduplicated
    store = SessionStore()  # a new note changes the card's content, not its identity
    session = store.load(NAMES[2])
    jcs = next(e for e in session.entities if e.name == "JCS")
    session.notes[jcs.id] = EntityNote(entity_id=jcs.id, name="JCS", note="Später ergänzt.")
    store.save(session)
    second = tmp_path / "zwei.apkg"
    assert _run(capsys, "entities", "export", "--format", "anki", "-o", str(second))[0] == 0
    assert _guids(second) == before
    code, _, err = _run(capsys, "entities", "export", "-o", str(second))
    assert code == 2 and "pass --force" in err


def test_csv_and_markdown_exports_carry_the_notes(
    three_sessions: list, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    table = tmp_path / "met.csv"
    assert _run(capsys, "entities", "export", "-o", str(table))[0] == 0
    rows = list(csv.DictReader(io.StringIO(table.read_text(encoding="utf-8-sig"))))
    (jcs,) = [r for r in rows if r["wikipedia_title"] == JCS_PAGE]
    assert jcs["articles"] == "3" and jcs["wikipedia_choice"] == JCS_PAGE
    assert jcs["notes"].index("Meldet jeden") < jcs["notes"].index("nicht der US-JCS")
    assert len({r["key"] for r in rows}) == len(rows)
    code, out, _ = _run(capsys, "entities", "export", "-f", "md", "-o", "-")
    assert code == 0 and out.startswith("# Entities I have met")
    assert f"your choice from {TITLES[1]}" in out and "Seen in 3 articles" in out


def test_index_rebuild(
    three_sessions: list, home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    close_all()  # Kontext is not running when the file gets damaged
    (home / "data" / "index.sqlite").write_bytes(b"\0" * 4096)
    code, out, err = _run(capsys, "index", "rebuild")
    assert code == 0
    assert "rebuilt the entity index from 3 sessions" in out
    assert "rebuilt it from your sessions" in err  # the damaged file was reported


def test_cli_formats_match_the_exporter() -> None:
    from enrich.index.deck import DECK_FORMATS
    from tui.cli.entities import DECK_FORMATS as CLI_FORMATS

    assert CLI_FORMATS == DECK_FORMATS
