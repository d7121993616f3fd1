"""What each entity's card shows: fresh lookups, the student's Wikipedia picks, saved cards.

Three sources meet here: ``fresh`` (this run's ``Enricher`` results),
``chosen`` (lookups of the Wikipedia title the student picked) and ``saved``
(the enrichment a resumed session carried, shown at once and offline). A card
is the JSON shape of ``Enrichment.to_json()``, so saved and fresh cards render
alike. A fresh lookup replaces a saved card unless it knows less (offline on
another machine, say); the saved one then stays.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from enrich.enricher import Enrichment

Card = dict[str, Any]


def _wiki(card: Card | None) -> dict[str, Any] | None:
    wiki = card.get("wikipedia") if card else None
    return wiki if isinstance(wiki, dict) else None


def _has_summary(card: Card | None) -> bool:
    wiki = _wiki(card)
    return bool(wiki and wiki.get("title"))


def _is_chosen(card: Card | None) -> bool:
    wiki = _wiki(card)
    return bool(wiki and wiki.get("chosen"))


def candidates(card: Card | None) -> list[tuple[str, str]]:
    """(title, description) of the shown article and every alternative, shown one first."""
    wiki = _wiki(card)
    if wiki is None:
        return []
    found: list[tuple[str, str]] = []
    if wiki.get("title"):
        found.append((str(wiki["title"]), str(wiki.get("description") or "")))
    for alt in wiki.get("alternatives") or []:
        if isinstance(alt, dict) and alt.get("title"):
            found.append((str(alt["title"]), str(alt.get("description") or "")))
    seen: set[str] = set()
    return [c for c in found if not (c[0] in seen or seen.add(c[0]))]  # type: ignore[func-returns-value]


def shown_title(card: Card | None) -> str:
    """The article the card shows; "" when it said "not found" (only suggestions)."""
    wiki = _wiki(card)
    return str(wiki.get("title") or "") if wiki else ""


def with_choice(original: Card | None, chosen: Card) -> Card:
    """The chosen article's card, still listing the other candidates (to switch back)."""
    card = dict(chosen)
    wiki = dict(_wiki(chosen) or {})
    title = wiki.get("title")
    others = [{"title": t, "description": d} for t, d in candidates(original) if t and t != title]
    wiki["alternatives"] = others
    wiki["chosen"] = True
    card["wikipedia"] = wiki
    return card


class ShownCards:
    """The card per entity id, merged from the three sources."""

    def __init__(self, saved: dict[str, Card] | None = None) -> None:
        self.fresh: dict[str, Enrichment] = {}
        self.chosen: dict[str, Card] = {}
        self.saved: dict[str, Card] = dict(saved or {})
        self.choices: dict[str, str] = {}  # entity id -> chosen title

    def add_fresh(self, cards: dict[str, Enrichment]) -> None:
        self.fresh.update(cards)

    def add_chosen(self, cards: dict[str, Enrichment]) -> None:
        for entity_id, card in cards.items():
            self.chosen[entity_id] = card.to_json()

    def forget_choice(self, entity_id: str) -> None:
        self.choices.pop(entity_id, None)
        self.chosen.pop(entity_id, None)
        if _is_chosen(self.saved.get(entity_id)):
            del self.saved[entity_id]

    def original(self, entity_id: str) -> Card | None:
        """The card before any choice: the fresh lookup unless it knows less than the saved."""
        saved = self.saved.get(entity_id)
        fresh = self.fresh.get(entity_id)
        fresh_json = fresh.to_json() if fresh is not None else None
        if fresh_json is None:
            return saved
        if saved is not None and _has_summary(saved) and not _has_summary(fresh_json):
            return saved
        return fresh_json

    def shown(self, entity_id: str | None) -> Card | None:
        if not entity_id:
            return None
        original = self.original(entity_id)
        if entity_id in self.choices:
            chosen = self.chosen.get(entity_id)
            if chosen is not None and _has_summary(chosen):
                return with_choice(original, chosen)
            saved = self.saved.get(entity_id)
            if _is_chosen(saved):  # the pick as saved, until (or unless) it is looked up again
                return saved
        return original

    def default_title(self, entity_id: str) -> str:
        """The title the lookup itself picked (choosing it again clears the choice)."""
        card = self.fresh.get(entity_id)
        if card is not None:
            wiki = card.wikipedia
            return wiki.summary.title if wiki is not None and wiki.summary is not None else ""
        saved = self.saved.get(entity_id)
        if _is_chosen(saved):
            return ""
        wiki = _wiki(saved)
        return str(wiki.get("title") or "") if wiki else ""

    def all_shown(self, entity_ids: list[str]) -> dict[str, Card]:
        """Every shown card, for the session file."""
        out = {}
        for entity_id in entity_ids:
            card = self.shown(entity_id)
            if card is not None:
                out[entity_id] = card
        return out
