"""The Enricher-facing Wikipedia API: ``lookup`` one term, ``prefetch`` an article.

Why prefetch: an article names ~15 things, and one request per thing and
property would be slow and rude. ``prefetch`` asks for all of them in one
batched query, then once more for the preferred-language articles, plus one
request per disambiguation page or unknown name. Everything lands in the
SQLite cache, so ``lookup`` afterwards costs no request, and an offline
reader still gets (stale) answers. Failures never raise: they end up in
``WikiResult.errors`` next to whatever the cache still had.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from functools import partial
from typing import TYPE_CHECKING, Any

from enrich.cache import Cache
from enrich.wiki import batch
from enrich.wiki.batch import PageData, normalise_title
from enrich.wiki.client import Unreachable, WikiClient, WikiError, WikiSettings
from enrich.wiki.resolve import (
    Choice,
    choose_meaning,
    choose_search_hit,
    direct,
    explain,
    query_for,
    summary_of,
)
from enrich.wiki.result import WikiQuery, WikiResult, WikiSummary

if TYPE_CHECKING:
    from enrich.model import Entity


@dataclass(slots=True)
class _Entry:
    value: Any
    from_cache: bool
    stale: bool


@dataclass(slots=True)
class _Run:
    """Per-prefetch bookkeeping: which keys failed, and with what message."""

    failed: dict[tuple[str, str, str], str] = field(default_factory=dict)


class WikiLookup:
    """Resolve names to Wikipedia articles, cache-first; safe to call from threads."""

    def __init__(
        self,
        settings: WikiSettings | None = None,
        *,
        cache: Cache | None = None,
        offline: bool = False,
        client: WikiClient | None = None,
    ) -> None:
        self.offline = offline
        # Set by the first "cannot resolve / cannot connect": from then on this
        # lookup is offline (cache only), and says so once instead of per card.
        self.went_offline = ""
        self.cache = cache if cache is not None else Cache(offline=offline)
        # Built eagerly: a bad --wiki-api URL is reported before any lookup.
        self.client = None if offline else (client or WikiClient(settings))

    def lookup(
        self,
        term: str,
        lang: str,
        context: str = "",
        label: str | None = None,
        preferred_lang: str | None = None,
    ) -> WikiResult:
        """Explain one term; cached data makes this free."""
        if not term.strip():
            return WikiResult(term, lang, "not_found", message="nothing to look up")
        query = WikiQuery(term, label, context)
        return self.prefetch([query], lang, preferred_lang=preferred_lang)[term]

    def prefetch(
        self,
        items: Iterable[WikiQuery | Entity | str],
        lang: str,
        *,
        text: str = "",
        preferred_lang: str | None = None,
    ) -> dict[str, WikiResult]:
        """Resolve all of an article's entities with as few requests as possible.

        ``text`` is the article text (for the context of ``Entity`` items).
        """
        queries = [q for q in (_as_query(item, text) for item in items) if q.term.strip()]
        pref = preferred_lang if preferred_lang and preferred_lang != lang else None
        run = _Run()
        names = [name for q in queries for name in (q.term, *q.aliases)]
        pages = self._pages(lang, names, pref, run)
        primary = {q.term: _primary(q, pages) for q in queries}

        jobs: dict[str, Callable[[], list[str]]] = {}
        for q in queries:
            _, entry = primary[q.term]
            if entry is None:
                continue
            page: PageData = entry.value
            if page["exists"] and page["disambiguation"]:
                jobs[q.term] = partial(self._links, lang, page["title"], pref, run)
            elif not page["exists"]:
                jobs[q.term] = partial(self._search, lang, q.term, run)
        candidates = self._run_jobs(jobs)
        wanted = [t for titles in candidates.values() for t in titles]
        cand_pages = self._pages(lang, wanted, pref, run)

        decided = {
            q.term: _decide(q, *primary[q.term], candidates.get(q.term, []), cand_pages)
            for q in queries
        }
        pref_titles = [
            c.page["langlinks"][pref]
            for c, _ in decided.values()
            if pref and c.page is not None and pref in c.page["langlinks"]
        ]
        pref_pages = self._pages(pref, pref_titles, None, run) if pref else {}
        results = {}
        for q in queries:
            choice, used = decided[q.term]
            name, entry = primary[q.term]
            keys = _keys_for(q, name, entry, lang, pref, candidates.get(q.term, []), choice)
            errors = list(dict.fromkeys(run.failed[k] for k in keys if k in run.failed))
            results[q.term] = self._result(q, name, lang, pref, choice, used, pref_pages, errors)
        return results

    def _run_jobs(self, jobs: dict[str, Callable[[], list[str]]]) -> dict[str, list[str]]:
        """One request per disambiguation page or unknown name: keep the allowed two in flight."""
        if len(jobs) < 2 or self.client is None:
            return {term: job() for term, job in jobs.items()}
        workers = self.client.settings.max_in_flight
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kontext-wiki") as pool:
            futures = {term: pool.submit(job) for term, job in jobs.items()}
            return {term: future.result() for term, future in futures.items()}

    def close(self) -> None:
        if self.client is not None:
            self.client.close()
        self.cache.close()

    # -- fetching, cache first -------------------------------------------------

    def _pages(
        self, lang: str, titles: list[str], pref: str | None, run: _Run
    ) -> dict[str, _Entry]:
        keys = list(dict.fromkeys(normalise_title(t) for t in titles if t.strip()))

        def usable(page: PageData) -> bool:
            return (
                not pref
                or not page["exists"]
                or page["disambiguation"]
                or (pref in page["ll_langs"])
            )

        def fetch(need: list[str]) -> dict[str, Any]:
            assert self.client is not None
            found = batch.query_pages(self.client, lang, need, langlink_lang=pref)
            canonical = {
                normalise_title(p["title"]): {**p, "redirect": False}
                for p in found.values()
                if p["exists"] and p["redirect"]
            }
            self.cache.put_many(lang, "page", canonical)
            return found

        return self._cached(lang, "page", keys, fetch, usable, run)

    def _links(self, lang: str, title: str, pref: str | None, run: _Run) -> list[str]:
        def fetch(need: list[str]) -> dict[str, Any]:
            assert self.client is not None
            out: dict[str, Any] = {}
            for key in need:
                linked = batch.links_of(self.client, lang, key, langlink_lang=pref)
                self.cache.put_many(lang, "page", {normalise_title(p["title"]): p for p in linked})
                out[key] = [p["title"] for p in linked]
            return out

        entry = self._cached(lang, "links", [title], fetch, lambda _: True, run).get(title)
        return list(entry.value) if entry else []

    def _search(self, lang: str, term: str, run: _Run) -> list[str]:
        key = " ".join(term.casefold().split())

        def fetch(need: list[str]) -> dict[str, Any]:
            assert self.client is not None
            return {k: self.client.search(lang, k, limit=8) for k in need}

        entry = self._cached(lang, "search", [key], fetch, lambda _: True, run).get(key)
        return list(entry.value) if entry else []

    def _cached(
        self,
        lang: str,
        kind: str,
        keys: list[str],
        fetch: Callable[[list[str]], dict[str, Any]],
        usable: Callable[[Any], bool],
        run: _Run,
    ) -> dict[str, _Entry]:
        """Fresh cache hits as they are; the rest fetched, or served stale if that fails."""
        hits = self.cache.get_many(lang, kind, keys)
        out: dict[str, _Entry] = {}
        need: list[str] = []
        for key in keys:
            hit = hits.get(key)
            if hit is not None and not hit.stale and usable(hit.value):
                out[key] = _Entry(hit.value, True, False)
            elif (lang, kind, key) in run.failed:
                continue  # already failed in this run: do not ask twice
            else:
                need.append(key)
        if need and self.client is not None and not self.went_offline:
            try:
                fresh = fetch(need)
            except Unreachable as exc:
                self.went_offline = str(exc)
            except WikiError as exc:
                for key in need:
                    run.failed[(lang, kind, key)] = str(exc)
            else:
                self.cache.put_many(lang, kind, fresh)
                out.update((k, _Entry(v, False, False)) for k, v in fresh.items() if k in need)
        for key in keys:
            if key not in out and key in hits:
                out[key] = _Entry(hits[key].value, True, hits[key].stale)
        return out

    # -- deciding and reporting ---------------------------------------------------

    def _result(
        self,
        q: WikiQuery,
        name: str,
        lang: str,
        pref: str | None,
        choice: Choice,
        used: list[_Entry],
        pref_pages: dict[str, _Entry],
        errors: list[str],
    ) -> WikiResult:
        preferred: WikiSummary | None = None
        if choice.page is not None and pref and pref in choice.page["langlinks"]:
            pref_entry = pref_pages.get(normalise_title(choice.page["langlinks"][pref]))
            if pref_entry is not None and pref_entry.value["exists"]:
                used = [*used, pref_entry]
                preferred = summary_of(
                    pref_entry.value,
                    choice.confidence,
                    from_cache=pref_entry.from_cache,
                    stale=pref_entry.stale,
                )
        from_cache = bool(used) and all(e.from_cache for e in used)
        stale = any(e.stale for e in used)
        summary = None
        if choice.page is not None:
            summary = summary_of(
                choice.page,
                choice.confidence,
                choice.alternatives,
                from_cache=from_cache,
                stale=stale,
            )
        first = used[0].value if used else None
        offline = self.offline or bool(self.went_offline)
        status, message = explain(q.term, name, lang, choice, first, errors, offline)
        if stale and summary is not None:
            message = (message + "; " if message else "") + "cached data (could not refresh)"
            if offline:
                message = message.replace("could not refresh", "offline")
        return WikiResult(
            term=q.term,
            lang=lang,
            status=status,
            summary=summary,
            preferred=preferred,
            alternatives=choice.alternatives,
            confidence=choice.confidence,
            message=message,
            errors=errors,
            from_cache=from_cache,
            stale=stale,
            warnings=list(self.cache.warnings),
        )


def _primary(q: WikiQuery, pages: dict[str, _Entry]) -> tuple[str, _Entry | None]:
    """Which name to go by: an article beats a disambiguation page beats nothing.

    "Vereinigte Generalstab Südkoreas" has no article, but its alias "JCS" has.
    """
    found = [(name, pages.get(normalise_title(name))) for name in (q.term, *q.aliases)]
    for name, entry in found:
        if entry is not None and entry.value["exists"] and not entry.value["disambiguation"]:
            return name, entry
    for name, entry in found:
        if entry is not None and entry.value["exists"]:
            return name, entry
    return found[0]


def _decide(
    q: WikiQuery,
    name: str,
    entry: _Entry | None,
    candidates: list[str],
    cand_pages: dict[str, _Entry],
) -> tuple[Choice, list[_Entry]]:
    """The choice for one query, and the cache entries it rests on (primary first)."""
    if entry is None:
        return Choice(None, 0.0, []), []
    page: PageData = entry.value
    if page["exists"] and not page["disambiguation"]:
        choice = direct(page, q.label)
        if name != q.term:  # an alias is a weaker link than the name itself
            choice = replace(choice, confidence=min(choice.confidence, 0.85))
        return choice, [entry]
    used = [entry]
    cands: list[PageData] = []
    for title in candidates:
        cand = cand_pages.get(normalise_title(title))
        if cand is not None:
            used.append(cand)
            cands.append(cand.value)
    if page["exists"]:
        return choose_meaning(cands, q.context, q.label, name), used
    return choose_search_hit(cands, q.context, q.label, q.term), used


def _keys_for(
    q: WikiQuery,
    name: str,
    entry: _Entry | None,
    lang: str,
    pref: str | None,
    candidates: list[str],
    choice: Choice,
) -> list[tuple[str, str, str]]:
    """The cache keys one query depended on, to pick out its own errors."""
    keys = [(lang, "page", normalise_title(n)) for n in (q.term, *q.aliases)]
    if entry is not None and entry.value["exists"] and entry.value["disambiguation"]:
        keys.append((lang, "links", entry.value["title"]))
    elif entry is not None and not entry.value["exists"]:
        keys.append((lang, "search", " ".join(q.term.casefold().split())))
    keys += [(lang, "page", normalise_title(t)) for t in candidates]
    if pref and choice.page is not None and pref in choice.page["langlinks"]:
        keys.append((pref, "page", normalise_title(choice.page["langlinks"][pref])))
    return keys


def _as_query(item: WikiQuery | Entity | str, text: str) -> WikiQuery:
    if isinstance(item, WikiQuery):
        return item
    if isinstance(item, str):
        return WikiQuery(item)
    return query_for(item, text)
