"""Merge two edits of one session, so a second Kontext window never silently loses work.

``merge(base, ours, theirs)`` is a three-way merge: ``base`` is the version
both edits started from (``None`` when it is not known, which makes it a
union), ``ours`` the session being saved, ``theirs`` what another process
saved meanwhile.

- corrections: the union, without duplicates, in the order they were made
  (by their ``at`` stamps when all have one, else ours first); one deleted
  by either side (undo) stays deleted;
- notes, per entity: the side that changed it wins; if both changed the same
  note, both texts are kept, joined by ``NOTE_SEPARATOR``, tags are united;
  a note deleted on one side and edited on the other is kept;
- bookmarks: united by id, a bookmark edited on both sides keeps both notes;
- wiki choices and enrichment: united by entity id, ours wins a conflict;
- position: ours, unless only theirs moved; everything else (article,
  entities, recognizer) is ours.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import TypeVar

import msgspec

from enrich.session.model import Bookmark, Correction, EntityNote, Position, Session

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
            _by_self(base.corrections if base else []),
            _by_self(ours.corrections),
            _by_self(theirs.corrections),
            lambda a, b: a,
        ).values()
    )
    if all(c.at for c in corrections):
        corrections.sort(key=lambda c: c.at)  # stable: ties keep ours first

    def note_conflict(a: EntityNote, b: EntityNote) -> EntityNote:
        conflicts.append(f"the note on {a.name or a.entity_id}")
        return _join_notes(a, b)

    notes = _merge_keyed(base.notes if base else {}, ours.notes, theirs.notes, note_conflict)

    def bookmark_conflict(a: Bookmark, b: Bookmark) -> Bookmark:
        conflicts.append(f"the note on bookmark {a.quote[:30]!r}")
        return msgspec.structs.replace(
            a, note=_join_texts(a.note, b.note), updated=max(a.updated, b.updated)
        )

    bookmarks = list(
        _merge_keyed(
            {b.id: b for b in base.bookmarks} if base else {},
            {b.id: b for b in ours.bookmarks},
            {b.id: b for b in theirs.bookmarks},
            bookmark_conflict,
        ).values()
    )
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
    )
    _describe(report, ours, merged, conflicts)
    return merged, report


def _ours(a: V, b: V) -> V:
    return a


def _by_self(items: Iterable[Correction]) -> dict[Correction, Correction]:
    return {c: c for c in items}


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
        mine, other = ours.get(key), theirs.get(key)
        before = base.get(key)
        in_base = key in base
        if key not in theirs:  # new on our side, or deleted by theirs
            if not in_base or mine != before:
                result[key] = mine  # type: ignore[assignment]
        elif key not in ours:  # new on their side, or deleted by us
            if not in_base or other != before:
                result[key] = other  # type: ignore[assignment]
        elif mine == other or (in_base and other == before):
            result[key] = mine  # type: ignore[assignment]
        elif in_base and mine == before:
            result[key] = other  # type: ignore[assignment]
        else:
            result[key] = resolve(mine, other)  # type: ignore[arg-type]
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
