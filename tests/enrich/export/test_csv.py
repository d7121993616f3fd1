"""The CSV export, parsed back with the csv module."""

from __future__ import annotations

import csv
import io

from enrich.export import render
from enrich.export.csv_table import COLUMNS
from enrich.session import Session, annotation_of
from enrich.text_clean import clean_text
from tests.enrich.export.conftest import BOOKMARK_NOTE, FORMULA, NATO_NOTE, ORPHAN_NOTE

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _rows(session: Session) -> list[dict[str, str]]:
    data = render(session, "csv")
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs to read UTF-8
    reader = csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_one_row_per_entity_with_its_counts_and_notes(seed: Session) -> None:
    rows = _rows(seed)
    entities = [r for r in rows if r["kind"] == "entity"]
    shown = annotation_of(seed).entities
    assert sorted(r["id"] for r in entities) == sorted(e.id for e in shown)
    by_id = {r["id"]: r for r in entities}
    for e in shown:
        assert by_id[e.id]["mentions"] == str(len(e.direct_mentions))
        assert by_id[e.id]["label"] == str(e.label)
    nato = next(r for r in entities if r["name"] == "NATO")
    assert nato["note"] == clean_text(NATO_NOTE)
    assert nato["wikipedia_url"] == "https://de.wikipedia.org/wiki/NATO"
    assert nato["glossary_definition"].startswith("Militärbündnis")
    assert nato["tags"] == "prüfung; =1+1"  # not a formula: it does not start the cell


def test_orphaned_notes_and_bookmarks_have_their_own_rows(seed: Session) -> None:
    rows = _rows(seed)
    orphans = [r for r in rows if r["kind"] == "note"]
    assert [(r["name"], r["note"]) for r in orphans] == [("Schweden", ORPHAN_NOTE)]
    bookmarks = [r for r in rows if r["kind"] == "bookmark"]
    assert [r["id"] for r in bookmarks] == ["bm-1", "bm-2"]
    assert bookmarks[0]["note"] == BOOKMARK_NOTE
    assert bookmarks[0]["start"] == str(seed.bookmarks[0].start)


def test_formula_cells_are_neutralised(seed: Session) -> None:
    rows = _rows(seed)
    cells = [v for r in rows for v in r.values()]
    assert not [c for c in cells if c.lstrip(" ").startswith(FORMULA_START)]
    added = next(r for r in rows if r["id"].startswith("misc-cmd"))
    assert added["name"] == "'" + FORMULA  # the text is kept, behind an apostrophe
    mallory = next(r for r in rows if r["name"] == "Mallory")
    assert mallory["note"] == f"'{FORMULA}\nangreifbar"
