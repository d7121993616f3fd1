"""Sessions: the student's annotated reading of an article, saved and exported.

``Session`` is the schema (msgspec structs, JSON on disk); ``convert`` moves
between it and the document model; ``corrections`` replays the student's
corrections over the recognizers' entities so they always win. ``store``
keeps sessions on disk (atomic, merged when two processes save one session);
``names`` makes session names safe as file names.
"""

from __future__ import annotations

from enrich.session.convert import annotation_of, new_session, snapshot_article
from enrich.session.corrections import apply_corrections
from enrich.session.merge import MergeReport
from enrich.session.model import (
    SCHEMA_VERSION,
    ArticleSnapshot,
    Bookmark,
    Correction,
    EntityNote,
    Position,
    Session,
)
from enrich.session.names import default_name, sanitize_name
from enrich.session.store import NameTakenError, SaveResult, SessionInfo, SessionStore

__all__ = [
    "SCHEMA_VERSION",
    "ArticleSnapshot",
    "Bookmark",
    "Correction",
    "EntityNote",
    "MergeReport",
    "NameTakenError",
    "Position",
    "SaveResult",
    "Session",
    "SessionInfo",
    "SessionStore",
    "annotation_of",
    "apply_corrections",
    "default_name",
    "new_session",
    "sanitize_name",
    "snapshot_article",
]
