"""The student's memory across articles: the entity index and the personal rules.

``EntityIndex`` (``entity_index``) is one SQLite file in the data directory,
rebuilt from the session files whenever it is missing or damaged; the session
store calls ``hook.index_after_save`` after every save. ``rules`` turns the
corrections made in sessions into personal rules applied to later
annotations; ``deck`` exports everything met as one Anki deck, CSV or Markdown.
Importing this package is cheap: SQLite and spaCy load on use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from enrich.index.files import index_path
from enrich.index.model import (
    EntityCorrection,
    EntitySummary,
    IndexedEntity,
    NoteEntry,
    Sighting,
    WikiChoice,
)

if TYPE_CHECKING:
    from enrich.index.entity_index import EntityIndex, EntityIndexError
    from enrich.index.extract import entity_key, key_of

__all__ = [
    "EntityCorrection",
    "EntityIndex",
    "EntityIndexError",
    "EntitySummary",
    "IndexedEntity",
    "NoteEntry",
    "Sighting",
    "WikiChoice",
    "entity_key",
    "index_path",
    "key_of",
]


def __getattr__(name: str) -> object:
    """The index and its keys load on first use: the session store imports this package."""
    if name in ("EntityIndex", "EntityIndexError"):
        from enrich.index import entity_index

        return getattr(entity_index, name)
    if name in ("entity_key", "key_of"):
        from enrich.index import extract

        return getattr(extract, name)
    raise AttributeError(name)
