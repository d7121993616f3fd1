"""Messages the reader's workers post back to the UI thread.

Workers never touch widgets: they post one of these (``post_message`` is
thread-safe) and the app updates the screen on its event loop.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from pathlib import Path

    from enrich.enricher import Enrichment
    from enrich.model import Annotation
    from enrich.session import SaveResult, Session
    from enrich.session.state import SessionState


@dataclass
class AnnotationReady(Message):
    """NLP finished: entities and mentions for the article."""

    annotation: Annotation


@dataclass
class AnnotationFailed(Message):
    """NLP failed; ``error`` is one line for the user."""

    error: str


@dataclass
class EnrichmentReady(Message):
    """Cards for some of the article's entities, keyed by entity id.

    The visible entities come first (``final=False``); ``final`` marks the
    last batch of a whole-article run.
    """

    cards: dict[str, Enrichment]
    offline: bool = False
    final: bool = True
    went_offline: str = ""  # why Wikipedia went offline by itself, if it did


@dataclass
class EnrichmentFailed(Message):
    """Enrichment failed as a whole; ``error`` is one line for the user."""

    error: str


@dataclass
class WikiChoiceReady(Message):
    """Cards looked up with the Wikipedia titles the student chose."""

    cards: dict[str, Enrichment]


@dataclass
class SessionsFound(Message):
    """The newest saved session of the opened article (or None), and a free name for a new one.

    ``state`` is that session ready to show (its corrections replayed in the worker);
    ``unreadable`` has the errors of files that may be this article's sessions but
    cannot be read (the student is told; the files are left untouched).
    """

    session: Session | None
    fresh_name: str
    state: SessionState | None = None
    unreadable: list[str] = field(default_factory=list)


@dataclass
class SessionSaved(Message):
    """A save finished; ``changes`` is the edit count the saved copy holds.

    ``steps`` replays a merged session (made in the worker); ``renamed_from`` is
    the name it could not be saved under (it holds another article now).
    """

    result: SaveResult
    changes: int
    steps: list[Annotation] | None = None
    renamed_from: str = ""


@dataclass
class ExportWritten(Message):
    path: Path
    fmt: str


@dataclass
class GlossarySaved(Message):
    """The student's definition is in their glossary; ``cards`` are the refreshed cards."""

    term: str
    cards: dict[str, Enrichment]


@dataclass
class DefineFailed(Message):
    """Writing the student's definition failed; ``texts`` are kept as a draft."""

    entity_id: str
    texts: dict[str, str]
