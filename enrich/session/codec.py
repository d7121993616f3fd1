"""Session <-> the bytes of its JSON file.

The file is meant to be read by people (indented, UTF-8, keys in schema
order), and it is untrusted on the way in: it may be truncated, hand-edited,
from a newer Kontext or not a session at all. ``decode`` turns each of these
into a ``SessionError`` whose message says why, and checks the offsets the
reader and the exports slice the article with.
"""

from __future__ import annotations

from typing import Any

import msgspec

from enrich.card import Card, card_from
from enrich.errors import SessionError
from enrich.messages import NESTED_TOO_DEEPLY
from enrich.session.migrate import migrate
from enrich.session.model import Session

_encoder = msgspec.json.Encoder()


def encode(session: Session) -> bytes:
    """Indented JSON ending in a newline: diffs and hand edits stay readable."""
    return msgspec.json.format(_encoder.encode(session), indent=2) + b"\n"


def decode(data: bytes) -> Session:
    """Parse, migrate and check a session file's bytes; ``SessionError`` says what is wrong."""
    try:
        raw: Any = msgspec.json.decode(data)
    except msgspec.DecodeError as exc:
        raise SessionError(f"it is corrupt ({_one_line(exc)})") from exc
    except RecursionError as exc:  # msgspec stops at its depth limit this way
        raise SessionError(NESTED_TOO_DEEPLY) from exc
    if not isinstance(raw, dict):
        raise SessionError(f"it is not a session (a JSON {type(raw).__name__}, not an object)")
    raw = migrate(raw)
    raw["enrichment"] = _cards(raw.get("enrichment"))
    try:
        session = msgspec.convert(raw, Session)
    except msgspec.ValidationError as exc:
        raise SessionError(f"it has the wrong shape ({_one_line(exc)})") from exc
    check(session)
    return session


def _cards(raw: object) -> dict[str, Card]:
    """The saved cards decoded once; a hand-edited card of the wrong shape is left out.

    A card is a cache of what was shown (the reader looks it up again), so one
    bad card is no reason to refuse the student's notes.
    """
    if not isinstance(raw, dict):
        return {}
    cards = {}
    for entity_id, value in raw.items():
        card = card_from(value) if isinstance(entity_id, str) else None
        if card is not None:
            cards[entity_id] = card
    return cards


def check(session: Session) -> None:
    """Every offset lies inside the article text (``SessionError`` if not).

    The position is clamped instead: a stale scroll offset is no reason to
    refuse a student's notes.
    """
    size = len(session.article.text)

    def inside(start: int, end: int) -> bool:
        return 0 <= start <= end <= size

    for start, end in session.article.paragraphs:
        if not inside(start, end):
            raise SessionError(
                f"it has the wrong shape (paragraph {start}-{end} is outside the text)"
            )
    for entity in session.entities:
        for m in entity.mentions:
            if not inside(m.start, m.end):
                raise SessionError(
                    f"it has the wrong shape (a mention of entity {entity.id!r} at "
                    f"{m.start}-{m.end} is outside the text)"
                )
    for bookmark in session.bookmarks:
        if not inside(bookmark.start, bookmark.end):
            raise SessionError(
                f"it has the wrong shape (bookmark {bookmark.id!r} at "
                f"{bookmark.start}-{bookmark.end} is outside the text)"
            )
    session.position.offset = min(max(session.position.offset, 0), size)


def copy(session: Session) -> Session:
    """A deep copy (the structs are mutable; a store keeps its own snapshots)."""
    return msgspec.json.decode(_encoder.encode(session), type=Session)


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
