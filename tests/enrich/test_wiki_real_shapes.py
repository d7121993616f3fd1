"""Kontext's parsing of Wikipedia answers in the real API's shapes.

The answers below follow the structure of recorded answers of the live
MediaWiki Action API (formatversion 1, as wikipedia-api's repository keeps
them): the key names, how a missing page, a normalised title and a redirect
look, langlinks items, a ``warnings`` block, and a ``continue`` block that
holds back part of a batch. Titles and texts are our own. A small loopback
server sends them over real HTTP to the real client, so they pass through the
same transport, library and parsing as a lookup in the reader.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from enrich.wiki import batch
from enrich.wiki.client import WikiClient, WikiSettings

FJORD = "Kieler Förde"
WERFT = "Seeadlerwerft"
NOWHERE = "Hafenamt Nirgendwo"

# Title info as the real API adds it with prop=info&inprop=url.
_INFO = {"contentmodel": "wikitext", "pagelanguage": "de", "pagelanguagehtmlcode": "de"}

# The first answer of a batched query: extracts stop after one page, so a
# ``continue`` block (with an integer ``excontinue``) replaces ``batchcomplete``.
BATCH_FIRST: dict[str, Any] = {
    "continue": {"excontinue": 1, "continue": "||categories|description|info|langlinks|pageprops"},
    "warnings": {"info": {"*": 'The inprop value "readable" is deprecated.'}},
    "query": {
        "normalized": [{"from": "Kieler_Förde", "to": FJORD}],
        "redirects": [{"from": "Seeadler-Werft", "to": WERFT}],
        "pages": {
            "-1": {
                "ns": 0,
                "title": NOWHERE,
                "missing": "",
                **_INFO,
                "pagelanguagedir": "ltr",
                "protection": [],
                "restrictiontypes": ["create"],
                "fullurl": "https://de.wikipedia.org/wiki/Hafenamt_Nirgendwo",
                "editurl": (
                    "https://de.wikipedia.org/w/index.php?title=Hafenamt_Nirgendwo&action=edit"
                ),
                "canonicalurl": "https://de.wikipedia.org/wiki/Hafenamt_Nirgendwo",
            },
            "480151": {
                "pageid": 480151,
                "ns": 0,
                "title": FJORD,
                "extract": "Die Kieler Förde ist eine schmale Meeresbucht, an der Kiel liegt.",
                "description": "Meeresbucht in Schleswig-Holstein",
                "pageprops": {"wikibase_item": "Q990001"},
                "categories": [{"ns": 14, "title": "Kategorie:Bucht (Ostsee)"}],
                "langlinks": [
                    {
                        "lang": "en",
                        "url": "https://en.wikipedia.org/wiki/Kiel_Fjord",
                        "*": "Kiel Fjord",
                    }
                ],
                **_INFO,
                "touched": "2024-05-02T09:00:00Z",
                "lastrevid": 2400001,
                "length": 5120,
                "fullurl": "https://de.wikipedia.org/wiki/Kieler_F%C3%B6rde",
            },
            "623420": {
                "pageid": 623420,
                "ns": 0,
                "title": WERFT,
                "pageprops": {"wikibase_item": "Q990002"},
                "categories": [{"ns": 14, "title": "Kategorie:Werft (Deutschland)"}],
                **_INFO,
                "touched": "2024-05-03T10:00:00Z",
                "lastrevid": 2400002,
                "length": 2048,
                "fullurl": "https://de.wikipedia.org/wiki/Seeadlerwerft",
            },
        },
    },
}

# The continuation: every page again, now with only what was held back.
BATCH_REST: dict[str, Any] = {
    "batchcomplete": "",
    "query": {
        "normalized": [{"from": "Kieler_Förde", "to": FJORD}],
        "redirects": [{"from": "Seeadler-Werft", "to": WERFT}],
        "pages": {
            "-1": {"ns": 0, "title": NOWHERE, "missing": ""},
            "480151": {"pageid": 480151, "ns": 0, "title": FJORD},
            "623420": {
                "pageid": 623420,
                "ns": 0,
                "title": WERFT,
                "extract": "Die Seeadlerwerft baute Fischkutter und kleine Fähren.",
            },
        },
    },
}

# list=search: hits in rank order, and a continue block for the next page of hits.
SEARCH: dict[str, Any] = {
    "batchcomplete": "",
    "continue": {"sroffset": 2, "continue": "-||"},
    "query": {
        "searchinfo": {"totalhits": 7},
        "search": [
            {
                "ns": 0,
                "title": FJORD,
                "pageid": 480151,
                "size": 5120,
                "wordcount": 800,
                "snippet": 'Die <span class="searchmatch">Förde</span> ist schmal',
                "timestamp": "2024-05-02T09:00:00Z",
            },
            {
                "ns": 0,
                "title": "Eckernförder Bucht",
                "pageid": 480152,
                "size": 3000,
                "wordcount": 420,
                "snippet": 'eine Bucht nördlich der <span class="searchmatch">Förde</span>',
                "timestamp": "2024-04-01T08:00:00Z",
            },
        ],
    },
}

# prop=langlinks for one page, as the library asks for it (llprop=url).
LANGLINKS: dict[str, Any] = {
    "batchcomplete": "",
    "query": {
        "pages": {
            "480151": {
                "pageid": 480151,
                "ns": 0,
                "title": FJORD,
                "langlinks": [
                    {
                        "lang": "da",
                        "url": "https://da.wikipedia.org/wiki/Kiel_Fjord",
                        "*": "Kiel Fjord",
                    },
                    {
                        "lang": "en",
                        "url": "https://en.wikipedia.org/wiki/Kiel_Fjord",
                        "*": "Kiel Fjord",
                    },
                ],
            }
        }
    },
}


class _Recorded:
    """A loopback MediaWiki that answers from the shapes above, by what is asked."""

    def __init__(self) -> None:
        self.queries: list[dict[str, str]] = []
        recorded = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                params = {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()}
                recorded.queries.append(params)
                body = json.dumps(recorded.answer(params)).encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: object) -> None:
                """Keep test output clean."""

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/w/api.php"

    @staticmethod
    def answer(params: dict[str, str]) -> dict[str, Any]:
        if params.get("list") == "search":
            return SEARCH
        if params.get("prop") == "langlinks":
            return LANGLINKS
        return BATCH_REST if "excontinue" in params else BATCH_FIRST


@pytest.fixture
def recorded() -> Iterator[_Recorded]:
    wiki = _Recorded()
    wiki.thread.start()
    try:
        yield wiki
    finally:
        wiki.server.shutdown()
        wiki.server.server_close()


@pytest.fixture
def client(recorded: _Recorded) -> Iterator[WikiClient]:
    client = WikiClient(WikiSettings(api_url=recorded.api_url, timeout=5.0))
    try:
        yield client
    finally:
        client.close()


def test_a_batch_with_a_continue_block_maps_every_input_title(
    client: WikiClient, recorded: _Recorded
) -> None:
    asked = ["Kieler_Förde", "Seeadler-Werft", NOWHERE]
    pages = batch.query_pages(client, "de", asked, langlink_lang="en")

    assert set(pages) == set(asked)  # keyed as given, through normalized and redirects
    fjord = pages["Kieler_Förde"]
    assert fjord["exists"] and fjord["title"] == FJORD and fjord["redirect"]
    assert fjord["extract"].startswith("Die Kieler Förde ist eine schmale Meeresbucht")
    assert fjord["description"] == "Meeresbucht in Schleswig-Holstein"
    assert fjord["langlinks"] == {"en": "Kiel Fjord"}
    assert fjord["wikibase_item"] == "Q990001"
    assert fjord["categories"] == ["Bucht (Ostsee)"]
    assert fjord["url"] == "https://de.wikipedia.org/wiki/Kieler_F%C3%B6rde"

    werft = pages["Seeadler-Werft"]
    assert werft["exists"] and werft["title"] == WERFT and werft["redirect"]
    # The extract came only in the continuation, the props only in the first answer.
    assert werft["extract"] == "Die Seeadlerwerft baute Fischkutter und kleine Fähren."
    assert werft["categories"] == ["Werft (Deutschland)"]

    missing = pages[NOWHERE]
    assert not missing["exists"] and missing["title"] == NOWHERE
    assert missing["extract"] == "" and missing["url"] == ""

    # The continuation echoed the continue block back, as the API asks.
    assert len(recorded.queries) == 2
    assert recorded.queries[1]["excontinue"] == "1"
    assert recorded.queries[1]["continue"] == BATCH_FIRST["continue"]["continue"]


def test_a_missing_page_in_the_real_shape_is_absent_not_an_error() -> None:
    entry = BATCH_FIRST["query"]["pages"]["-1"]
    data = batch.page_data(entry, "de")
    assert not data["exists"] and data["title"] == NOWHERE and data["url"] == ""


def test_search_hits_come_back_in_rank_order(client: WikiClient, recorded: _Recorded) -> None:
    assert client.search("de", "Förde") == [FJORD, "Eckernförder Bucht"]
    assert recorded.queries[-1]["list"] == "search"


def test_langlinks_in_the_real_shape_are_read_by_language(client: WikiClient) -> None:
    links = client.call("de", lambda: client.wiki("de").page(FJORD).langlinks)
    assert {code: page.title for code, page in links.items()} == {
        "da": "Kiel Fjord",
        "en": "Kiel Fjord",
    }
