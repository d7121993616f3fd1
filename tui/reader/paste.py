"""One paste, cleaned and bounded once, before any text field sees it.

A terminal delivers a bracketed paste as one ``events.Paste``. Handed to a
field as it is, 2 MB full of escape sequences kept the reader busy for
minutes: every later keystroke re-wrapped (TextArea) or re-filtered (the
entity list) the whole text. So the app cleans the text once
(``clean_text``: escapes and control characters out) and keeps at most what a
field can use: a note or definition up to ``AREA_LIMIT`` characters, a
one-line field (search, filter, tags, file name) up to ``LINE_LIMIT`` of its
first line. When text is cut, one notice says how much was kept.
"""

from __future__ import annotations

from enrich.text_clean import clean_text
from tui.ui_text import tr

AREA_LIMIT = 20_000  # characters a note or definition keeps from one paste
LINE_LIMIT = 500  # characters a one-line field keeps (the first line only)
# Cleaning removes escapes, so the raw text read may be longer than the limit;
# reading at most this many times the limit bounds the work for any paste.
_RAW_FACTOR = 8


def bounded_paste(raw: str, *, multiline: bool) -> tuple[str, int]:
    """(the text to insert, how many characters of the cleaned paste were dropped).

    The dropped count is a lower bound when the paste was longer than the part
    read; it is 0 only when everything was kept.
    """
    limit = AREA_LIMIT if multiline else LINE_LIMIT
    read = raw[: limit * _RAW_FACTOR]
    text = clean_text(read)
    if not multiline:
        text = text.split("\n", 1)[0]
    kept = text[:limit]
    dropped = len(text) - len(kept) + (len(raw) - len(read))
    return kept, dropped


def cut_notice(kept: str, multiline: bool) -> str:
    limit = AREA_LIMIT if multiline else LINE_LIMIT
    template = (
        "Pasted text was cut to {kept:,} characters (a note keeps at most {limit:,} "
        "from one paste)."
        if multiline
        else "Pasted text was cut to {kept:,} characters (a one-line field keeps at most "
        "{limit:,} from one paste)."
    )
    return tr(template, kept=len(kept), limit=limit)
