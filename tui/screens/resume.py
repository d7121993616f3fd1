"""Offer to resume the saved session of the article just opened."""

from __future__ import annotations

from enrich.session import Session
from enrich.session.convert import annotation_of
from tui.screens.confirm import ChoiceScreen

RESUME = "resume"
FRESH = "fresh"


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one if n == 1 else (many or one + 's')}"


def resume_details(session: Session) -> str:
    """What the saved session holds, in one or two lines."""
    notes = sum(1 for n in session.notes.values() if n.note or n.tags)
    counts = [
        _count(len(annotation_of(session).entities), "entity", "entities"),
        _count(len(session.corrections), "correction"),
        _count(notes, "note"),
        _count(len(session.bookmarks), "bookmark"),
    ]
    updated = session.updated.replace("T", " ")[:16] if session.updated else "unknown"
    return f"Session '{session.name}', last saved {updated} (UTC)\n" + " · ".join(counts)


class ResumeScreen(ChoiceScreen):
    """Resume (corrections, notes, bookmarks, position) or start a new session."""

    def __init__(self, session: Session) -> None:
        super().__init__(
            "You have read this article before. Resume where you left off?",
            [(RESUME, "Resume"), (FRESH, "Start fresh")],
            resume_details(session),
            on_escape="resume",
        )
        self.session = session
