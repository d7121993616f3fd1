"""A realistic session to export: the bundled sample article annotated by the bundled
model, enriched over real HTTP from the loopback fake wiki, then edited like a
student would (notes, tags, bookmarks, corrections) with hostile text throughout."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import msgspec
import pytest

from enrich import annotate
from enrich.card import Card
from enrich.enricher import Enricher
from enrich.model import Annotation, Entity
from enrich.session import Bookmark, Correction, EntityNote, Session, annotation_of, new_session
from tests.fakewiki.server import FakeWiki
from tests.helpers import make_article
from tui.cli.read_options import sample_path

SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"
OSC52 = "\x1b]52;c;ZWNobyBwd25lZA==\x07"
# A paragraph a hostile source (or a hand-edited session) could hold: markup,
# Rich markup, quotes, a terminal escape that writes the clipboard, a formula.
HOSTILE_PARAGRAPH = (
    f'Der Bericht von {SCRIPT} nennt [bold]Mallory[/bold] und "Eve" {OSC52}als Quelle; '
    f"die Tabelle enthält {FORMULA} und <img src=x onerror=alert(2)>."
)
NATO_NOTE = (
    f'Militärbündnis, "wichtig" {SCRIPT}\n'
    f"{OSC52}[bold]fett[/bold] [klick](javascript:alert(3)) <img src=x onerror=alert(4)>\n"
    "# keine Überschrift\n- keine Liste\n1. keine Aufzählung"
)
BOOKMARK_NOTE = f'Prüfungsrelevant & "zitierbar" {SCRIPT}'
ORPHAN_NOTE = "Schweden war gar nicht gemeint <b>gelöscht</b>"


def _find(annotation: Annotation, name: str) -> Entity:
    return next(e for e in annotation.entities if e.name == name)


def _build(api_url: str) -> Session:
    sample = Path(sample_path("de")).read_text(encoding="utf-8").rstrip("\n")
    text = f"{sample}\n\n{HOSTILE_PARAGRAPH}"
    # Built directly, not via load_article, so the escape survives into the
    # session text as it would in a hand-edited session file.
    article = make_article(text, "de", title=f'Großmanöver "Ostsee" {SCRIPT}')
    session = new_session("seed", annotate(article))
    base = annotation_of(session)
    schweden, kiel = _find(base, "Schweden"), _find(base, "Kiel")
    s_first, k_first = schweden.mentions[0], kiel.mentions[0]
    for surface, label in ((SCRIPT, "MISC"), (FORMULA, "MISC"), ("Mallory", "PER")):
        start = text.index(surface)
        session.corrections.append(
            Correction(op="add", start=start, end=start + len(surface), text=surface, label=label)
        )
    session.corrections += [
        Correction(op="reject", start=s_first.start, end=s_first.end, text=s_first.text),
        Correction(
            op="relabel", start=k_first.start, end=k_first.end, text=k_first.text, label="ORG"
        ),
    ]
    shown = annotation_of(session)
    nato = _find(shown, "NATO")
    session.notes[nato.id] = EntityNote(
        entity_id=nato.id, name="NATO", label="ORG", note=NATO_NOTE, tags=["prüfung", "=1+1"]
    )
    session.notes[schweden.id] = EntityNote(
        entity_id=schweden.id, name="Schweden", label="LOC", note=ORPHAN_NOTE, tags=["weg"]
    )
    mallory = _find(shown, "Mallory")
    session.notes[mallory.id] = EntityNote(
        entity_id=mallory.id, name="Mallory", label="PER", note=f"{FORMULA}\nangreifbar"
    )
    pistorius = _find(shown, "Boris Pistorius").mentions[0]
    start = text.index("Verteidigungsminister")
    session.bookmarks += [
        # Starts before a mention and ends inside another: highlights cross marks.
        Bookmark(
            id="bm-1",
            start=start,
            end=pistorius.start + 5,
            quote=text[start : pistorius.start + 5],
            note=BOOKMARK_NOTE,
        ),
        Bookmark(
            id="bm-2",
            start=text.index("Der Bericht"),
            end=text.index("als Quelle"),
            quote=text[text.index("Der Bericht") : text.index("als Quelle")],
            note="",
        ),
    ]
    with Enricher(api_url=api_url) as enricher:
        cards = enricher.enrich(shown)
    raw = {eid: card.to_json() for eid, card in cards.items()}
    # A hand-edited file: a Wikipedia summary with markup and links that must not work.
    polen = _find(shown, "Polen").id
    raw[polen]["wikipedia"] = {
        "title": 'Polen "Staat"',
        "summary": "Polen <img src=x onerror=alert(5)> [x](javascript:alert(6))",
        "description": 'Staat in <b>Mitteleuropa</b>" onmouseover="alert(8)',  # an attribute
        "url": "javascript:alert(7)",
    }
    raw[_find(shown, "Russland").id]["wikipedia"]["url"] = "http://plain.example/"
    session.enrichment = {eid: msgspec.convert(card, Card) for eid, card in raw.items()}
    return session


@pytest.fixture(scope="session")
def _seed_session(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Session]:
    server = FakeWiki().start()
    try:
        with pytest.MonkeyPatch.context() as mp:
            mp.setenv("KONTEXT_HOME", str(tmp_path_factory.mktemp("kontext-home")))
            yield _build(server.api_url)
    finally:
        server.stop()


@pytest.fixture
def seed(_seed_session: Session) -> Session:
    """A fresh copy per test, so a test may edit it."""
    return msgspec.json.decode(msgspec.json.encode(_seed_session), type=Session)
