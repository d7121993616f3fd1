"""Messages the reader's workers post back to the UI thread.

Workers never touch widgets: they post one of these (``post_message`` is
thread-safe) and the app updates the screen on its event loop.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.message import Message

if TYPE_CHECKING:
    from enrich.enricher import Enrichment
    from enrich.model import Annotation


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
    """Cards for the article's entities, keyed by entity id."""

    cards: dict[str, Enrichment]
    offline: bool = False


@dataclass
class EnrichmentFailed(Message):
    """Enrichment failed as a whole; ``error`` is one line for the user."""

    error: str
