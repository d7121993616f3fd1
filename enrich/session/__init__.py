"""Sessions: the student's annotated reading of an article, saved and exported.

``Session`` is the schema (msgspec structs, JSON on disk); ``convert`` moves
between it and the document model; ``corrections`` replays the student's
corrections over the recognizers' entities so they always win.
"""

from __future__ import annotations

from enrich.session.convert import annotation_of, new_session, snapshot_article
from enrich.session.corrections import apply_corrections
from enrich.session.model import (
    SCHEMA_VERSION,
    ArticleSnapshot,
    Bookmark,
    Correction,
    EntityNote,
    Position,
    Session,
)

__all__ = [
    "SCHEMA_VERSION",
    "ArticleSnapshot",
    "Bookmark",
    "Correction",
    "EntityNote",
    "Position",
    "Session",
    "annotation_of",
    "apply_corrections",
    "new_session",
    "snapshot_article",
]
