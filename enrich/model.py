"""The document model every other part of Kontext shares.

Offsets are character offsets into ``Article.text``: the exact text the reader
shows. Sessions, exports and the UI rely on that, so nothing may re-normalise
the text after an ``Article`` is built.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Literal, NotRequired, TypedDict, get_args


class Label(StrEnum):
    """Kontext's label set; installed pipelines are mapped onto it."""

    PER = "PER"
    ORG = "ORG"
    LOC = "LOC"
    MISC = "MISC"
    TERM = "TERM"


# Where a mention came from. "user" is reserved for the student's corrections.
Source = Literal["model", "rule", "abbreviation", "glossary", "user"]
# Every ``Source``, for checking a value read from outside (a session file).
SOURCES: tuple[Source, ...] = get_args(Source)
# "related" marks a derived form (e.g. "nordkoreanische") linked to its entity
# without being a name of it.
MentionKind = Literal["mention", "related"]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph as a half-open character range into ``Article.text``."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """A loaded, cleaned text plus where it came from."""

    text: str
    title: str
    source: str
    language: str
    paragraphs: tuple[Paragraph, ...]
    warnings: tuple[str, ...] = ()

    def paragraph_texts(self) -> list[str]:
        return [self.text[p.start : p.end] for p in self.paragraphs]


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of an entity in the text.

    ``rule`` names the rule component for ``source == "rule"`` (e.g. "title"),
    so the UI and tests can explain why something was highlighted.
    """

    start: int
    end: int
    text: str
    label: Label
    source: Source
    kind: MentionKind = "mention"
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Entity:
    """Mentions clustered into one thing the student can look up."""

    id: str
    name: str
    label: Label
    mentions: tuple[Mention, ...]
    aliases: tuple[str, ...] = ()
    # What the recognizers identified it as, e.g. "geo:KP" (a country),
    # "geo:1871859" (a city), "abbr:JCS"; empty when only the surface is known.
    key: str = ""

    @property
    def direct_mentions(self) -> tuple[Mention, ...]:
        return tuple(m for m in self.mentions if m.kind == "mention")


@dataclass(frozen=True, slots=True)
class Annotation:
    """The result of annotating an ``Article``."""

    article: Article
    recognizer: str
    entities: tuple[Entity, ...]
    warnings: tuple[str, ...] = field(default=())

    @property
    def language(self) -> str:
        return self.article.language

    def to_json(self) -> AnnotationJSON:
        """The machine interface of ``kontext annotate --json``: add keys, never rename."""
        return {
            "language": self.article.language,
            "recognizer": self.recognizer,
            "title": self.article.title,
            "source": self.article.source,
            # The cleaned text the offsets index (soft hyphens, zero-width and control
            # characters removed): the source file's own offsets would drift.
            "text": self.article.text,
            "warnings": [*self.article.warnings, *self.warnings],
            "entities": [
                {
                    "id": e.id,
                    "name": e.name,
                    "label": str(e.label),
                    "mentions": [_mention_json(m) for m in e.mentions],
                    "aliases": list(e.aliases),
                    "key": e.key,
                }
                for e in self.entities
            ],
        }


class MentionJSON(TypedDict):
    """One mention in ``kontext annotate --json``."""

    start: int
    end: int
    text: str
    label: str
    source: str
    kind: str
    rule: NotRequired[str]  # only for a rule's mention


class EntityJSON(TypedDict):
    """One entity in ``kontext annotate --json``."""

    id: str
    name: str
    label: str
    mentions: list[MentionJSON]
    aliases: list[str]
    key: str
    # The entity's card (``Card.to_json()``), added by ``annotate --enrich --json``.
    enrichment: NotRequired[dict[str, object]]


class AnnotationJSON(TypedDict):
    """``kontext annotate --json``: the article and its entities as JSON builtins."""

    language: str
    recognizer: str
    title: str
    source: str
    text: str
    warnings: list[str]
    entities: list[EntityJSON]


def _mention_json(m: Mention) -> MentionJSON:
    out: MentionJSON = {
        "start": m.start,
        "end": m.end,
        "text": m.text,
        "label": str(m.label),
        "source": m.source,
        "kind": m.kind,
    }
    if m.rule:
        out["rule"] = m.rule
    return out
