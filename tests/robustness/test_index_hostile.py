"""A hostile session file (as if someone sent it) through the entity index and its CLI:
names, titles, notes, Wikipedia text and corrections come out literal and inert."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from enrich.session import Correction, SessionStore
from enrich.session.codec import encode
from tests.robustness.hostile import kontext, leaked_payloads, unsafe_chars
from tests.robustness.hostile_session import hostile_session
from tests.robustness.test_export_hostile import anki_fields


def test_index_cli_prints_a_hostile_session_literally(kontext_home: Path, tmp_path: Path) -> None:
    session = hostile_session()
    eve = next(e for e in session.entities if e.id == "per-eve").mentions[0]
    session.corrections.append(
        Correction(op="reject", start=eve.start, end=eve.end, text=eve.text, at="2026-12-01")
    )
    path = SessionStore(kontext_home / "data" / "sessions").path("feind")
    path.parent.mkdir(parents=True)
    path.write_bytes(encode(session))  # never saved here: the index finds it at open
    env = {"KONTEXT_HOME": str(kontext_home), "COLUMNS": "200"}
    for args in (
        ("entities", "list"),
        ("entities", "show", "NATO"),
        ("entities", "show", "Olaf Scholz"),
        ("entities", "export", "--format", "md", "-o", "-"),
        ("rules", "list"),
    ):
        run = kontext(*args, env=env)
        assert run.returncode == 0 and "Traceback" not in run.stderr, (args, run.stderr)
        assert not unsafe_chars(run.stdout + run.stderr), args
        assert not leaked_payloads(run.stdout + run.stderr), args
    table = kontext("entities", "export", "--format", "csv", "-o", "-", env=env).stdout
    assert not unsafe_chars(table) - {"\r", "\ufeff"}  # CRLF and the BOM are the format's
    for row in csv.reader(io.StringIO(table.lstrip("\ufeff"))):
        assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row), row
    shown = kontext("entities", "show", "NATO", env=env).stdout
    assert "[red]Bündnis" in shown  # markup printed as text, the escape gone
    assert "[bold]Eve[/bold]" in kontext("rules", "list", env=env).stdout
    deck = tmp_path / "deck.apkg"
    assert kontext("entities", "export", "-o", str(deck), env=env).returncode == 0
    fields = anki_fields(deck.read_bytes())
    assert fields
    for field in fields:
        assert "<script" not in field.lower() and not unsafe_chars(field.replace("\x1f", ""))
