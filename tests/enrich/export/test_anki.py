"""The Anki export, opened as the zip + SQLite collection it is."""

from __future__ import annotations

import html
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import lxml.html
import pytest

from enrich.export import render
from enrich.export.anki import FIELDS, MODEL_ID
from enrich.model import Annotation, Entity, Label, Mention
from enrich.session import Session, annotation_of, new_session
from enrich.text_clean import clean_text
from tests.enrich.export.conftest import FORMULA, NATO_NOTE, SCRIPT
from tests.helpers import make_article


class Collection:
    """The notes, cards and col row of an exported .apkg."""

    def __init__(self, data: bytes, tmp: Path) -> None:
        with zipfile.ZipFile(io.BytesIO(data)) as apkg:
            assert apkg.testzip() is None
            names = set(apkg.namelist())
            assert "collection.anki2" in names and "media" in names
            assert json.loads(apkg.read("media")) == {}
            (tmp / "collection.anki2").write_bytes(apkg.read("collection.anki2"))
        with sqlite3.connect(tmp / "collection.anki2") as db:
            self.notes = db.execute("SELECT id, guid, mid, mod, tags, flds FROM notes").fetchall()
            self.cards = db.execute("SELECT nid, did FROM cards").fetchall()
            models, decks = db.execute("SELECT models, decks FROM col").fetchone()
        self.models, self.decks = json.loads(models), json.loads(decks)

    def fields(self) -> list[dict[str, str]]:
        return [dict(zip(FIELDS, n[5].split("\x1f"), strict=True)) for n in self.notes]

    def by_name(self, name: str) -> dict[str, str]:
        return next(f for f in self.fields() if html.unescape(f["Name"]) == name)


def _open(session: Session, tmp: Path) -> Collection:
    tmp.mkdir(parents=True, exist_ok=True)
    return Collection(render(session, "anki"), tmp)


def _plain(field: str) -> str:
    return lxml.html.fragment_fromstring(field, create_parent="div").text_content()


def test_one_note_and_card_per_entity_in_one_deck(seed: Session, tmp_path: Path) -> None:
    col = _open(seed, tmp_path)
    names = sorted(html.unescape(f["Name"]) for f in col.fields())
    assert names == sorted(e.name for e in annotation_of(seed).entities)
    assert len(col.cards) == len(col.notes)
    assert {did for _, did in col.cards} == {int(d) for d in col.decks if d != "1"}
    assert {n[2] for n in col.notes} == {MODEL_ID}
    assert col.models[str(MODEL_ID)]["flds"][0]["name"] == "Context"


def test_front_is_the_sentence_with_the_name_emphasised(seed: Session, tmp_path: Path) -> None:
    front = _open(seed, tmp_path).by_name("Boris Pistorius")["Context"]
    assert "<b>Boris Pistorius</b>" in front
    assert _plain(front) == (
        "Verteidigungsminister Boris Pistorius besuchte zum Auftakt den Marinestützpunkt in Kiel."
    )


def test_fields_hold_the_notes_escaped_and_nothing_active(seed: Session, tmp_path: Path) -> None:
    col = _open(seed, tmp_path)
    nato = col.by_name("NATO")
    assert _plain(nato["Notes"].replace("<br>", "\n")).startswith(clean_text(NATO_NOTE))
    assert "#prüfung" in _plain(nato["Notes"])
    assert "Militärbündnis" in _plain(nato["Glossary"])
    assert "https://de.wikipedia.org/wiki/NATO" in nato["Wikipedia"]
    evil = col.by_name(SCRIPT)
    assert _plain(evil["Name"]) == SCRIPT
    assert _plain(col.by_name("Mallory")["Notes"].replace("<br>", "\n")) == f"{FORMULA}\nangreifbar"
    for f in col.fields():
        for value in f.values():
            tree = lxml.html.fragment_fromstring(value, create_parent="div")
            assert {el.tag for el in tree.iter()} <= {"div", "b", "br", "a"}
            assert all(a.get("href").startswith("https://") for a in tree.iter("a"))
            assert {k for el in tree.iter() for k in el.attrib} <= {"href"}
            assert "[" not in value  # no [sound:...] or [latex] from the text
            assert "\x1b" not in value


def test_reexport_updates_the_same_notes_instead_of_duplicating(
    seed: Session, tmp_path: Path
) -> None:
    first = _open(seed, tmp_path / "a")
    nato = next(e for e in annotation_of(seed).entities if e.name == "NATO")
    seed.notes[nato.id].note = "Neue Notiz"
    seed.updated = "2031-01-01T00:00:00+00:00"
    second = _open(seed, tmp_path / "b")
    assert {n[1] for n in first.notes} == {n[1] for n in second.notes}
    assert len({n[1] for n in first.notes}) == len(first.notes)
    assert first.decks.keys() == second.decks.keys()
    assert second.by_name("NATO")["Notes"].startswith("Neue Notiz<br>")
    # Anki replaces a note with the same guid when the imported one is newer.
    assert min(n[3] for n in second.notes) > max(n[3] for n in first.notes)


def test_an_unchanged_session_exports_identical_bytes(seed: Session) -> None:
    assert render(seed, "anki") == render(seed, "anki")


@pytest.mark.parametrize("title", ["Zeitung::Politik", ""])
def test_the_deck_is_named_after_the_article(seed: Session, tmp_path: Path, title: str) -> None:
    seed.article.title = title
    decks = _open(seed, tmp_path).decks
    names = {d["name"] for key, d in decks.items() if key != "1"}
    assert names == {"Kontext::Zeitung:Politik" if title else "Kontext::seed"}


def test_a_long_sentence_is_cut_around_the_name(tmp_path: Path) -> None:
    words = " ".join(f"Wort{i}" for i in range(120))
    text = f"Kurz davor. {words} und dann Yonhap {words} am Ende. Danach mehr."
    start = text.index("Yonhap")
    mention = Mention(start, start + 6, "Yonhap", Label.ORG, "model")
    annotation = Annotation(
        make_article(text, "de"), "test", (Entity("org-yonhap", "Yonhap", Label.ORG, (mention,)),)
    )
    front = _open(new_session("lang", annotation), tmp_path).by_name("Yonhap")["Context"]
    plain = _plain(front)
    assert plain.startswith("…Wort") and plain.endswith("…")
    assert "<b>Yonhap</b>" in front and len(plain) <= 302
    assert "Kurz davor" not in plain and "Danach" not in plain


def test_offline_cards_carry_the_sections_of_the_markdown_export(tmp_path: Path) -> None:
    """No Wikipedia: glossary and facts still reach the back of every card that has them."""
    import re

    from enrich import annotate
    from enrich.enricher import Enricher
    from enrich.export.view import export_view, sections
    from tui.cli.read_options import sample_path

    text = Path(sample_path("de")).read_text(encoding="utf-8")
    session = new_session("offline", annotate(make_article(text, "de", title="Ostsee")))
    enricher = Enricher(offline=True, wikipedia=False)
    try:
        cards = enricher.enrich(annotation_of(session))
    finally:
        enricher.close()
    for entity_id, card in cards.items():
        session.enrichment[entity_id] = card.card()
    view = export_view(session)
    with_facts = [e for e in view.entities if e.facts]
    assert with_facts and any(e.definition for e in view.entities)

    markdown = render(session, "md").decode()
    col = _open(session, tmp_path)
    for e in view.entities:
        back = col.by_name(e.name)
        shown = {name for name in ("Glossary", "Wikipedia", "Facts", "Notes") if back[name]}
        md_part = markdown.split(f"### {e.number}. ", 1)[1].split("\n### ", 1)[0]
        in_markdown = set(re.findall(r"^\*\*(Glossary|Facts|Wikipedia)[:*]", md_part, re.M))
        assert shown == in_markdown == {s.title for s in sections(e)}, e.name
        for name, value in e.facts:
            assert f"{name}: {value}" in html.unescape(back["Facts"])
