"""What the entity index answers: small frozen records the CLI and the reader show as they are."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Sighting:
    """One article (session) where an entity appears; ``date`` is when it was first saved."""

    session: str
    title: str
    source: str
    language: str
    date: str  # ISO stamp (the session's ``created``)
    updated: str
    mentions: int
    name: str
    label: str


@dataclass(frozen=True, slots=True)
class NoteEntry:
    """The student's note and tags on the entity in one article."""

    session: str
    title: str
    updated: str
    note: str
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class WikiChoice:
    """The Wikipedia article the student picked, and where ("your choice from <title>")."""

    title: str
    session: str
    article_title: str
    date: str
    similarity: float = 0.0  # how alike the two articles' contexts were (0 when not compared)


@dataclass(frozen=True, slots=True)
class EntityCorrection:
    """A correction the student made on this entity."""

    session: str
    op: str
    text: str
    label: str
    at: str


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """One row of ``kontext entities list``."""

    key: str
    name: str
    label: str
    wiki_title: str
    articles: int
    mentions: int
    first_seen: str
    last_seen: str


@dataclass(frozen=True, slots=True)
class IndexedEntity:
    """Everything the index knows of one entity: ``kontext entities show`` and the card."""

    summary: EntitySummary
    sightings: tuple[Sighting, ...]  # newest first
    notes: tuple[NoteEntry, ...]  # newest first
    wiki_choice: WikiChoice | None
    corrections: tuple[EntityCorrection, ...]
    definition: str = ""
    wiki_description: str = ""
    wiki_summary: str = ""
    wiki_url: str = ""

    @property
    def key(self) -> str:
        return self.summary.key

    @property
    def name(self) -> str:
        return self.summary.name
