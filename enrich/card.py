"""One entity's card as data: what the enricher found, what a session keeps, what is shown.

The enricher's ``Enrichment`` holds live objects (glossary matches, cache
warnings); ``Card`` is its plain, typed form. It is built once where a lookup
ends, carried through the reader and saved sessions, and read by the card
rendering and every export. Field names are those of the JSON a session file
and ``kontext lookup --json`` have always had. Every field has a default, so a
hand-edited or older card with a key missing still decodes; strings in it are
untrusted and cleaned where they are shown.
"""

from __future__ import annotations

import msgspec


class GlossaryCard(msgspec.Struct, kw_only=True):
    """The glossary entry matched, its definition already in the card's language."""

    term: str = ""
    label: str = ""
    aliases: list[str] = msgspec.field(default_factory=list)
    definition: str | None = None
    source: str = ""
    related: list[str] = msgspec.field(default_factory=list)


class SummaryCard(msgspec.Struct, kw_only=True):
    """The same article in the reader's preferred language."""

    title: str = ""
    lang: str = ""
    summary: str | None = None
    description: str | None = None
    url: str | None = None
    langlinks: dict[str, str] = msgspec.field(default_factory=dict)
    from_cache: bool = False
    stale: bool = False


class Alternative(msgspec.Struct, kw_only=True):
    """Another Wikipedia candidate the student may pick."""

    title: str = ""
    description: str | None = None


class WikiCard(msgspec.Struct, kw_only=True):
    """The Wikipedia lookup: the page shown (``title`` is None when none was found)."""

    status: str = ""
    title: str | None = None
    summary: str | None = None
    description: str | None = None
    url: str | None = None
    confidence: float = 0.0
    alternatives: list[Alternative] = msgspec.field(default_factory=list)
    langlinks: dict[str, str] = msgspec.field(default_factory=dict)
    from_cache: bool = False
    stale: bool = False
    message: str = ""
    preferred: SummaryCard | None = None
    # The student picked this page among the candidates (not the lookup's guess).
    chosen: bool = False


class FactsCard(msgspec.Struct, kw_only=True, omit_defaults=True):
    """Offline facts as ordered label -> value pairs, and where they come from."""

    kind: str = ""
    items: dict[str, str] = msgspec.field(default_factory=dict)
    source: str = ""
    iso: str = ""
    geonameid: int = 0
    country: str = ""


class Card(msgspec.Struct, kw_only=True):
    """Everything Kontext knows about one term or entity, as shown and saved."""

    term: str = ""
    lang: str = ""
    glossary: GlossaryCard | None = None
    wikipedia: WikiCard | None = None
    facts: FactsCard | None = None
    errors: list[str] = msgspec.field(default_factory=list)

    def to_json(self) -> dict[str, object]:
        """The card as JSON builtins (``kontext lookup --json``: add keys, never rename)."""
        out: dict[str, object] = msgspec.to_builtins(self)
        return out

    @property
    def has_summary(self) -> bool:
        """A Wikipedia page was resolved (not only suggestions or an error)."""
        return bool(self.wikipedia is not None and self.wikipedia.title)

    @property
    def is_chosen(self) -> bool:
        return bool(self.wikipedia is not None and self.wikipedia.chosen)


def card_from(raw: object) -> Card | None:
    """A saved card decoded, or None if it does not have a card's shape."""
    try:
        return msgspec.convert(raw, Card)
    except msgspec.ValidationError:
        return None
