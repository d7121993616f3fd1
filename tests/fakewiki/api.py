"""The MediaWiki Action API's answers, imitated in formatversion-1 JSON shapes.

Only what Kontext and wikipedia-api send is imitated: ``action=query`` with
titles (normalisation, redirects, interwiki), the props extracts / info /
pageprops / description / langlinks / categories / links, ``generator=links``,
``list=search``, ``continue`` for extracts (20 per request) and
``action=opensearch``. Fixture pages come from ``pages_<lang>.json``, texts we
wrote ourselves.

The shapes were checked against recorded answers of the real API (the
wikipedia-api repository's cassettes): pages keyed by page id, a missing page
under a negative id with ``"missing": ""`` and no revision fields, ``normalized``
and ``redirects`` as from/to lists, ``langlinks`` items with ``lang``/``url``/``*``,
``continue`` beside ``query`` with ``batchcomplete`` only once a batch is done,
and a ``warnings`` block beside them. tests/enrich/test_wiki_real_shapes.py feeds
such shapes through Kontext's parsing.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
EXTRACTS_PER_REQUEST = 20  # what the real API allows with exintro
CATEGORY_NS = {"de": "Kategorie", "en": "Category"}


@dataclass
class Wiki:
    """One language's fixture pages and redirects."""

    lang: str
    pages: dict[str, dict[str, Any]]
    redirects: dict[str, str]
    _ids: dict[str, int] = field(default_factory=dict)

    @classmethod
    def load(cls, lang: str) -> Wiki:
        data = json.loads((HERE / f"pages_{lang}.json").read_text(encoding="utf-8"))
        return cls(lang, data["pages"], data["redirects"])


def answer(wiki: Wiki | None, lang: str, params: dict[str, str]) -> Any:
    """The JSON body for a well-behaved request."""
    if wiki is None:
        return error("nosuchwiki", f"No wiki for language {lang!r}")
    action = params.get("action", "")
    if action == "opensearch":
        return _opensearch(wiki, params)
    if action != "query":
        return error("badvalue", f"Unrecognized value for parameter action: {action}")
    if params.get("list") == "search":
        return _search(wiki, params)
    return _query(wiki, params)


def error(code: str, info: str) -> dict[str, Any]:
    return {"error": {"code": code, "info": info, "*": "See the API help."}, "servedby": "fake"}


def _normalise(title: str) -> str:
    text = " ".join(title.replace("_", " ").split())
    return text[:1].upper() + text[1:]


def _url(lang: str, title: str) -> str:
    return f"https://{lang}.wikipedia.org/wiki/" + quote(title.replace(" ", "_"), safe="(),:")


def _resolve(wiki: Wiki, titles: list[str], follow: bool, query: dict[str, Any]) -> list[str]:
    """Normalise, drop interwiki titles, follow redirects; report each step in ``query``."""
    out = []
    for raw in titles:
        prefix = raw.split(":", 1)[0].strip().lower()
        if ":" in raw and prefix in ("de", "en", "fr"):  # like the real API: before casing
            query.setdefault("interwiki", []).append({"title": raw, "iw": prefix})
            continue
        title = _normalise(raw)
        if title != raw:
            query.setdefault("normalized", []).append({"from": raw, "to": title})
        if follow and title in wiki.redirects:
            target = wiki.redirects[title]
            if not any(r["from"] == title for r in query.get("redirects", [])):
                query.setdefault("redirects", []).append({"from": title, "to": target})
            title = target
        if title not in out:
            out.append(title)
    return out


def _query(wiki: Wiki, params: dict[str, str]) -> dict[str, Any]:
    query: dict[str, Any] = {}
    titles = [t for t in params.get("titles", "").split("|") if t]
    follow = "redirects" in params
    resolved = _resolve(wiki, titles, follow, query)
    if params.get("generator") == "links":
        linked: list[str] = []
        for title in resolved:
            linked += wiki.pages.get(title, {}).get("links", [])
        generated: dict[str, Any] = {}
        resolved = _resolve(wiki, linked, follow, generated)
        query.update({k: v for k, v in generated.items() if k == "redirects"})
    elif params.get("generator"):
        return error("badvalue", f"generator {params['generator']} is not imitated")
    if not resolved:
        return {"batchcomplete": "", "query": query} if titles else error("notitles", "?")
    pages: dict[str, dict[str, Any]] = {}
    order: list[str] = []
    missing = 0
    for title in resolved:
        page = wiki.pages.get(title)
        if page is None:
            missing -= 1
            key = str(missing)
            pages[key] = {"ns": 0, "title": title, "missing": ""}
        else:
            key = str(page["id"])
            pages[key] = {"pageid": page["id"], "ns": 0, "title": title}
            order.append(key)
    props = [p for p in params.get("prop", "").split("|") if p]
    skip = set(params.get("continue", "").split("||", 1)[-1].split("|"))
    result: dict[str, Any] = {"query": {**query, "pages": pages}}
    for entry in pages.values():
        page = wiki.pages.get(entry["title"])
        if "info" in props and "info" not in skip:
            _add_info(wiki, page, entry, params, result)
        if page is None:
            continue
        _add_props(wiki, page, entry, props, skip, params)
    if "extracts" in props and "extracts" not in skip:
        offset = int(params.get("excontinue", "0") or 0)
        limit = EXTRACTS_PER_REQUEST
        if params.get("exlimit", "max") not in ("max", ""):
            limit = min(limit, int(params["exlimit"]))
        for key in order[offset : offset + limit]:
            page = wiki.pages[pages[key]["title"]]
            text = page["extract"]
            if "exintro" not in params and page.get("body"):
                text += "\n\n" + page["body"]
            pages[key]["extract"] = text
        if offset + limit < len(order):
            done = [p for p in props if p != "extracts"]
            result["continue"] = {"excontinue": offset + limit, "continue": "||" + "|".join(done)}
    if "continue" not in result:
        result["batchcomplete"] = ""
    return result


def _add_info(
    wiki: Wiki,
    page: dict[str, Any] | None,
    entry: dict[str, Any],
    params: dict[str, str],
    result: dict[str, Any],
) -> None:
    """``prop=info`` as the real API gives it: a missing page has no revision fields,
    the edit URL goes through index.php, and deprecated ``inprop`` values are warned of."""
    entry.update(
        contentmodel="wikitext",
        pagelanguage=wiki.lang,
        pagelanguagehtmlcode=wiki.lang,
        pagelanguagedir="ltr",
    )
    if page is not None:
        extract = str(page.get("extract", ""))
        entry.update(touched="2024-01-01T00:00:00Z", lastrevid=page["id"] * 7, length=len(extract))
    inprop = set(params.get("inprop", "").split("|"))
    if "url" in inprop:
        url = _url(wiki.lang, entry["title"])
        title = quote(entry["title"].replace(" ", "_"), safe="(),:")
        edit = f"https://{wiki.lang}.wikipedia.org/w/index.php?title={title}&action=edit"
        entry.update(fullurl=url, editurl=edit, canonicalurl=url)
    if "displaytitle" in inprop:
        entry["displaytitle"] = entry["title"]
    old = sorted(inprop & {"readable", "preload"})
    if old:
        said = "\n".join(f'The inprop value "{value}" is deprecated.' for value in old)
        result.setdefault("warnings", {})["info"] = {"*": said}


def _add_props(
    wiki: Wiki,
    page: dict[str, Any],
    entry: dict[str, Any],
    props: list[str],
    skip: set[str],
    params: dict[str, str],
) -> None:
    """Everything but extracts and info, which need the whole batch."""
    want = [p for p in props if p not in skip]
    if "description" in want and page.get("description"):
        entry.update(description=page["description"], descriptionsource="central")
    if "pageprops" in want:
        allowed = set(params.get("ppprop", "").split("|")) - {""}
        found = {}
        if page.get("disambiguation"):
            found["disambiguation"] = ""
        if page.get("wikibase_item"):
            found["wikibase_item"] = page["wikibase_item"]
        found = {k: v for k, v in found.items() if not allowed or k in allowed}
        if found:
            entry["pageprops"] = found
    if "langlinks" in want:
        only = params.get("lllang")
        links = [
            {"lang": lang, "url": _url(lang, title), "*": title}
            for lang, title in sorted(page.get("langlinks", {}).items())
            if not only or lang == only
        ]
        if "url" not in params.get("llprop", ""):
            for link in links:
                link.pop("url")
        if links:
            entry["langlinks"] = links
    if "categories" in want:
        names = list(page.get("categories", []))
        if params.get("clshow") != "!hidden":
            names += page.get("hidden_categories", [])
        ns = CATEGORY_NS.get(wiki.lang, "Category")
        if names:
            entry["categories"] = [{"ns": 14, "title": f"{ns}:{n}"} for n in names]
    if "links" in want and page.get("links"):
        entry["links"] = [{"ns": 0, "title": t} for t in page["links"]]


def _score(wiki: Wiki, title: str, words: list[str]) -> int:
    page = wiki.pages[title]
    title_words = title.casefold().replace("(", " ").replace(")", " ").split()
    text = f"{page.get('description', '')} {page['extract']}".casefold()
    score = 0
    for word in words:
        if any(t.startswith(word) or (len(t) >= 4 and word.startswith(t)) for t in title_words):
            score += 3
        elif word in text:
            score += 1
    return score


def _search(wiki: Wiki, params: dict[str, str]) -> dict[str, Any]:
    """A tiny full-text search: title words count three times, text once."""
    words = [w for w in params.get("srsearch", "").casefold().split() if len(w) >= 2]
    limit = int(params.get("srlimit", "10") or 10)
    offset = int(params.get("sroffset", "0") or 0)
    scored = sorted(
        ((s, t) for t in wiki.pages if (s := _score(wiki, t, words)) > 0), key=lambda x: -x[0]
    )
    hits = [
        {
            "ns": 0,
            "title": title,
            "pageid": wiki.pages[title]["id"],
            "size": len(wiki.pages[title]["extract"]) * 3,
            "wordcount": len(wiki.pages[title]["extract"].split()),
            "snippet": wiki.pages[title]["extract"][:80],
            "timestamp": "2024-01-01T00:00:00Z",
        }
        for _, title in scored[offset : offset + limit]
    ]
    result: dict[str, Any] = {"batchcomplete": "", "query": {"search": hits}}
    # Like the real API: searchinfo only holds what srinfo asks for (totalhits by default).
    if "totalhits" in params.get("srinfo", "totalhits|suggestion|rewrittenquery"):
        result["query"] = {"searchinfo": {"totalhits": len(scored)}, "search": hits}
    if offset + limit < len(scored):
        result["continue"] = {"sroffset": offset + limit, "continue": "-||"}
    return result


def _opensearch(wiki: Wiki, params: dict[str, str]) -> list[Any]:
    prefix = _normalise(params.get("search", ""))
    limit = int(params.get("limit", "10") or 10)
    titles = [t for t in sorted(wiki.pages) if t.startswith(prefix)][:limit]
    return [prefix, titles, ["" for _ in titles], [_url(wiki.lang, t) for t in titles]]
