"""Anki export: an ``.apkg`` with one note per entity, made with genanki.

Front: the sentence of the entity's first mention, the name in bold. Back:
label, then the sections every export shows (``view.sections``): glossary
definition, Wikipedia summary, facts and the student's notes.

Ids are stable so that importing a re-export *updates* the cards: the note
type id is a constant, the deck id derives from the article's hash, and each
note's guid from (article hash, entity id). Anki replaces a note with the same
guid when the imported one is newer, so note times come from the session's
``updated`` stamp (which also makes the file byte-identical for an unchanged
session). Fields are HTML in Anki: everything is escaped, and "[" too, so text
cannot smuggle in ``[sound:...]`` or ``[latex]`` tags.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import re
import sqlite3
import tempfile
import time
import zipfile
from datetime import datetime
from html import escape
from pathlib import Path

import genanki

from enrich.export.sentence import context_of
from enrich.export.view import LABEL_NAMES, EntityView, ExportView, Section, sections
from enrich.session.model import Session, text_hash


def stable_id(name: str) -> int:
    """An Anki id in genanki's recommended range [2**30, 2**31), derived from ``name``."""
    digest = int.from_bytes(hashlib.sha256(name.encode("utf-8")).digest()[:8], "big")
    return (1 << 30) + digest % (1 << 30)


# Bump the version in the name when fields or templates change: Anki keeps a
# note type's old templates when it imports one with a known id.
MODEL_ID = stable_id("kontext.anki.entity-note.v2")  # v2: the Facts field

_CSS = """
.card { font-family: system-ui, sans-serif; font-size: 20px; line-height: 1.5;
        color: #1d1d1f; background: #fdfdfb; text-align: left; }
.nightMode.card, .night_mode .card { color: #e8e8ea; background: #17171a; }
.context b { background: #feca74; color: #1d1d1f; padding: 0 .2em; border-radius: .2em; }
.name { font-size: 1.2em; font-weight: 700; }
.label { font-size: .7em; font-weight: 700; letter-spacing: .04em; opacity: .75; }
.section { margin-top: .8em; } .section-title { font-size: .75em; opacity: .7; }
.source { margin-top: 1.2em; font-size: .7em; opacity: .6; }
"""

_FRONT = '<div class="context">{{Context}}</div>'
_BACK = (
    "{{FrontSide}}<hr id=answer>"
    '<div class="name">{{Name}} <span class="label">{{Label}}</span></div>'
    '{{#Glossary}}<div class="section"><div class="section-title">Glossary</div>'
    "{{Glossary}}</div>{{/Glossary}}"
    '{{#Wikipedia}}<div class="section"><div class="section-title">Wikipedia</div>'
    "{{Wikipedia}}</div>{{/Wikipedia}}"
    '{{#Facts}}<div class="section"><div class="section-title">Facts</div>'
    "{{Facts}}</div>{{/Facts}}"
    '{{#Notes}}<div class="section"><div class="section-title">My notes</div>'
    "{{Notes}}</div>{{/Notes}}"
    '<div class="source">{{Source}}</div>'
)
FIELDS = ("Context", "Name", "Label", "Glossary", "Wikipedia", "Facts", "Notes", "Source")


def _model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        "Kontext entity (v2)",
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Name in context", "qfmt": _FRONT, "afmt": _BACK}],
        css=_CSS,
        sort_field_index=FIELDS.index("Name"),
    )


def field(text: str) -> str:
    """Plain text as an Anki field: HTML-escaped, "[" neutralised, newlines as <br>."""
    return escape(text, quote=True).replace("[", "&#91;").replace("\n", "<br>")


def _wikipedia(s: Section) -> str:
    html = f"<b>{field(s.heading)}</b>"
    if s.description:
        html += f" — {field(s.description)}"
    if s.text:
        html += f"<br>{field(s.text)}"
    if s.url:
        html += f'<br><a href="{field(s.url)}">{field(s.url)}</a>'
    return html


def _back_fields(e: EntityView) -> dict[str, str]:
    """The back's fields from the sections every export shows (note and tags share one)."""
    fields = dict.fromkeys(("Glossary", "Wikipedia", "Facts", "Notes"), "")
    notes: list[str] = []
    for s in sections(e):
        if s.kind == "wikipedia":
            fields["Wikipedia"] = _wikipedia(s)
        elif s.kind == "note":
            notes.append(field(s.text))
        elif s.kind == "tags":
            notes.append(field(" ".join(f"#{t}" for t in s.items)))
        else:
            fields[s.title] = field(s.text)
    fields["Notes"] = "<br>".join(notes)
    return fields


def _tags(e: EntityView) -> list[str]:
    """Anki tags cannot hold spaces; the student's tags keep their words joined by "_"."""
    tags = ["kontext", e.label.lower(), *("_".join(t.split()) for t in e.tags)]
    return list(dict.fromkeys(t for t in tags if t))


def _note(view: ExportView, e: EntityView, article_hash: str) -> genanki.Note:
    before, name, after = context_of(view, e)
    source = " · ".join(x for x in (view.title, view.source) if x)
    label = f"{e.label} · {LABEL_NAMES.get(e.label, e.label)}"
    fields = {
        "Context": f"{field(before)}<b>{field(name or e.name)}</b>{field(after)}",
        "Name": field(e.name),
        "Label": field(label),
        **_back_fields(e),
        "Source": field(source),
    }
    return genanki.Note(
        model=_model(),
        fields=[fields[f] for f in FIELDS],
        tags=_tags(e),
        guid=genanki.guid_for(article_hash, e.id),
    )


def _timestamp(session: Session) -> float:
    for stamp in (session.updated, session.created):
        try:
            return datetime.fromisoformat(stamp).timestamp()
        except (TypeError, ValueError):
            continue
    return time.time()  # no usable stamp: "now" still lets the import update older cards


def deck_name(view: ExportView) -> str:
    title = view.title or view.session_name or "article"
    return "Kontext::" + re.sub(r":{2,}", ":", title)  # "::" would nest decks


def render_anki(view: ExportView, session: Session) -> bytes:
    article_hash = view.sha256 or text_hash(view.text)
    deck = genanki.Deck(stable_id("kontext.anki.deck:" + article_hash), deck_name(view))
    for e in view.entities:
        deck.add_note(_note(view, e, article_hash))
    return package_bytes(deck, _timestamp(session))


def package_bytes(deck: genanki.Deck, stamp: float) -> bytes:
    """The ``.apkg`` of ``deck`` with every note stamped ``stamp`` (same input, same bytes)."""
    package = genanki.Package(deck)
    # genanki's write_to_file leaves its SQLite file behind in the system temp
    # dir and stamps the zip with the current time; build the zip ourselves.
    with tempfile.TemporaryDirectory(prefix="kontext-anki-") as tmp:
        db_path = Path(tmp) / "collection.anki2"
        conn = sqlite3.connect(db_path)
        try:
            package.write_to_db(conn.cursor(), stamp, itertools.count(int(stamp * 1000)))
            conn.commit()
        finally:
            conn.close()
        database = db_path.read_bytes()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as apkg:
        for name, data in (("collection.anki2", database), ("media", b"{}")):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            apkg.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
