"""Hostile session files through every export and the sessions CLI, plus fuzzed sessions.

A session file is untrusted (hand-edited, sent by someone): its article text,
title, notes, tags, bookmarks and stored Wikipedia cards may hold markup,
HTML, terminal escapes, bidi overrides, zero-width characters, spreadsheet
formulas and javascript: links. Every export must come out without control
characters, without active HTML and without formula cells, and the sessions
CLI must print it literally.
"""

from __future__ import annotations

import csv
import io
import re
import sqlite3
import tempfile
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrich.export import FORMATS, render
from enrich.model import Annotation, Entity, Label, Mention
from enrich.session import Bookmark, EntityNote, Session, SessionStore, new_session
from enrich.session.codec import encode
from tests.helpers import make_article
from tests.robustness.hostile import kontext, leaked_payloads, unsafe_chars
from tests.robustness.hostile_session import hostile_session


def text_exports(session: Session) -> dict[str, str]:
    # utf-8-sig: the CSV starts with a BOM on purpose (spreadsheets then read UTF-8).
    return {fmt: render(session, fmt).decode("utf-8-sig") for fmt in ("md", "html", "csv", "json")}


def anki_fields(data: bytes) -> list[str]:
    with zipfile.ZipFile(io.BytesIO(data)) as apkg, tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "collection.anki2"
        path.write_bytes(apkg.read("collection.anki2"))
        with sqlite3.connect(path) as db:
            return [flds for (flds,) in db.execute("SELECT flds FROM notes")]


def assert_inert_html(page: str) -> None:
    assert "<script" not in page.lower()
    assert not re.search(r"<[^>]*\son\w+\s*=", page, re.IGNORECASE), "no event handler attributes"
    assert "javascript:" not in page.lower().replace("javascript:alert(3)", "")  # only as text
    for href in re.findall(r'href="([^"]*)"', page):
        assert href.startswith(("#", "https://")), href


def test_every_export_of_a_hostile_session_is_clean_and_inert() -> None:
    session = hostile_session()
    out = text_exports(session)
    for fmt in ("md", "html", "csv"):
        assert not unsafe_chars(out[fmt].replace("\r\n", "\n")), fmt
        assert not leaked_payloads(out[fmt]), fmt
    assert "\x1b" not in out["json"]  # JSON escapes what it keeps: \u001b, never a raw ESC
    assert_inert_html(out["html"])
    assert "&lt;script&gt;" in out["html"]  # the text is there, escaped
    # Markdown: every "<" of the text is escaped ("\\<script\\>"), so nothing is raw HTML.
    assert not re.search(r"(?<!\\)<[A-Za-z/!]", out["md"])
    assert "\\<script\\>" in out["md"]
    assert not re.search(r"(?<!\\)\]\(javascript:", out["md"])  # "\\[x\\](…)" is no link
    for row in csv.reader(io.StringIO(out["csv"])):
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    fields = anki_fields(render(session, "anki"))
    assert fields
    for field in fields:
        assert "<script" not in field.lower() and not unsafe_chars(field.replace("\x1f", ""))


def test_sessions_cli_prints_a_hostile_session_literally(kontext_home: Path) -> None:
    store = SessionStore(kontext_home / "data" / "sessions")
    path = store.path("feind")
    path.parent.mkdir(parents=True)
    path.write_bytes(encode(hostile_session()))  # as if someone sent the file
    env = {"KONTEXT_HOME": str(kontext_home)}
    for args in (("sessions", "list"), ("sessions", "show", "feind")):
        run = kontext(*args, env=env)
        assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
        assert "feind" in run.stdout
        assert not unsafe_chars(run.stdout + run.stderr), args
        assert not leaked_payloads(run.stdout + run.stderr), args
    exported = kontext("sessions", "export", "feind", "--format", "md", "-o", "-", env=env)
    assert exported.returncode == 0, exported.stderr
    assert "NATO" in exported.stdout and not unsafe_chars(exported.stdout)


# --- fuzzing ---------------------------------------------------------------------------

FUZZ = settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
any_text = st.text(max_size=80)


@st.composite
def sessions(draw: st.DrawFn) -> Session:
    """A session over a random article, with random mentions, notes, tags and bookmarks."""
    text = draw(st.text(min_size=1, max_size=300))
    article = make_article(text, "de", title=draw(any_text))
    if not article.paragraphs:
        article = make_article(text + "\nx", "de", title=article.title)
        text = article.text
    entities = []
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=8))))
    for i, (start, end) in enumerate(zip(cuts[::2], cuts[1::2], strict=False)):
        if start == end:
            continue
        label = draw(st.sampled_from(list(Label)))
        mention = Mention(start, end, text[start:end], label, "model")
        entities.append(Entity(f"e{i}", draw(any_text) or "x", label, (mention,)))
    session = new_session(
        draw(st.text(min_size=1, max_size=20)), Annotation(article, "fuzz", tuple(entities))
    )
    for entity in entities:
        if draw(st.booleans()):
            session.notes[entity.id] = EntityNote(
                entity_id=entity.id,
                name=entity.name,
                note=draw(any_text),
                tags=draw(st.lists(st.text(max_size=10), max_size=3)),
            )
    start = draw(st.integers(0, len(text)))
    end = draw(st.integers(start, len(text)))
    session.bookmarks.append(
        Bookmark(id="b", start=start, end=end, quote=text[start:end], note=draw(any_text))
    )
    return session


@FUZZ
@given(session=sessions())
def test_any_session_saves_and_loads_back_identically(
    tmp_path_factory: pytest.TempPathFactory, session: Session
) -> None:
    store = SessionStore(tmp_path_factory.mktemp("sessions"))
    name = "fuzz"
    session.name = name
    saved = store.save(session)
    loaded = SessionStore(store.root).load(name)
    assert encode(loaded) == encode(saved)
    assert loaded.notes == session.notes and loaded.bookmarks == session.bookmarks
    assert loaded.article.text == session.article.text


@FUZZ
@given(session=sessions())
def test_any_session_exports_in_every_format_without_controls(session: Session) -> None:
    for fmt in FORMATS:
        data = render(session, fmt)
        assert data
        if fmt in ("md", "html", "csv"):
            out = data.decode("utf-8-sig")
            assert not unsafe_chars(out.replace("\r\n", "\n")), fmt
            if fmt == "html":
                assert_inert_html(out)


def test_sessions_list_json_escapes_hostile_titles(kontext_home: Path) -> None:
    store = SessionStore(kontext_home / "data" / "sessions")
    path = store.path("feind")
    path.parent.mkdir(parents=True)
    path.write_bytes(encode(hostile_session()))
    run = kontext("sessions", "list", "--json", env={"KONTEXT_HOME": str(kontext_home)})
    assert run.returncode == 0 and "feind" in run.stdout
    assert not unsafe_chars(run.stdout), sorted(unsafe_chars(run.stdout))
