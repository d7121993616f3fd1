"""Merge two edits of one session, so a second Kontext window never silently loses work.

``merge(base, ours, theirs)`` is a three-way merge: ``base`` is the version
both edits started from (``None`` when it is not known, which makes it a
union), ``ours`` the session being saved, ``theirs`` what another process
saved meanwhile.

- corrections: the union, without duplicates, in the order they were made
  (by their ``at`` stamps when all have one, else ours first); one deleted
  by either side (undo) stays deleted. Two windows making the same
  correction (they differ only in ``at``) keep one copy;
- notes, per entity: the side that changed it wins; if both changed the same
  note, both texts are kept, joined by ``NOTE_SEPARATOR``, tags are united;
  a note deleted on one side and edited on the other is kept;
- bookmarks: united by id, a bookmark edited on both sides keeps both notes;
  two different passages under one id (made in two windows) are both kept,
  theirs under a new id;
- drafts (typed, not yet saved): united; one both sides changed keeps both texts;
- wiki choices and enrichment: united by entity id, ours wins a conflict;
- position: ours, unless only theirs moved; everything else (article,
  entities, recognizer) is ours.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

import msgspec

from enrich.session.model import Bookmark, Correction, EntityNote, Position, Session
from enrich.text_clean import clean_line

NOTE_SEPARATOR = "\n\n--- also saved meanwhile (another Kontext window) ---\n\n"

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


@dataclass
class MergeReport:
    """What a merge took over from the other side, in words for a notification."""

    messages: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.messages)


def merge(base: Session | None, ours: Session, theirs: Session) -> tuple[Session, MergeReport]:
    """``ours`` with ``theirs``' changes since ``base`` folded in (see the module docstring)."""
    report = MergeReport()
    conflicts: list[str] = []

    corrections = list(
        _merge_keyed(
            _by_content(base.corrections if base else []),
            _by_content(ours.corrections),
            _by_content(theirs.corrections),
            _ours,
        ).values()
    )
    if all(c.at for c in corrections):
        corrections.sort(key=lambda c: c.at)  # stable: ties keep ours first

    def note_conflict(a: EntityNote, b: EntityNote) -> EntityNote:
        conflicts.append(f"the note on {_shown(a.name or a.entity_id)}")
        return _join_notes(a, b)

    notes = _merge_keyed(base.notes if base else {}, ours.notes, theirs.notes, note_conflict)

    def bookmark_conflict(a: Bookmark, b: Bookmark) -> Bookmark:
        conflicts.append(f"the note on bookmark {_shown(a.quote)!r}")
        return msgspec.structs.replace(
            a, note=_join_texts(a.note, b.note), updated=max(a.updated, b.updated)
        )

    their_bookmarks, base_bookmarks = _separate_bookmarks(
        ours.bookmarks, theirs.bookmarks, base.bookmarks if base else []
    )
    bookmarks = list(
        _merge_keyed(
            {b.id: b for b in base_bookmarks},
            {b.id: b for b in ours.bookmarks},
            {b.id: b for b in their_bookmarks},
            bookmark_conflict,
        ).values()
    )
    bookmarks.sort(key=lambda b: (b.start, b.end))  # stable; the reader keeps them so
    drafts = _merge_keyed(base.drafts if base else {}, ours.drafts, theirs.drafts, _join_drafts)
    wiki = _merge_keyed(
        base.wiki_choices if base else {}, ours.wiki_choices, theirs.wiki_choices, _ours
    )
    enrichment = _merge_keyed(
        base.enrichment if base else {}, ours.enrichment, theirs.enrichment, _ours
    )
    position = _merge_position(base.position if base else None, ours.position, theirs.position)

    merged = msgspec.structs.replace(
        ours,
        created=min(filter(None, (ours.created, theirs.created)), default=""),
        corrections=corrections,
        notes=notes,
        bookmarks=bookmarks,
        wiki_choices=wiki,
        enrichment=enrichment,
        position=position,
        drafts=drafts,
    )
    _describe(report, ours, merged, conflicts)
    return merged, report


def _ours(a: V, b: V) -> V:
    return a


CorrectionKey = tuple[str, int, int, str, str, str, int]


def _by_content(items: Iterable[Correction]) -> dict[CorrectionKey, Correction]:
    """Keyed by what a correction does, not when: two windows rejecting the same
    mention made one correction. The count tells a repeat apart in one log
    (relabel to ORG, to LOC, to ORG again: three corrections)."""
    keyed: dict[CorrectionKey, Correction] = {}
    seen: Counter[tuple[str, int, int, str, str, str]] = Counter()
    for c in items:
        content = (c.op, c.start, c.end, c.text, c.label, c.scope)
        keyed[(*content, seen[content])] = c
        seen[content] += 1
    return keyed


def _span(b: Bookmark) -> tuple[int, int, str]:
    return b.start, b.end, b.quote


def _separate_bookmarks(
    ours: list[Bookmark], theirs: list[Bookmark], base: list[Bookmark]
) -> tuple[list[Bookmark], list[Bookmark]]:
    """Theirs and base, with a new id on each of their bookmarks that shares an id
    with another passage of ours (two windows numbered their bookmarks alike).

    Base follows theirs where it holds the same passage, so a deletion on
    either side is still seen as one.
    """
    mine = {b.id: _span(b) for b in ours}
    used = {b.id for b in (*ours, *theirs, *base)}
    renamed: dict[str, str] = {}
    new_theirs: list[Bookmark] = []
    for b in theirs:
        if b.id in mine and mine[b.id] != _span(b):
            fresh = _fresh_id(b.id, used)
            used.add(fresh)
            renamed[b.id] = fresh
            b = msgspec.structs.replace(b, id=fresh)
        new_theirs.append(b)
    spans = {b.id: _span(b) for b in theirs}
    new_base = [
        msgspec.structs.replace(b, id=renamed[b.id])
        if b.id in renamed and _span(b) == spans[b.id]
        else b
        for b in base
    ]
    return new_theirs, new_base


def _fresh_id(ident: str, used: set[str]) -> str:
    n = 2
    while f"{ident}-{n}" in used:
        n += 1
    return f"{ident}-{n}"


def _join_drafts(a: dict[str, str], b: dict[str, str]) -> dict[str, str]:
    """Both windows' unsaved texts, field by field; tags are united."""
    joined = {}
    for key in dict.fromkeys([*a, *b]):
        one, two = a.get(key, ""), b.get(key, "")
        if key == "tags":
            tags = (t.strip() for t in f"{one},{two}".split(","))
            joined[key] = ", ".join(dict.fromkeys(t for t in tags if t))
        else:
            joined[key] = _join_texts(one, two)
    return joined


def _shown(text: str, limit: int = 30) -> str:
    """A name or quote from a session file, safe in a notification or on stderr."""
    flat = clean_line(text)
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def _merge_keyed(
    base: dict[K, V], ours: dict[K, V], theirs: dict[K, V], resolve: Callable[[V, V], V]
) -> dict[K, V]:
    """Three-way merge of keyed items: ours' order first, then theirs' new keys.

    A key deleted on one side and unchanged on the other is deleted; deleted
    on one side and changed on the other, the changed value is kept.
    ``resolve(ours, theirs)`` decides when both sides changed one key differently.
    """
    result: dict[K, V] = {}
    for key in [*ours, *(k for k in theirs if k not in ours)]:
        in_base = key in base
        if key not in theirs:  # new on our side, or deleted by theirs
            if not in_base or ours[key] != base[key]:
                result[key] = ours[key]
        elif key not in ours:  # new on their side, or deleted by us
            if not in_base or theirs[key] != base[key]:
                result[key] = theirs[key]
        else:
            mine, other = ours[key], theirs[key]
            if mine == other or (in_base and other == base[key]):
                result[key] = mine
            elif in_base and mine == base[key]:
                result[key] = other
            else:
                result[key] = resolve(mine, other)
    return result


def _join_texts(a: str, b: str) -> str:
    texts = [t for t in dict.fromkeys((a, b)) if t.strip()]
    return NOTE_SEPARATOR.join(texts)


def _join_notes(a: EntityNote, b: EntityNote) -> EntityNote:
    return msgspec.structs.replace(
        a,
        note=_join_texts(a.note, b.note),
        tags=list(dict.fromkeys([*a.tags, *b.tags])),
        updated=max(a.updated, b.updated),
    )


def _merge_position(base: Position | None, ours: Position, theirs: Position) -> Position:
    if base is not None and ours == base:
        return theirs
    if base is None and ours == Position():  # a fresh session knows no position yet
        return theirs
    return ours


def _describe(report: MergeReport, ours: Session, merged: Session, conflicts: list[str]) -> None:
    gained = [
        (len(merged.corrections) - len(ours.corrections), "correction"),
        (len(merged.notes) - len(ours.notes), "note"),
        (len(merged.bookmarks) - len(ours.bookmarks), "bookmark"),
    ]
    parts = [f"{n} {word}{'s' if n != 1 else ''}" for n, word in gained if n > 0]
    head = "merged with the copy saved meanwhile (another Kontext window or command)"
    report.messages.append(f"{head}: {', '.join(parts)} added" if parts else head)
    for what in conflicts:
        report.messages.append(f"{what} was edited in both; both texts were kept")
