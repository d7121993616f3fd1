"""``kontext sessions ...`` and ``kontext annotate --save`` as a user runs them: real
subprocesses, the real pipeline, a real sessions directory under KONTEXT_HOME."""

from __future__ import annotations

import html.parser
import importlib.util
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from enrich.session import EntityNote, SessionStore, annotation_of
from tests.enrich.session.store_fixtures import bookmark

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT.parent / "shared" / "seed" / "article-de.txt"


def kontext(home: Path, *args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KONTEXT_HOME": str(home), "COLUMNS": "200", "NO_COLOR": "1"}
    env.pop("KONTEXT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=180,
    )


def one_line_error(out: subprocess.CompletedProcess[str], *fragments: str) -> None:
    assert out.returncode == 2, out.stdout + out.stderr
    assert out.stderr.startswith("kontext: error: ") and out.stderr.count("\n") == 1, out.stderr
    assert "Traceback" not in out.stderr
    for fragment in fragments:
        assert fragment in out.stderr


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    """A Kontext home with session "seed" of the bundled German sample (rules only: fast)."""
    home = tmp_path_factory.mktemp("template")
    out = kontext(home, "annotate", "sample:de", "--model", "rules", "--save", "seed")
    assert out.returncode == 0, out.stderr
    assert "saved session 'seed'" in out.stderr
    assert "Bundesamt für Seeschifffahrt" in out.stdout  # the table still prints
    return home


@pytest.fixture
def home(template: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "home"
    shutil.copytree(template, copy)
    return copy


def sessions_dir(home: Path) -> Path:
    return home / "data" / "sessions"


def store(home: Path) -> SessionStore:
    return SessionStore(sessions_dir(home))


def has_export(fmt: str = "") -> bool:
    modules = {"md": "markdown", "html": "html_page", "anki": "anki", "csv": "csv_table"}
    name = f"enrich.export.{modules[fmt]}" if fmt in modules else "enrich.export"
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


# -- acceptance ----------------------------------------------------------------------------


class _TextOf(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:  # type: ignore[no-untyped-def]
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not checked out")
def test_acceptance_annotate_seed_then_export_md_html_anki(tmp_path) -> None:
    if not has_export():
        pytest.skip("enrich.export is not there yet")
    out = kontext(tmp_path, "annotate", str(SEED), "--save", "seed")
    assert out.returncode == 0, out.stderr
    session = store(tmp_path).load("seed")
    names = [e.name for e in annotation_of(session).entities]
    assert {"Nordkorea", "Russland", "Lee Sung-kwon"} <= set(names)
    plain = [n for n in names if re.fullmatch(r"[\w ]+", n)]  # unaffected by any escaping

    for fmt, suffix in (("md", ".md"), ("html", ".html"), ("anki", ".apkg")):
        if not has_export(fmt):
            continue
        target = tmp_path / f"seed{suffix}"
        out = kontext(tmp_path, "sessions", "export", "seed", "--format", fmt, "-o", str(target))
        assert out.returncode == 0, out.stderr
        assert str(target) in out.stdout
        if fmt == "md":
            text = target.read_text("utf-8")
            assert re.search(r"^# .+", text, re.M)
            assert re.search(r"^## .+", text, re.M)
        elif fmt == "html":
            page = _TextOf()
            page.feed(target.read_text("utf-8"))
            assert "html" in page.tags and "body" in page.tags
            text = "".join(page.text)
        else:
            with zipfile.ZipFile(target) as apkg:
                (tmp_path / "collection.anki2").write_bytes(apkg.read("collection.anki2"))
            with sqlite3.connect(tmp_path / "collection.anki2") as db:
                text = "\n".join(row[0] for row in db.execute("select flds from notes"))
        missing = [n for n in plain if n not in text]
        assert not missing, f"{fmt} export does not name {missing}"


# -- list and show -------------------------------------------------------------------------


def test_list_shows_a_table_and_json_with_the_counts(home) -> None:
    s = store(home)
    session = s.load("seed")
    first = session.entities[0]
    session.notes[first.id] = EntityNote(entity_id=first.id, name=first.name, note="wichtig")
    start = session.article.text.index("Ostsee")
    session.bookmarks.append(bookmark("b1", "Ostsee", session.article.text, "Ort"))
    assert session.bookmarks[0].start == start
    s.save(session)
    entities = len(annotation_of(session).entities)

    out = kontext(home, "sessions", "list")
    assert out.returncode == 0, out.stderr
    row = next(line for line in out.stdout.splitlines() if "│ seed" in line)
    assert "Großmanöver" in row
    assert re.search(rf"│\s+{entities}\s+│\s+1\s+│\s+1\s+│", row), row

    data = json.loads(kontext(home, "sessions", "list", "--json").stdout)
    assert [(d["name"], d["entities"], d["notes"], d["bookmarks"]) for d in data] == [
        ("seed", entities, 1, 1)
    ]
    assert data[0]["error"] is None


def test_a_corrupt_session_is_listed_reported_and_left_untouched(home) -> None:
    broken = sessions_dir(home) / "broken.json"
    broken.write_bytes(b'{"schema": 1, "name": "bro')
    out = kontext(home, "sessions", "list")
    assert out.returncode == 0, out.stderr
    assert "│ seed" in out.stdout and "corrupt" in out.stdout and "1 unreadable" in out.stdout
    one_line_error(kontext(home, "sessions", "show", "broken"), "corrupt", "left untouched")
    one_line_error(kontext(home, "sessions", "export", "broken", "-f", "json", "-o", "x.json"))
    assert broken.read_bytes() == b'{"schema": 1, "name": "bro'


def test_show_applies_corrections_and_prints_untrusted_text_literally(home) -> None:
    from enrich.session import Correction

    s = store(home)
    session = s.load("seed")
    target = next(e for e in annotation_of(session).entities if e.name == "Finnland")
    m = target.mentions[0]
    session.corrections.append(Correction(op="reject", start=m.start, end=m.end, text=m.text))
    other = session.entities[0]
    session.notes[other.id] = EntityNote(
        entity_id=other.id, name=other.name, note="[bold red]Achtung[/] \x1b[31mrot\x1b[0m"
    )
    s.save(session)
    before = len(annotation_of(s.load("seed")).entities) + 1

    out = kontext(home, "sessions", "show", "seed")
    assert out.returncode == 0, out.stderr
    assert "Großmanöver" in out.stdout and "source: " in out.stdout
    assert "rejected 'Finnland'" in out.stdout
    assert f"{before - 1} entities" in out.stdout
    assert "[bold red]Achtung[/] rot" in out.stdout
    assert "\x1b" not in out.stdout

    raw = kontext(home, "sessions", "show", "seed", "--json")
    assert json.loads(raw.stdout)["notes"][other.id]["note"].endswith("\x1b[0m")  # exact data


def test_show_of_a_missing_session_is_one_line(home) -> None:
    one_line_error(kontext(home, "sessions", "show", "ghost"), "no session named 'ghost'")


# -- delete --------------------------------------------------------------------------------


def test_delete_asks_first_and_refuses_without_a_terminal(home) -> None:
    path = sessions_dir(home) / "seed.json"
    one_line_error(kontext(home, "sessions", "delete", "seed", stdin=""), "--yes")
    assert path.is_file()
    out = kontext(home, "sessions", "delete", "seed", "--yes")
    assert out.returncode == 0 and "deleted session 'seed'" in out.stdout
    assert not path.exists() and not (sessions_dir(home) / "seed.json~").exists()
    one_line_error(kontext(home, "sessions", "delete", "seed", "--yes"), "no session named")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("answer", "kept"), [("n\n", True), ("\n", True), ("y\n", False)])
def test_delete_on_a_terminal_deletes_only_on_yes(home, answer: str, kept: bool) -> None:
    controller, terminal = os.openpty()
    env = {**os.environ, "KONTEXT_HOME": str(home), "NO_COLOR": "1"}
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "tui.cli", "sessions", "delete", "seed"],
            stdin=terminal,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env=env,
        )
        os.write(controller, answer.encode())
        stdout, stderr = proc.communicate(timeout=60)
    finally:
        os.close(controller)
        os.close(terminal)
    assert proc.returncode == 0, stderr
    assert b"Delete session 'seed'" in stdout
    assert (sessions_dir(home) / "seed.json").is_file() is kept


# -- export --------------------------------------------------------------------------------


def test_export_formats_are_the_exporters(home) -> None:
    if not has_export():
        pytest.skip("enrich.export is not there yet")
    from enrich.export import FORMATS
    from tui.cli.sessions import FORMATS as CLI_FORMATS

    assert CLI_FORMATS == FORMATS


def test_export_json_refuses_to_overwrite_unless_forced(home, tmp_path) -> None:
    if not has_export():
        pytest.skip("enrich.export is not there yet")
    target = tmp_path / "seed-export.json"
    target.write_text("mine")
    out = kontext(home, "sessions", "export", "seed", "--format", "json", "-o", str(target))
    one_line_error(out, "exists", "--force")
    assert target.read_text() == "mine"

    out = kontext(home, "sessions", "export", "seed", "-f", "json", "-o", str(target), "--force")
    assert out.returncode == 0, out.stderr
    assert json.loads(target.read_text("utf-8")) == json.loads(
        kontext(home, "sessions", "show", "seed", "--json").stdout
    )


def test_export_of_a_bad_format_or_a_missing_session_is_one_line(home, tmp_path) -> None:
    out = kontext(home, "sessions", "export", "seed", "--format", "pdf", "-o", "x.pdf")
    one_line_error(out, "invalid choice: 'pdf'")
    out = kontext(home, "sessions", "export", "ghost", "--format", "md", "-o", str(tmp_path / "g"))
    one_line_error(out, "no session named 'ghost'")
    assert not (tmp_path / "g").exists()


@pytest.mark.parametrize("fmt", ["csv", "md", "html", "anki"])
def test_export_without_o_names_the_file_after_the_session(home, tmp_path, fmt: str) -> None:
    if not has_export(fmt):
        pytest.skip(f"the {fmt} export is not there yet")
    env = {**os.environ, "KONTEXT_HOME": str(home)}
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "sessions", "export", "seed", "--format", fmt],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={**env, "PYTHONPATH": str(ROOT)},
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    suffix = {"csv": ".csv", "md": ".md", "html": ".html", "anki": ".apkg"}[fmt]
    assert (tmp_path / f"seed{suffix}").stat().st_size > 100


# -- annotate --save -----------------------------------------------------------------------


def test_save_of_another_article_under_a_used_name_needs_force(home) -> None:
    path = sessions_dir(home) / "seed.json"
    before = path.read_bytes()
    out = kontext(home, "annotate", "sample:en", "--model", "rules", "--save", "seed")
    one_line_error(out, "already holds another article", "--force")
    assert path.read_bytes() == before

    out = kontext(home, "annotate", "sample:en", "--model", "rules", "--save", "seed", "--force")
    assert out.returncode == 0, out.stderr
    assert store(home).load("seed").article.language == "en"
    assert (sessions_dir(home) / "seed.json~").read_bytes() == before


def test_saving_the_same_article_again_keeps_the_students_notes(home) -> None:
    s = store(home)
    session = s.load("seed")
    first = session.entities[0]
    session.notes[first.id] = EntityNote(entity_id=first.id, name=first.name, note="behalten")
    s.save(session)
    out = kontext(home, "annotate", "sample:de", "--model", "rules", "--save", "seed", "--json")
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["language"] == "de"  # stdout stays machine-readable
    assert "merged" in out.stderr
    again = s.load("seed")
    assert again.notes[first.id].note == "behalten"
    assert again.revision == session.revision + 2


def test_save_with_enrich_keeps_the_enrichment_for_offline_reading(tmp_path) -> None:
    out = kontext(
        tmp_path, "annotate", "sample:de", "--model", "rules", "--enrich", "--offline",
        "--save", "offline",
    )  # fmt: skip
    assert out.returncode == 0, out.stderr
    session = store(tmp_path).load("offline")
    assert set(session.enrichment) == {e.id for e in session.entities}
    glossed = [v for v in session.enrichment.values() if v.glossary]
    assert glossed and all(v.glossary and v.glossary.definition for v in glossed)


def test_a_hostile_save_name_stays_inside_the_sessions_dir(tmp_path) -> None:
    out = kontext(tmp_path, "annotate", "sample:en", "--model", "rules", "--save", "../../evil")
    assert out.returncode == 0, out.stderr
    files = {p.relative_to(tmp_path) for p in tmp_path.rglob("*.json")}
    cache = {f for f in files if f.parts[0] == "cache"}  # Kontext's own cache files
    assert files - cache == {Path("data/sessions/evil.json")}
    one_line_error(
        kontext(tmp_path, "annotate", "sample:en", "--model", "rules", "--save", ".."),
        "not a usable session name",
    )


def test_list_says_1_session_and_show_names_the_entity_read_last(home) -> None:
    s = store(home)
    session = s.load("seed")
    entity = annotation_of(session).entities[0]
    session.position.entity_id = entity.id
    s.save(session)

    listed = kontext(home, "sessions", "list")
    assert listed.returncode == 0, listed.stderr
    assert "1 session in " in listed.stdout and "1 sessions" not in listed.stdout

    shown = kontext(home, "sessions", "show", "seed")
    assert shown.returncode == 0, shown.stderr
    where = next(line for line in shown.stdout.splitlines() if "reading at character" in line)
    assert where.rstrip().endswith(f", at {entity.name}"), where
    assert entity.id not in shown.stdout
