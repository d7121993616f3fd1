"""What each entity's card shows: fresh lookups, the student's Wikipedia picks, saved cards.

Three sources meet here: ``fresh`` (this run's ``Enricher`` results),
``chosen`` (lookups of the Wikipedia title the student picked) and ``saved``
(the enrichment a resumed session carried, shown at once and offline). Each is
a typed ``Card``, so saved and fresh cards render alike. A fresh lookup
replaces a saved card unless it knows less (offline on another machine, say);
the saved one then stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import msgspec

from enrich.card import Alternative, Card, WikiCard

if TYPE_CHECKING:
    from enrich.enricher import Enrichment


def candidates(card: Card | None) -> list[tuple[str, str]]:
    """(title, description) of the shown article and every alternative, shown one first."""
    wiki = card.wikipedia if card is not None else None
    if wiki is None:
        return []
    found: list[tuple[str, str]] = []
    if wiki.title:
        found.append((wiki.title, wiki.description or ""))
    found += [(alt.title, alt.description or "") for alt in wiki.alternatives if alt.title]
    seen: set[str] = set()
    unique = []
    for title, description in found:
        if title not in seen:
            seen.add(title)
            unique.append((title, description))
    return unique


def shown_title(card: Card | None) -> str:
    """The article the card shows; "" when it said "not found" (only suggestions)."""
    wiki = card.wikipedia if card is not None else None
    return (wiki.title or "") if wiki is not None else ""


def with_choice(original: Card | None, chosen: Card) -> Card:
    """The chosen article's card, still listing the other candidates (to switch back)."""
    wiki = chosen.wikipedia or WikiCard()
    others = [
        Alternative(title=t, description=d)
        for t, d in candidates(original)
        if t and t != wiki.title
    ]
    return msgspec.structs.replace(
        chosen, wikipedia=msgspec.structs.replace(wiki, alternatives=others, chosen=True)
    )


class ShownCards:
    """The card per entity id, merged from the three sources."""

    def __init__(self, saved: dict[str, Card] | None = None) -> None:
        self.fresh: dict[str, Card] = {}
        self.chosen: dict[str, Card] = {}
        self.saved: dict[str, Card] = dict(saved or {})
        self.choices: dict[str, str] = {}  # entity id -> chosen title

    def add_fresh(self, cards: dict[str, Enrichment]) -> None:
        self.fresh.update((entity_id, card.card()) for entity_id, card in cards.items())

    def add_chosen(self, cards: dict[str, Enrichment]) -> None:
        self.chosen.update((entity_id, card.card()) for entity_id, card in cards.items())

    def forget_choice(self, entity_id: str) -> None:
        self.choices.pop(entity_id, None)
        self.chosen.pop(entity_id, None)
        saved = self.saved.get(entity_id)
        if saved is not None and saved.is_chosen:
            del self.saved[entity_id]

    def original(self, entity_id: str) -> Card | None:
        """The card before any choice: the fresh lookup unless it knows less than the saved."""
        saved = self.saved.get(entity_id)
        fresh = self.fresh.get(entity_id)
        if fresh is None:
            return saved
        if saved is not None and saved.has_summary and not fresh.has_summary:
            return saved
        return fresh

    def shown(self, entity_id: str | None) -> Card | None:
        if not entity_id:
            return None
        original = self.original(entity_id)
        if entity_id in self.choices:
            chosen = self.chosen.get(entity_id)
            if chosen is not None and chosen.has_summary:
                return with_choice(original, chosen)
            saved = self.saved.get(entity_id)
            if saved is not None and saved.is_chosen:
                return saved  # the pick as saved, until (or unless) it is looked up again
        return original

    def default_title(self, entity_id: str) -> str:
        """The title the lookup itself picked (choosing it again clears the choice)."""
        card = self.fresh.get(entity_id)
        if card is None:
            card = self.saved.get(entity_id)
            if card is not None and card.is_chosen:
                return ""
        return shown_title(card)

    def all_shown(self, entity_ids: list[str]) -> dict[str, Card]:
        """Every shown card, for the session file."""
        out = {}
        for entity_id in entity_ids:
            card = self.shown(entity_id)
            if card is not None:
                out[entity_id] = card
        return out
