"""One card of knowledge per entity: glossary entry, Wikipedia summary, offline facts.

The side panel and ``kontext lookup`` / ``annotate --enrich`` all go through
``Enricher``, so the three sources are merged, ordered and error-reported in
one place. Wikipedia lookups for a whole article are prefetched in batches.
A failing source never hides the others: its message goes to ``errors``.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import msgspec

from enrich.card import Alternative, Card, FactsCard, GlossaryCard, SummaryCard, WikiCard
from enrich.facts import Facts, facts_for
from enrich.model import Annotation, Entity

if TYPE_CHECKING:
    from enrich.glossary import Glossary, Match
    from enrich.wiki.lookup import WikiLookup
    from enrich.wiki.result import WikiQuery, WikiResult, WikiSummary


@dataclass(frozen=True, slots=True)
class Enrichment:
    """Everything Kontext knows about one term or entity."""

    term: str
    lang: str
    glossary: Match | None = None
    wikipedia: WikiResult | None = None
    facts: Facts | None = None
    errors: list[str] = field(default_factory=list)

    def card(self) -> Card:
        """The typed card the reader shows, sessions keep and exports read."""
        return Card(
            term=self.term,
            lang=self.lang,
            glossary=_glossary_card(self.glossary, self.lang),
            wikipedia=_wiki_card(self.wikipedia),
            facts=_facts_card(self.facts),
            errors=list(self.errors),
        )

    def to_json(self) -> dict[str, object]:
        """The machine interface of ``kontext lookup --json``: add keys, never rename."""
        return self.card().to_json()


def _glossary_card(match: Match | None, lang: str) -> GlossaryCard | None:
    if match is None:
        return None
    entry = match.entry
    other = "en" if lang == "de" else "de"
    return GlossaryCard(
        term=entry.term,
        label=str(entry.label),
        aliases=list(entry.aliases),
        definition=entry.definition(lang) or entry.definition(other),
        source=match.source,
        related=list(entry.related),
    )


def _summary_card(summary: WikiSummary | None) -> SummaryCard | None:
    if summary is None:
        return None
    return SummaryCard(
        title=summary.title,
        lang=summary.lang,
        summary=summary.summary,
        description=summary.description,
        url=summary.url,
        langlinks=dict(summary.langlinks),
        from_cache=summary.from_cache,
        stale=summary.stale,
    )


def _wiki_card(result: WikiResult | None) -> WikiCard | None:
    if result is None:
        return None
    summary = result.summary
    return WikiCard(
        status=result.status,
        title=summary.title if summary else None,
        summary=summary.summary if summary else None,
        description=summary.description if summary else None,
        url=summary.url if summary else None,
        confidence=round(result.confidence, 3),
        alternatives=[Alternative(title=t, description=d) for t, d in result.alternatives],
        langlinks=dict(summary.langlinks) if summary else {},
        from_cache=result.from_cache,
        stale=result.stale,
        message=result.message,
        preferred=_summary_card(result.preferred),
    )


def _facts_card(facts: Facts | None) -> FactsCard | None:
    if facts is None:
        return None
    return msgspec.convert(facts.to_json(), FactsCard)


class Enricher:
    """Glossary + Wikipedia + facts, with one cache and one Wikipedia client.

    ``preferred_lang`` adds the summary in the reader's language (e.g. English
    for a German article); ``offline`` uses only the cache, glossary and facts.
    """

    def __init__(
        self,
        *,
        preferred_lang: str | None = None,
        offline: bool = False,
        api_url: str | None = None,
        wikipedia: bool = True,
    ) -> None:
        self.preferred_lang = preferred_lang
        self._asked_offline = offline
        self.warnings: list[str] = []
        self._wiki: WikiLookup | None = None
        if wikipedia:
            from enrich.wiki.client import WikiSettings
            from enrich.wiki.lookup import WikiLookup

            settings = WikiSettings(api_url=api_url) if api_url is not None else None
            self._wiki = WikiLookup(settings, offline=offline)

    @property
    def offline(self) -> bool:
        """Asked to be offline, or went offline when Wikipedia was not reachable."""
        return self._asked_offline or bool(self.went_offline)

    @property
    def went_offline(self) -> str:
        """Why Wikipedia went offline by itself in this enricher ("" if it did not)."""
        return self._wiki.went_offline if self._wiki is not None else ""

    def go_offline(self, reason: str) -> None:
        """Skip the network from now on: an earlier lookup found Wikipedia unreachable."""
        if self._wiki is not None and reason:
            self._wiki.went_offline = reason

    def close(self) -> None:
        if self._wiki is not None:
            self._wiki.close()

    def __enter__(self) -> Enricher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _glossary(self, annotation: Annotation | None) -> Glossary:
        from enrich.glossary import load_glossary

        glossary, warnings = load_glossary(annotation=annotation)
        self.warnings.extend(w for w in warnings if w not in self.warnings)
        return glossary

    def _preferred(self, lang: str) -> str | None:
        return self.preferred_lang if self.preferred_lang not in (None, lang) else None

    def lookup(
        self, term: str, lang: str, *, context: str = "", label: str | None = None
    ) -> Enrichment:
        """Everything about one term typed by the user."""
        from enrich.wiki.result import WikiQuery

        match = self._glossary(None).resolve(term, lang)
        query = _with_glossary_title(WikiQuery(term, label, context), match, lang)
        wiki = None
        if self._wiki is not None:
            wiki = self._wiki.lookup(
                query.term, lang, context=context, label=label, preferred_lang=self._preferred(lang)
            )
        facts = facts_for("", term, lang)
        return Enrichment(term, lang, match, wiki, facts, _errors(wiki))

    def enrich(
        self,
        annotation: Annotation,
        *,
        only: Collection[str] | None = None,
        titles: Mapping[str, str] | None = None,
    ) -> dict[str, Enrichment]:
        """Cards for every entity of an article, keyed by entity id, in few requests.

        ``only`` limits the cards to these entity ids (the reader asks for the
        entities on screen first); ``titles`` maps entity ids to the Wikipedia
        title the student picked among the candidates, looked up as it is.
        """
        from enrich.wiki.result import WikiQuery

        lang = annotation.language
        text = annotation.article.text
        glossary = self._glossary(annotation)
        entities = [e for e in annotation.entities if only is None or e.id in only]
        matches = {e.id: _glossary_match(glossary, e, lang) for e in entities}
        places = {e.id: _place_of(e, lang) for e in entities}
        queries = {
            e.id: _with_glossary_title(_query(e, text, places[e.id]), matches[e.id], lang)
            for e in entities
            if e.label != "TERM" or matches[e.id] is None or _wiki_title(matches[e.id], lang)
        }
        for e in entities:
            title = (titles or {}).get(e.id)
            if title:
                queries[e.id] = WikiQuery(title, str(e.label))
        results: dict[str, WikiResult] = {}
        if self._wiki is not None and queries:
            by_term = self._wiki.prefetch(
                list(queries.values()), lang, text=text, preferred_lang=self._preferred(lang)
            )
            results = {eid: by_term[q.term] for eid, q in queries.items() if q.term in by_term}
        spellings = _place_spellings(annotation.entities)
        cards = {}
        for e in entities:
            wiki = results.get(e.id)
            facts = facts_for(e.key, e.name, lang, spellings) if e.label == "LOC" else None
            if places[e.id]:  # "Canadian": the facts of Canada
                facts = facts_for("", places[e.id], lang, spellings)
            cards[e.id] = Enrichment(e.name, lang, matches[e.id], wiki, facts, _errors(wiki))
        return cards


def _place_of(entity: Entity, lang: str) -> str:
    """The place a nationality word is of ("Canadian" → "Canada"), else ""."""
    from enrich.nlp.places import nationality_place

    return nationality_place(entity.key, lang)


def _query(entity: Entity, text: str, place: str) -> WikiQuery:
    """A nationality word ("Canadian") is looked up as its place: the card explains Canada."""
    from enrich.wiki.resolve import context_for, query_for
    from enrich.wiki.result import WikiQuery

    if place:
        return WikiQuery(place, "LOC", context_for(entity, text))
    return query_for(entity, text)


def _place_spellings(entities: Collection[Entity]) -> dict[str, str]:
    """City key → the name this article uses, so facts spell a capital as the text does."""
    spellings: dict[str, str] = {}
    for e in entities:
        if e.key.startswith("geo:") and e.key[4:].isdigit():
            spellings.setdefault(e.key, e.name)
    return spellings


def _glossary_match(glossary: Glossary, entity: Entity, lang: str) -> Match | None:
    for name in (entity.name, *entity.aliases):
        match = glossary.resolve(name, lang)
        if match is not None:
            return match
    return None


def _wiki_title(match: Match | None, lang: str) -> str:
    if match is None or match.entry.wikipedia is None:
        return ""
    return getattr(match.entry.wikipedia, lang, "") or ""


def _with_glossary_title(query: WikiQuery, match: Match | None, lang: str) -> WikiQuery:
    """A curated Wikipedia title beats guessing from the surface form."""
    from dataclasses import replace

    title = _wiki_title(match, lang)
    if not title or title == query.term:
        return query
    return replace(query, term=title, aliases=(*query.aliases, query.term))


def _errors(wiki: WikiResult | None) -> list[str]:
    return list(wiki.errors) if wiki is not None else []
