"""Batched ``action=query`` requests: a whole article's entities in one round trip.

wikipedia-api fetches one page and one property per request, and offers no
``pageprops`` (disambiguation) or ``description``. Here up to 50 titles go
out in one query for extracts, descriptions, page props, URLs, categories and
(optionally) the langlink to one preferred language. Extracts come only 20
per request, so an article's titles go out in chunks of 20, side by side (as
many as the client allows in flight), rather than as one 50-title query whose
``continue`` rounds must follow each other: 50 titles take 2 round trips
instead of 3 with the same 3 requests. Requests go through
``WikiClient.api``: same transport, limiter and error handling as the library.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, NoReturn, TypedDict
from urllib.parse import quote

from enrich.text_clean import clean_text

if TYPE_CHECKING:
    from enrich.wiki.client import WikiClient

# Extracts per answer (exlimit with exintro), well under the API's 50 titles:
# one request per chunk, no continue rounds.
CHUNK_TITLES = 20
MAX_CONTINUES = 10  # a chunk needs none (categories may); more means a server loop
LIST_PROPS = ("langlinks", "categories")


class PageData(TypedDict):
    """What Kontext keeps of a page; JSON-serialisable for the cache."""

    title: str
    lang: str
    exists: bool
    disambiguation: bool
    description: str
    extract: str
    url: str
    wikibase_item: str
    langlinks: dict[str, str]  # only for the languages in ll_langs
    ll_langs: list[str]  # which languages langlinks were asked for
    categories: list[str]
    redirect: bool  # the input title was a redirect (or normalised) to ``title``
    interwiki: str  # "en" for an input like "en:Berlin"


def normalise_title(title: str) -> str:
    """MediaWiki's title form: spaces for underscores, one space, first letter upper."""
    text = " ".join(title.replace("_", " ").split())
    return text[:1].upper() + text[1:]


def page_url(lang: str, title: str) -> str:
    return f"https://{lang}.wikipedia.org/wiki/" + quote(title.replace(" ", "_"), safe="(),:'")


def batch_params(langlink_lang: str | None = None) -> dict[str, Any]:
    """The props of one batched page query (formatversion 1, plain-text intros)."""
    props = ["pageprops", "description", "extracts", "info", "categories"]
    params: dict[str, Any] = {
        "action": "query",
        "redirects": 1,
        "ppprop": "disambiguation|wikibase_item",
        "exintro": 1,
        "explaintext": 1,
        "exlimit": "max",
        "inprop": "url",
        "clshow": "!hidden",
        "cllimit": "max",
    }
    if langlink_lang:
        props.append("langlinks")
        params.update(lllang=langlink_lang, lllimit="max", llprop="url")
    params["prop"] = "|".join(props)
    return params


def query_pages(
    client: WikiClient,
    lang: str,
    titles: list[str],
    *,
    langlink_lang: str | None = None,
) -> dict[str, PageData]:
    """PageData for each input title (keyed as given), 20 titles per request.

    Inputs are mapped through ``normalized`` then ``redirects``; a title the
    wiki does not have comes back with ``exists=False``. The first failing
    chunk's error is raised, as a failing request of one big query would be.
    """
    unique = list(dict.fromkeys(t for t in titles if t.strip()))
    chunks = [unique[i : i + CHUNK_TITLES] for i in range(0, len(unique), CHUNK_TITLES)]

    def one(chunk: list[str]) -> dict[str, PageData]:
        return _query_chunk(client, lang, chunk, langlink_lang)

    if len(chunks) < 2:
        return one(chunks[0]) if chunks else {}
    workers = min(len(chunks), max(1, client.settings.max_in_flight))
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kontext-wiki") as pool:
        answers = [pool.submit(one, chunk) for chunk in chunks]
        return {title: page for answer in answers for title, page in answer.result().items()}


def _query_chunk(
    client: WikiClient,
    lang: str,
    chunk: list[str],
    langlink_lang: str | None,
) -> dict[str, PageData]:
    result: dict[str, PageData] = {}
    if chunk:
        params = batch_params(langlink_lang)
        params["titles"] = "|".join(chunk)
        query = query_all(client, lang, params)
        by_title = {
            page["title"]: page
            for page in query["pages"].values()
            if isinstance(page.get("title"), str)
        }
        normalized = {n["from"]: n["to"] for n in query["normalized"]}
        redirects = {r["from"]: r["to"] for r in query["redirects"]}
        interwiki = {i["title"]: i.get("iw", "") for i in query["interwiki"]}
        for title in chunk:
            target = normalized.get(title, title)
            moved = target != title
            for _ in range(5):  # redirect chains are resolved once by the API; be safe
                if target not in redirects:
                    break
                target, moved = redirects[target], True
            page = by_title.get(target)
            if page is None:
                data = _missing(lang, target)
                data["interwiki"] = interwiki.get(title) or interwiki.get(target, "")
            else:
                data = page_data(page, lang, langlink_lang)
            data["redirect"] = moved
            result[title] = data
    return result


def links_of(
    client: WikiClient,
    lang: str,
    title: str,
    *,
    langlink_lang: str | None = None,
) -> list[PageData]:
    """The articles a (disambiguation) page links to, with their props, in link order."""
    params = batch_params(langlink_lang)
    params.update(titles=title, generator="links", gplnamespace=0, gpllimit="max")
    query = query_all(client, lang, params)
    pages = [p for p in query["pages"].values() if isinstance(p.get("title"), str)]
    # Keep the page's own link order when the answer gives one.
    pages.sort(key=lambda p: p["index"] if isinstance(p.get("index"), int) else 0)
    return [page_data(p, lang, langlink_lang) for p in pages]


def query_all(client: WikiClient, lang: str, params: dict[str, Any]) -> dict[str, Any]:
    """Send a query and follow ``continue``, merging each page's props.

    The answer's shape is checked here, once: a part that is not what the API
    documents is a ``WikiError`` ("unexpected answer"), so later code may
    index what it finds and a garbled answer is never taken for "not found".
    """
    merged: dict[str, Any] = {"pages": {}, "normalized": [], "redirects": [], "interwiki": []}
    cont: dict[str, Any] = {}
    for _ in range(MAX_CONTINUES):
        data = client.api(lang, {**params, **cont})
        query = data.get("query")
        if not isinstance(query, dict):
            if "batchcomplete" in data and query is None:
                return merged  # e.g. only invalid titles
            _unexpected(lang, "no 'query' in it")
        for key, fields in (
            ("normalized", ("from", "to")),
            ("redirects", ("from", "to")),
            ("interwiki", ("title",)),
        ):
            items = query.get(key, [])
            if not isinstance(items, list):
                _unexpected(lang, f"'{key}' is not a list")
            for item in items:
                if not _has_text(item, fields):
                    _unexpected(lang, f"a malformed item in '{key}'")
                if item not in merged[key]:
                    merged[key].append(item)
        pages = query.get("pages", {})
        if not isinstance(pages, dict):
            _unexpected(lang, "'pages' is not an object")
        for page_id, page in pages.items():
            if not isinstance(page, dict):
                _unexpected(lang, "a page that is not an object")
            _merge_page(merged["pages"].setdefault(page_id, {}), page)
        cont = data.get("continue") or {}
        if not isinstance(cont, dict) or not cont:
            return merged
    return merged  # give up quietly: what we have is still useful


def _unexpected(lang: str, what: str) -> NoReturn:
    from enrich.wiki.client import WikiError

    raise WikiError(f"Wikipedia ({lang}) sent an unexpected answer ({what})")


def _has_text(item: object, fields: tuple[str, ...]) -> bool:
    """A dict whose ``fields`` are all strings (a normalisation, redirect, interwiki)."""
    return isinstance(item, dict) and all(isinstance(item.get(f), str) for f in fields)


def _text(value: object) -> str:
    """A string field from the API, cleaned of control sequences; anything else is ""."""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def _merge_page(target: dict[str, Any], page: dict[str, Any]) -> None:
    for key, value in page.items():
        if key in LIST_PROPS and isinstance(value, list):
            known = target.setdefault(key, [])
            if not isinstance(known, list):
                known = target[key] = []
            known.extend(v for v in value if v not in known)
        else:
            target[key] = value


def page_data(page: dict[str, Any], lang: str, langlink_lang: str | None = None) -> PageData:
    """One ``query.pages`` entry as PageData (negative ids and "missing" mean absent).

    Every text is cleaned here, at the door: Wikipedia text is untrusted, and
    the cache, cards, sessions and exports all get it from this one place.
    """
    title = _text(page.get("title"))
    try:
        pageid = int(page.get("pageid", -1))
    except (TypeError, ValueError):
        pageid = -1
    if "missing" in page or "invalid" in page or pageid <= 0 or not title:
        return _missing(lang, title)
    props = page.get("pageprops")
    props = props if isinstance(props, dict) else {}
    langlinks = {
        _text(ll["lang"]): _text(ll.get("*") or ll.get("title"))
        for ll in _list(page.get("langlinks"))
        if isinstance(ll, dict) and isinstance(ll.get("lang"), str)
    }
    categories = [
        _text(c["title"]).split(":", 1)[-1]
        for c in _list(page.get("categories"))
        if isinstance(c, dict) and isinstance(c.get("title"), str)
    ]
    url = _text(page.get("fullurl"))
    return PageData(
        title=title,
        lang=lang,
        exists=True,
        disambiguation="disambiguation" in props,
        description=_text(page.get("description")),
        extract=_text(page.get("extract")).strip(),
        url=url if url.startswith(("https://", "http://")) else page_url(lang, title),
        wikibase_item=_text(props.get("wikibase_item")),
        langlinks={k: v for k, v in langlinks.items() if k and v},
        ll_langs=[langlink_lang] if langlink_lang else [],
        categories=categories,
        redirect=False,
        interwiki="",
    )


def _list(value: object) -> list[Any]:
    return value if isinstance(value, list) else []


def _missing(lang: str, title: str) -> PageData:
    return PageData(
        title=title,
        lang=lang,
        exists=False,
        disambiguation=False,
        description="",
        extract="",
        url="",
        wikibase_item="",
        langlinks={},
        ll_langs=[],
        categories=[],
        redirect=False,
        interwiki="",
    )
