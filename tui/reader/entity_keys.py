"""The index key of an entity as the reader shows it now (its card and the student's
Wikipedia choice included, saved or not): what "Seen in" and the known marks ask for."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import msgspec

if TYPE_CHECKING:
    from enrich.card import Card
    from enrich.model import Entity
    from enrich.session import Session


def shown_session(
    session: Session, cards: Mapping[str, Card], choices: Mapping[str, str]
) -> Session:
    """``session`` with the cards and choices on screen, for ``key_of`` (a copy)."""
    return msgspec.structs.replace(
        session,
        enrichment={**session.enrichment, **cards},
        wiki_choices={**session.wiki_choices, **choices},
    )


def keys_of(session: Session, entities: Iterable[Entity]) -> dict[str, str]:
    """Entity id -> index key."""
    from enrich.index import key_of

    return {e.id: key_of(session, e) for e in entities}
