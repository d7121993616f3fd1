"""Offer to resume the saved session of the article just opened."""

from __future__ import annotations

from enrich.session import Session
from enrich.session.convert import annotation_of
from enrich.text_clean import clean_line, clean_text
from tui.reader.screens.confirm import ChoiceScreen
from tui.ui_text import tr

RESUME = "resume"
FRESH = "fresh"


def _count(n: int, one: str, many: str = "") -> str:
    """ "1 note", "3 notes" in the interface language."""
    return tr(f"1 {one}") if n == 1 else tr(f"{{n}} {many or one + 's'}", n=n)


def resume_details(session: Session, entities: int | None = None) -> str:
    """What the saved session holds, in one or two lines.

    ``entities`` is the count after the corrections, when the caller already
    replayed them (in a worker); else they are replayed here. The file is
    untrusted: its stamp is shown without control sequences.
    """
    if entities is None:
        entities = len(annotation_of(session).entities)
    notes = sum(1 for n in session.notes.values() if n.note or n.tags)
    counts = [
        _count(entities, "entity", "entities"),
        _count(len(session.corrections), "correction"),
        _count(notes, "note"),
        _count(len(session.bookmarks), "bookmark"),
    ]
    if session.drafts:
        counts.append(_count(len(session.drafts), "draft"))
    updated = clean_line(session.updated.replace("T", " "))[:16] or tr("unknown")
    head = tr(
        "Session '{name}', last saved {updated} (UTC)",
        name=clean_text(session.name),
        updated=updated,
    )
    return head + "\n" + " · ".join(counts)


class ResumeScreen(ChoiceScreen):
    """Resume (corrections, notes, bookmarks, position) or start a new session."""

    def __init__(self, session: Session, entities: int | None = None) -> None:
        super().__init__(
            tr("You have read this article before. Resume where you left off?"),
            [(RESUME, tr("Resume")), (FRESH, tr("Start fresh"))],
            resume_details(session, entities),
            on_escape="resume",
        )
        self.session = session
