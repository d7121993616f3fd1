"""CSV export: one row per entity, then orphaned notes and bookmarks.

A ``kind`` column ("entity", "note", "bookmark") keeps everything in one
sheet. Encoding is UTF-8 *with* a byte-order mark: Excel reads a CSV without
one in the system's legacy code page and mangles umlauts, while Python
(``encoding="utf-8-sig"``), LibreOffice, pandas and R all accept the BOM.
Cells that a spreadsheet would run as a formula are neutralised.
"""

from __future__ import annotations

import csv
import io

from enrich.export.view import ExportView

COLUMNS = (
    "kind",
    "id",
    "name",
    "label",
    "mentions",
    "aliases",
    "glossary_definition",
    "wikipedia_title",
    "wikipedia_summary",
    "wikipedia_url",
    "note",
    "tags",
    "start",
    "end",
)
# A cell starting with one of these is a formula (or DDE call) in Excel,
# LibreOffice or Google Sheets; tab and CR as well (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")


def neutralise(cell: str) -> str:
    """``cell`` made inert: a leading apostrophe shows as text, not as a formula."""
    if cell.lstrip(" ").startswith(_FORMULA_START):
        return "'" + cell
    return cell


def _row(**values: object) -> list[str]:
    return [neutralise(str(values.get(c, ""))) for c in COLUMNS]


def render_csv(view: ExportView) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # RFC 4180
    writer.writerow(COLUMNS)
    for e in view.entities:
        writer.writerow(
            _row(
                kind="entity",
                id=e.id,
                name=e.name,
                label=e.label,
                mentions=e.mentions,
                aliases="; ".join(e.aliases),
                glossary_definition=e.definition,
                wikipedia_title=e.wiki_title,
                wikipedia_summary=e.wiki_summary,
                wikipedia_url=e.wiki_url,
                note=e.note,
                tags="; ".join(e.tags),
                start=e.first.start if e.first else "",
                end=e.first.end if e.first else "",
            )
        )
    for n in view.orphans:
        writer.writerow(
            _row(
                kind="note",
                id=n.entity_id,
                name=n.name,
                label=n.label,
                mentions=0,
                note=n.note,
                tags="; ".join(n.tags),
            )
        )
    for b in view.bookmarks:
        writer.writerow(
            _row(kind="bookmark", id=b.id, name=b.quote, note=b.note, start=b.start, end=b.end)
        )
    return out.getvalue().encode("utf-8-sig")
