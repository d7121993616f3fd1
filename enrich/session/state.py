"""The reader's session state: the student's edits to one article, and whether they are saved.

Kept free of textual so the rules (corrections replayed over the recognizers'
entities, undo = drop the last correction and go back one step, what counts
as an unsaved change, drafts kept in the session) are plain code the app
only calls. The app re-renders everything from ``annotation`` after each change.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import msgspec

from enrich.card import Card
from enrich.model import Annotation, Entity, Label, Mention
from enrich.session import Bookmark, Correction, EntityNote, Position, Session, apply_corrections
from enrich.session.codec import copy
from enrich.session.convert import base_annotation, model_version, new_session
from enrich.session.model import now_iso

_VERB = {"reject": "Rejected", "relabel": "Relabelled", "add": "Added"}
# Annotations kept for undo (one per correction, newest last); older undos replay.
UNDO_STEPS = 64


def replay(base: Annotation, corrections: Sequence[Correction]) -> list[Annotation]:
    """The annotation after each of the last ``UNDO_STEPS`` corrections (the last is current).

    Replaying is a fold, so applying one correction to the previous step is the
    same as replaying the whole log; the steps make undo free and an edit cost
    one correction, not the whole log (a long log on a big article takes
    longer than a frame). Run it in a worker for a resumed or merged session.
    """
    keep_from = max(0, len(corrections) - UNDO_STEPS)
    current = apply_corrections(base, corrections[:keep_from]) if keep_from else base
    steps = [current]
    for c in corrections[keep_from:]:
        current = apply_corrections(current, [c])
        steps.append(current)
    return steps


def _new_bookmark_id() -> str:
    """Unique across windows and machines, so a merge never mistakes two passages for one."""
    return "b-" + uuid.uuid4().hex[:12]


def describe(correction: Correction) -> str:
    """One line for the user: "Rejected 'Yonhap' (ORG)"."""
    what = f"{_VERB[correction.op]} '{correction.text}'"
    if correction.op == "reject" and correction.scope == "mention":
        what += " (this mention)"
    elif correction.op != "reject":
        what += f" as {correction.label}"
    return what


class SessionState:
    """One session being edited: the saved ``Session`` plus the change counters.

    ``changes`` counts edits; ``saved_changes`` is its value at the last
    successful save, so a save that fails (or races a newer edit) leaves the
    state dirty and the next save tries again.
    """

    def __init__(self, session: Session, base: Annotation | None = None) -> None:
        self.session = session
        self.base = base if base is not None else base_annotation(session)
        self._steps = replay(self.base, session.corrections)
        self.changes = 0
        self.saved_changes = 0
        self.stored = False  # a version of this session exists on disk
        self.saved_position = Position(**msgspec.structs.asdict(session.position))
        self._saved_drafts = {k: dict(v) for k, v in session.drafts.items()}

    @classmethod
    def fresh(cls, name: str, annotation: Annotation) -> SessionState:
        """A new session, recording the spaCy version as ``annotate --save`` does."""
        return cls(new_session(name, annotation, model_version=model_version()), annotation)

    @classmethod
    def resumed(cls, session: Session) -> SessionState:
        state = cls(session)
        state.stored = True
        return state

    # ------------------------------------------------------------ bookkeeping
    @property
    def name(self) -> str:
        return self.session.name

    @property
    def dirty(self) -> bool:
        return self.changes != self.saved_changes

    @property
    def drafts_unsaved(self) -> bool:
        """Typed text (a note or definition left with escape) not in the file yet."""
        return self.session.drafts != self._saved_drafts

    def _changed(self) -> None:
        self.changes += 1

    @property
    def annotation(self) -> Annotation:
        """What the student sees: the recognizers' entities with every correction applied."""
        return self._steps[-1]

    def replayed(self) -> list[Annotation]:
        """The replay of this session's corrections (to build in a worker; see ``mark_saved``)."""
        return replay(self.base, self.session.corrections)

    def entity(self, entity_id: str | None) -> Entity | None:
        if not entity_id:
            return None
        return next((e for e in self.annotation.entities if e.id == entity_id), None)

    def snapshot(self, offset: int, entity_id: str | None) -> tuple[Session, int]:
        """A deep copy to save in a worker thread, and the change count it holds."""
        self.session.position = Position(offset=max(0, offset), entity_id=entity_id or "")
        return copy(self.session), self.changes

    def mark_saved(
        self,
        changes: int,
        saved: Session,
        *,
        merged: bool = False,
        steps: list[Annotation] | None = None,
    ) -> bool:
        """A save of the state as of ``changes`` succeeded; adopt what the store wrote.

        After a merge with another process's save, the merged session becomes
        ours if nothing was edited meanwhile (returns True: re-render); ``steps``
        is its replay, made in the save worker (else it is replayed here). If
        something was edited, the old revision is kept, so the next save merges
        again and neither side's edits are lost.
        """
        self.stored = True
        self.saved_position = saved.position
        self._saved_drafts = {k: dict(v) for k, v in saved.drafts.items()}
        if merged:
            if changes != self.changes:
                self.session.name = saved.name
                return False
            self.session = saved
            self._steps = steps if steps is not None else self.replayed()
        else:
            self.session.revision = saved.revision
            self.session.updated = saved.updated
            self.session.created = saved.created
            self.session.name = saved.name
        self.saved_changes = max(self.saved_changes, changes)
        return merged

    def position_moved(self, offset: int, entity_id: str | None) -> bool:
        """Has the student read on since the last save (worth a quiet save on quit)?"""
        position = self.saved_position
        return position.offset != offset or position.entity_id != (entity_id or "")

    # ------------------------------------------------------------ corrections
    def _correct(self, correction: Correction) -> Correction:
        self.session.corrections.append(correction)
        self._steps.append(apply_corrections(self.annotation, [correction]))
        if len(self._steps) > UNDO_STEPS + 1:
            del self._steps[0]
        self._changed()
        return correction

    def reject(self, mention: Mention, *, scope: str = "entity") -> Correction:
        return self._correct(
            Correction(
                op="reject",
                start=mention.start,
                end=mention.end,
                text=mention.text,
                label=str(mention.label),
                scope="mention" if scope == "mention" else "entity",
                at=now_iso(),
            )
        )

    def relabel(self, mention: Mention, label: Label) -> Correction:
        return self._correct(
            Correction(
                op="relabel",
                start=mention.start,
                end=mention.end,
                text=mention.text,
                label=str(label),
                at=now_iso(),
            )
        )

    def add(self, start: int, end: int, label: Label) -> Correction:
        """Add a missed entity: every whole-word occurrence of the chosen text."""
        text = self.base.article.text[start:end]
        return self._correct(
            Correction(op="add", start=start, end=end, text=text, label=str(label), at=now_iso())
        )

    def undo(self) -> Correction | None:
        if not self.session.corrections:
            return None
        undone = self.session.corrections.pop()
        self._steps.pop()
        if not self._steps:  # beyond the kept steps: replay the log
            self._steps = self.replayed()
        self._changed()
        return undone

    def added_entity(self, correction: Correction) -> Entity | None:
        """The entity an "add" produced (to select it after adding)."""
        for entity in self.annotation.entities:
            if any(m.start <= correction.start < m.end for m in entity.direct_mentions):
                return entity
        return None

    # --------------------------------------------------------- notes and tags
    def note(self, entity_id: str | None) -> EntityNote | None:
        return self.session.notes.get(entity_id) if entity_id else None

    def set_note(self, entity: Entity, note: str, tags: list[str]) -> EntityNote | None:
        """Store (or, when both are empty, remove) the note on ``entity``."""
        self.drop_draft(f"note:{entity.id}")
        note = note.strip()
        tags = list(dict.fromkeys(t.strip() for t in tags if t.strip()))
        old = self.session.notes.get(entity.id)
        if not note and not tags:
            if old is not None:
                del self.session.notes[entity.id]
                self._changed()
            return None
        if old is not None and old.note == note and old.tags == tags:
            return old
        record = EntityNote(
            entity_id=entity.id,
            name=entity.name,
            label=str(entity.label),
            note=note,
            tags=tags,
            updated=now_iso(),
        )
        self.session.notes[entity.id] = record
        self._changed()
        return record

    # ----------------------------------------------------------------- drafts
    def draft(self, key: str) -> dict[str, str] | None:
        """What was typed under ``key`` ("note:ID", "bookmark:S:E", "define:ID") and not saved."""
        return self.session.drafts.get(key)

    def set_draft(self, key: str, fields: dict[str, str]) -> None:
        """Keep typed text in the session (saved with it: quitting never loses it).

        A draft with nothing but whitespace in it is dropped instead.
        """
        if not any(v.strip() for v in fields.values()):
            self.drop_draft(key)
        elif self.session.drafts.get(key) != fields:
            self.session.drafts[key] = dict(fields)
            self._changed()

    def drop_draft(self, key: str) -> None:
        if self.session.drafts.pop(key, None) is not None:
            self._changed()

    # -------------------------------------------------------------- bookmarks
    def add_bookmark(self, start: int, end: int, note: str) -> Bookmark:
        self.drop_draft(f"bookmark:{start}:{end}")
        stamp = now_iso()
        bookmark = Bookmark(
            id=_new_bookmark_id(),
            start=start,
            end=end,
            quote=self.base.article.text[start:end],
            note=note.strip(),
            created=stamp,
            updated=stamp,
        )
        self.session.bookmarks.append(bookmark)
        self.session.bookmarks.sort(key=lambda b: (b.start, b.end))
        self._changed()
        return bookmark

    def bookmark_spans(self) -> list[tuple[int, int]]:
        return [(b.start, b.end) for b in self.session.bookmarks]

    # ------------------------------------------------------------ enrichment
    def choose_wiki(self, entity_id: str, title: str, *, default: str = "") -> bool:
        """Record the student's Wikipedia pick; choosing the default clears it."""
        current = self.session.wiki_choices.get(entity_id, default)
        if title == current:
            return False
        if title == default:
            self.session.wiki_choices.pop(entity_id, None)
        else:
            self.session.wiki_choices[entity_id] = title
        self._changed()
        return True

    def record_enrichment(self, shown: dict[str, Card]) -> None:
        """What the cards show, saved with the session so it reads offline (not an edit)."""
        self.session.enrichment.update(shown)
