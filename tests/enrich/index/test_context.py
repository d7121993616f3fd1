"""A Wikipedia choice carries over only to a similar context: two earlier articles chose
different pages for "JCS"; a third picks the one whose words match, an unrelated one
none (real sessions, real index file; texts we wrote)."""

from __future__ import annotations

from pathlib import Path

from enrich.index import EntityIndex
from enrich.index.context import SIMILAR, context_bag, similarity
from enrich.index.extract import entity_context
from enrich.model import Annotation, Entity, Label, Mention
from enrich.session import SessionStore, new_session
from tests.helpers import make_article

KOREA_PAGE = "Vereinigter Generalstab (Südkorea)"
CHEM_PAGE = "Journal of Chemical Sciences"
KOREA_1 = (
    "Der Vereinigte Generalstab Südkoreas (JCS) meldete am Montag den Start zweier Raketen "
    "aus Nordkorea. Nach Angaben des JCS flogen die Raketen rund 400 Kilometer weit und "
    "stürzten ins Japanische Meer. Das Militär in Seoul erhöhte die Bereitschaft an der Grenze."
)
CHEM_1 = (
    "Eine Studie im Journal of Chemical Sciences (JCS) beschreibt einen neuen Katalysator für "
    "die Spaltung von Wasser. Die Chemiker veröffentlichten im JCS auch Messungen aus dem "
    "Labor. Der Katalysator soll Wasserstoff billiger machen."
)
KOREA_2 = (
    "Nordkorea hat erneut Raketen getestet, teilte der JCS in Seoul mit. Der JCS verfolgte "
    "den Flug der Raketen über das Meer. Das Militär bleibt an der Grenze in Bereitschaft."
)
CHEM_2 = (
    "Im JCS erschien eine Arbeit über Katalysatoren aus Eisen. Laut JCS gelang den Chemikern "
    "im Labor eine schnellere Spaltung von Wasser."
)
OTHER = (
    "Der JCS gewann am Samstag das Pokalfinale im Handball. Die Fans feierten den Trainer "
    "des JCS bis in die Nacht."
)


def _annotation(text: str, title: str) -> Annotation:
    starts = [i for i in range(len(text)) if text.startswith("JCS", i)]
    mentions = tuple(Mention(i, i + 3, "JCS", Label.ORG, "model") for i in starts)
    article = make_article(text, "de", title=title)
    return Annotation(article, "hand-made", (Entity("org-jcs", "JCS", Label.ORG, mentions),))


def _save(store: SessionStore, name: str, text: str, page: str, created: str) -> None:
    session = new_session(name, _annotation(text, name.title()))
    session.created = created
    session.wiki_choices["org-jcs"] = page
    store.save(session)


def _context(text: str) -> dict[str, int]:
    return entity_context(text, _annotation(text, "x").entities[0])


def test_the_context_is_the_content_words_around_the_mentions() -> None:
    bag = _context(KOREA_1)
    assert {"rakete", "nordko", "seoul", "militä"} <= bag.keys()
    assert "jcs" not in bag and "der" not in bag and "nach" not in bag
    assert bag["rakete"] == 2  # "Raketen" twice
    assert len(context_bag(KOREA_1 * 20, [(0, 3)], top=5)) == 5


def test_the_most_similar_earlier_choice_is_carried_and_an_unrelated_one_is_not(
    home: Path,
) -> None:
    store = SessionStore()
    # the chemistry choice is the newer one: a choice by date alone would pick it
    _save(store, "korea", KOREA_1, KOREA_PAGE, "2026-11-02T08:00:00+00:00")
    _save(store, "chemie", CHEM_1, CHEM_PAGE, "2026-11-09T08:00:00+00:00")
    with EntityIndex.open(store=store) as index:
        korea = index.wiki_choice_for("JCS", "now", context=_context(KOREA_2))
        chem = index.wiki_choice_for("JCS", "now", context=_context(CHEM_2))
        other = index.wiki_choice_for("JCS", "now", context=_context(OTHER))
        latest = index.wiki_choice_for("JCS", "now")
    assert korea is not None and (korea.title, korea.session) == (KOREA_PAGE, "korea")
    assert korea.similarity >= SIMILAR
    assert chem is not None and chem.title == CHEM_PAGE
    assert other is None
    assert latest is not None and latest.title == CHEM_PAGE  # no context: the latest


def test_the_scores_on_our_texts_leave_a_gap_around_the_threshold() -> None:
    """How SIMILAR was chosen: same story above it, another subject below it."""
    same = [(KOREA_1, KOREA_2), (CHEM_1, CHEM_2)]
    apart = [(KOREA_1, CHEM_2), (CHEM_1, KOREA_2), (KOREA_1, OTHER), (CHEM_1, OTHER)]
    assert min(similarity(_context(a), _context(b)) for a, b in same) >= SIMILAR
    assert max(similarity(_context(a), _context(b)) for a, b in apart) < SIMILAR


def test_an_index_from_before_the_contexts_is_rebuilt_with_them(home: Path) -> None:
    """Version 1 had no context column: opening migrates and makes the rows again."""
    import sqlite3

    store = SessionStore()
    _save(store, "korea", KOREA_1, KOREA_PAGE, "2026-11-02T08:00:00+00:00")
    with EntityIndex.open(store=store) as index:
        path = index.path
    db = sqlite3.connect(path)
    db.execute("DROP INDEX sightings_choices")  # keep the drop simple: no index uses it
    db.execute("ALTER TABLE sightings DROP COLUMN context")
    db.execute("PRAGMA user_version = 1")
    db.commit()
    db.close()
    with EntityIndex.open(store=store) as index:
        choice = index.wiki_choice_for("JCS", "now", context=_context(KOREA_2))
    assert choice is not None and choice.title == KOREA_PAGE
