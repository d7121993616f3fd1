"""What every export shows, computed once from a ``Session``.

A session file is untrusted (hand-edited, from another machine), so every
string read from it goes through ``clean_text`` here (its cards were decoded
and checked for type where the file was read). The article is cut into segments at mention and
bookmark boundaries *before* cleaning, so offsets stay right even when
cleaning removes characters. Formats then only escape for their syntax.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import pairwise
from typing import Any
from urllib.parse import quote, urlsplit, urlunsplit

from enrich.card import Card, SummaryCard, WikiCard
from enrich.labels import LABEL_NAMES as LABEL_NAMES  # the exports import it from here
from enrich.mention_counts import only_as, plural
from enrich.model import Entity, Label, Mention
from enrich.session.convert import annotation_of
from enrich.session.model import Session
from enrich.text_clean import clean_line, clean_text

_HOST = re.compile(r"[A-Za-z0-9.-]+(?::[0-9]{1,5})?")


def clean(value: object) -> str:
    """Untrusted text without control sequences; anything but a string is empty."""
    return clean_text(value).strip() if isinstance(value, str) else ""


def one_line(value: object) -> str:
    """Cleaned text on one line, for names, titles and tags."""
    return clean_line(value) if isinstance(value, str) else ""


def safe_url(value: object) -> str:
    """An https URL re-quoted so it cannot break out of a link, or "" if it is not one.

    Only https is allowed (no javascript:, data: or plain http), no user info
    (``https://wikipedia.org@evil``), and every character outside a small safe
    set is percent-encoded, parentheses and quotes included.
    """
    url = clean(value)
    if not url or any(c.isspace() for c in url):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    if parts.scheme.lower() != "https" or not _HOST.fullmatch(parts.netloc):
        return ""
    return urlunsplit(
        (
            "https",
            parts.netloc.lower(),
            quote(parts.path, safe="/%:,;=!$&+~._-"),
            quote(parts.query, safe="=&%+;,/:~._-"),
            quote(parts.fragment, safe="%:/~._-"),
        )
    )


@dataclass(frozen=True, slots=True)
class EntityView:
    """One entity with everything known about it, cleaned."""

    number: int  # 1-based, in order of first mention
    id: str
    name: str
    label: str
    mentions: int  # direct mentions (derived forms not counted)
    aliases: tuple[str, ...]
    first: Mention | None
    definition: str = ""
    wiki_title: str = ""
    wiki_description: str = ""
    wiki_summary: str = ""
    wiki_url: str = ""
    facts: tuple[tuple[str, str], ...] = ()
    note: str = ""
    tags: tuple[str, ...] = ()
    only_as: str = ""  # "only as: deutsche" when seen only in derived forms

    @property
    def anchor(self) -> str:
        """A DOM id that never contains text from the session."""
        return f"e{self.number}"

    @property
    def mention_summary(self) -> str:
        """ "3 mentions", or "only as: deutsche" rather than "0 mentions"."""
        return self.only_as or plural(self.mentions, "mention")


@dataclass(frozen=True, slots=True)
class Section:
    """One part of an entity's explanation, as every export shows it (plain, cleaned text).

    Built once by ``sections``, so Markdown, HTML and Anki cannot drift apart:
    an Anki card from an offline session carries the same glossary and facts
    as the Markdown page.
    """

    kind: str  # "glossary", "wikipedia", "facts", "note" or "tags"
    title: str
    text: str = ""  # the body: definition, summary, facts, note
    heading: str = ""  # wikipedia: the article's title
    description: str = ""  # wikipedia: its one-line description
    url: str = ""  # wikipedia: a safe https URL
    items: tuple[str, ...] = ()  # tags


def facts_line(facts: tuple[tuple[str, str], ...]) -> str:
    return "; ".join(f"{k}: {v}" for k, v in facts)


def sections(e: EntityView) -> list[Section]:
    """Glossary, Wikipedia, facts, the student's note and tags: those the entity has."""
    found: list[Section] = []
    if e.definition:
        found.append(Section("glossary", "Glossary", e.definition))
    if e.wiki_title:
        found.append(
            Section(
                "wikipedia",
                "Wikipedia",
                e.wiki_summary,
                heading=e.wiki_title,
                description=e.wiki_description,
                url=e.wiki_url,
            )
        )
    if e.facts:
        found.append(Section("facts", "Facts", facts_line(e.facts)))
    if e.note:
        found.append(Section("note", "Note", e.note))
    if e.tags:
        found.append(Section("tags", "Tags", items=e.tags))
    return found


@dataclass(frozen=True, slots=True)
class OrphanNote:
    """A note whose entity is gone (rejected or re-annotated): still exported."""

    entity_id: str
    name: str
    label: str
    note: str
    tags: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class BookmarkView:
    number: int
    id: str
    start: int
    end: int
    quote: str
    note: str
    paragraph: int  # index of the paragraph it starts in, -1 if none

    @property
    def anchor(self) -> str:
        return f"b{self.number}"


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text with one entity (or none) and the bookmarks covering it."""

    start: int
    end: int
    text: str  # cleaned
    entity: EntityView | None = None
    kind: str = "mention"  # or "related"
    bookmarks: tuple[BookmarkView, ...] = ()
    opens: tuple[BookmarkView, ...] = ()  # bookmarks that start here


@dataclass(frozen=True, slots=True)
class ExportView:
    session_name: str
    title: str
    source: str
    language: str
    recognizer: str
    model_version: str
    updated: str
    app_version: str
    sha256: str
    text: str  # raw article text: offsets point into it
    paragraphs: tuple[tuple[Segment, ...], ...]
    entities: tuple[EntityView, ...]
    orphans: tuple[OrphanNote, ...]
    bookmarks: tuple[BookmarkView, ...]

    def labels(self) -> list[tuple[str, int]]:
        """Labels present, in Kontext's order, with their entity counts."""
        counts = {str(label): 0 for label in Label}
        for e in self.entities:
            counts[e.label] = counts.get(e.label, 0) + 1
        return [(label, n) for label, n in counts.items() if n]

    def notes_in(self, index: int) -> list[EntityView]:
        """Entities with a note whose first mention is in paragraph ``index``."""
        return [
            e
            for e in self.entities
            if (e.note or e.tags) and e.first is not None and self._para_of(e.first) == index
        ]

    def bookmarks_in(self, index: int) -> list[BookmarkView]:
        return [b for b in self.bookmarks if b.paragraph == index]

    def _para_of(self, mention: Mention) -> int:
        for i, segs in enumerate(self.paragraphs):
            if segs and segs[0].start <= mention.start < segs[-1].end:
                return i
        return -1


def _enrichment(card: Card | None, choice: str) -> dict[str, Any]:
    """Glossary, Wikipedia and facts of one card, every string cleaned."""
    glossary = card.glossary if card is not None else None
    wiki = card.wikipedia if card is not None else None
    page: WikiCard | SummaryCard | None = wiki
    if wiki is not None and not one_line(wiki.title) and wiki.preferred is not None:
        page = wiki.preferred  # no article in the text's language: the reader's one
    title = one_line(page.title) if page is not None else ""
    description = page.description if page is not None else ""
    summary = page.summary if page is not None else ""
    url = page.url if page is not None else ""
    if choice and choice != title:  # the student picked another article than the one fetched
        alternatives = wiki.alternatives if wiki is not None else []
        description = next((a.description for a in alternatives if a.title == choice), "")
        title, summary, url = choice, "", ""
    facts = card.facts.items if card is not None and card.facts is not None else {}
    return {
        "definition": clean(glossary.definition if glossary is not None else ""),
        "wiki_title": one_line(title),
        "wiki_description": one_line(description),
        "wiki_summary": clean(summary),
        "wiki_url": safe_url(url),
        "facts": tuple((one_line(k), one_line(v)) for k, v in facts.items() if one_line(v)),
    }


def _tags(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else []
    return tuple(t for t in (one_line(v) for v in items) if t)


def _entities(session: Session, found: tuple[Entity, ...]) -> list[EntityView]:
    notes = {n.entity_id: n for n in session.notes.values()}
    views = []
    for number, e in enumerate(found, 1):
        direct = e.direct_mentions
        first = min(direct or e.mentions, key=lambda m: m.start, default=None)
        note = notes.get(e.id)
        card = session.enrichment.get(e.id)
        choice = one_line(session.wiki_choices.get(e.id, ""))
        views.append(
            EntityView(
                number=number,
                id=one_line(e.id),
                name=one_line(e.name),
                label=str(e.label),
                mentions=len(direct),
                only_as=clean(only_as(e)) if not direct and e.mentions else "",
                aliases=tuple(a for a in (one_line(a) for a in e.aliases) if a),
                first=first,
                note=clean(note.note) if note else "",
                tags=_tags(note.tags) if note else (),
                **_enrichment(card, choice),
            )
        )
    return views


def _orphans(session: Session, ids: set[str]) -> list[OrphanNote]:
    orphans = []
    for n in session.notes.values():
        note, tags = clean(n.note), _tags(n.tags)
        if n.entity_id not in ids and (note or tags):
            orphans.append(
                OrphanNote(one_line(n.entity_id), one_line(n.name), one_line(n.label), note, tags)
            )
    return orphans


def _spans(
    found: tuple[Entity, ...], entities: list[EntityView]
) -> list[tuple[Mention, EntityView]]:
    """Mentions sorted by offset, overlaps dropped (the earlier, then longer, one wins)."""
    spans = sorted(
        (
            (m, v)
            for e, v in zip(found, entities, strict=True)
            for m in e.mentions
            if m.end > m.start
        ),
        key=lambda s: (s[0].start, -s[0].end),
    )
    kept: list[tuple[Mention, EntityView]] = []
    for m, v in spans:
        if not kept or m.start >= kept[-1][0].end:
            kept.append((m, v))
    return kept


def _first_offset(e: Entity) -> int:
    return min((m.start for m in e.mentions), default=0)


def _paragraph_ranges(session: Session) -> list[tuple[int, int]]:
    n = len(session.article.text)
    ranges = [
        (max(0, s), min(n, e)) for s, e in session.article.paragraphs if min(n, e) > max(0, s)
    ]
    return sorted(ranges) or ([(0, n)] if n else [])


def _segments(
    text: str,
    start: int,
    end: int,
    spans: list[tuple[Mention, EntityView]],
    bookmarks: list[BookmarkView],
) -> tuple[Segment, ...]:
    cuts = {start, end}
    inside = [(m, v) for m, v in spans if m.start < end and start < m.end]
    marks = [b for b in bookmarks if b.start < end and start < b.end]
    for m, _ in inside:
        cuts.update((max(start, m.start), min(end, m.end)))
    for mark in marks:
        cuts.update((max(start, mark.start), min(end, mark.end)))
    points = sorted(cuts)
    segments = []
    for a, b in pairwise(points):
        span = next(((m, v) for m, v in inside if m.start <= a < m.end), None)
        segments.append(
            Segment(
                start=a,
                end=b,
                text=clean_text(text[a:b]),
                entity=span[1] if span else None,
                kind=span[0].kind if span else "mention",
                bookmarks=tuple(x for x in marks if x.start <= a < x.end),
                opens=tuple(x for x in marks if max(start, x.start) == a),
            )
        )
    return tuple(s for s in segments if s.text or s.opens)


def _bookmarks(session: Session, ranges: list[tuple[int, int]]) -> list[BookmarkView]:
    text = session.article.text
    views = []
    for number, b in enumerate(sorted(session.bookmarks, key=lambda b: b.start), 1):
        start, end = max(0, b.start), min(len(text), b.end)
        quote_text = clean(b.quote) or clean(text[start:end])
        para = next((i for i, (s, e) in enumerate(ranges) if s <= start < e), -1)
        views.append(
            BookmarkView(number, one_line(b.id), start, end, quote_text, clean(b.note), para)
        )
    return views


def export_view(session: Session) -> ExportView:
    """Everything an export shows, with the student's corrections applied."""
    annotation = annotation_of(session)
    found = tuple(sorted(annotation.entities, key=_first_offset))
    entities = _entities(session, found)
    ranges = _paragraph_ranges(session)
    bookmarks = _bookmarks(session, ranges)
    spans = _spans(found, entities)
    text = session.article.text
    article = session.article
    return ExportView(
        session_name=one_line(session.name),
        title=one_line(article.title),
        source=one_line(article.source),
        language=one_line(article.language),
        recognizer=one_line(session.recognizer),
        model_version=one_line(session.model_version),
        updated=one_line(session.updated),
        app_version=one_line(session.app_version),
        sha256=one_line(article.sha256),
        text=text,
        paragraphs=tuple(_segments(text, s, e, spans, bookmarks) for s, e in ranges),
        entities=tuple(entities),
        orphans=tuple(_orphans(session, {e.id for e in found})),
        bookmarks=tuple(bookmarks),
    )
