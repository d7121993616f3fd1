"""What a saved session holds: the schema every store, export and the reader share.

A session must read offline and on another machine, so it carries the article
snapshot, the recognizers' entities, the student's corrections (applied last,
so they win), notes, bookmarks, the reading position and the enrichment that
was shown. ``schema`` is bumped on every incompatible change; ``migrate``
(in ``enrich.session.migrate``) lifts older files to ``SCHEMA_VERSION``.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Literal

import msgspec

from enrich.card import Card

# 2: cards in ``enrichment`` are typed ``Card``s (schema 1 kept free-form dicts).
SCHEMA_VERSION = 2


def now_iso() -> str:
    """UTC timestamps with seconds: readable in the JSON and sortable as text."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def text_hash(text: str) -> str:
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()


class ArticleSnapshot(msgspec.Struct, kw_only=True):
    """The article exactly as shown: offsets everywhere else point into ``text``."""

    text: str
    source: str
    title: str
    language: str
    paragraphs: list[tuple[int, int]]
    sha256: str = ""
    warnings: list[str] = msgspec.field(default_factory=list)


class MentionRecord(msgspec.Struct, kw_only=True):
    start: int
    end: int
    text: str
    label: str
    source: str
    kind: str = "mention"
    rule: str = ""


class EntityRecord(msgspec.Struct, kw_only=True):
    """An entity as the recognizers found it (before the student's corrections)."""

    id: str
    name: str
    label: str
    mentions: list[MentionRecord]
    aliases: list[str] = msgspec.field(default_factory=list)
    key: str = ""


CorrectionOp = Literal["add", "reject", "relabel"]
CorrectionScope = Literal["entity", "mention"]


class Correction(msgspec.Struct, kw_only=True, frozen=True):
    """One correction by the student, replayed in order over the recognizers' output.

    ``start``/``end``/``text`` name the mention the student acted on; ``text``
    lets a correction find its target again if the offsets no longer match.
    ``label`` is the new label for "add" and "relabel".
    """

    op: CorrectionOp
    start: int
    end: int
    text: str
    label: str = ""
    scope: CorrectionScope = "entity"
    at: str = ""


class EntityNote(msgspec.Struct, kw_only=True):
    """The student's note and tags on an entity; ``name``/``label`` keep it readable
    even if the entity is no longer found (a note is never dropped)."""

    entity_id: str
    name: str
    label: str = ""
    note: str = ""
    tags: list[str] = msgspec.field(default_factory=list)
    updated: str = ""


class Bookmark(msgspec.Struct, kw_only=True):
    """A highlighted passage, with an optional note."""

    id: str
    start: int
    end: int
    quote: str
    note: str = ""
    created: str = ""
    updated: str = ""


class Position(msgspec.Struct, kw_only=True):
    """Where the student was: a character offset (survives resizes) and the entity."""

    offset: int = 0
    entity_id: str = ""


class Session(msgspec.Struct, kw_only=True):
    """One student's annotated reading of one article."""

    schema: int = SCHEMA_VERSION
    name: str
    app_version: str = ""
    created: str = ""
    updated: str = ""
    # Bumped by every save; a store compares it to detect a second writer.
    revision: int = 0
    article: ArticleSnapshot
    recognizer: str = ""
    model_version: str = ""
    entities: list[EntityRecord] = msgspec.field(default_factory=list)
    corrections: list[Correction] = msgspec.field(default_factory=list)
    notes: dict[str, EntityNote] = msgspec.field(default_factory=dict)
    bookmarks: list[Bookmark] = msgspec.field(default_factory=list)
    # entity id -> the Wikipedia title the student picked among the candidates.
    wiki_choices: dict[str, str] = msgspec.field(default_factory=dict)
    # entity id -> the card as shown, so the session reads offline.
    enrichment: dict[str, Card] = msgspec.field(default_factory=dict)
    position: Position = msgspec.field(default_factory=Position)
    # Typed but not saved (a note or definition dialog left with escape, a failed
    # glossary write): "note:ENTITY", "bookmark:START:END", "define:ENTITY" ->
    # its fields ("note"/"tags", or a definition per language code). Added after
    # schema 1 was released; older files lack it and read as no drafts.
    drafts: dict[str, dict[str, str]] = msgspec.field(default_factory=dict)
