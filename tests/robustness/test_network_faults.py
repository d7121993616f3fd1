"""Network faults the older fault tests (tests/enrich/test_wiki_faults.py) leave out.

Unexpected JSON shapes, a refused connection with stale cache, Retry-After as
an HTTP date, a server that hangs up without answering, and the CLI under
faults. The reader under faults is in test_reader_faults.py.
"""

from __future__ import annotations

import email.utils
import json
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enrich.cache import Cache
from enrich.wiki.client import WikiSettings
from enrich.wiki.lookup import WikiLookup
from tests.fakewiki import api
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.loopback_http import unused_port
from tui.cli import main

MONTH = 31 * 24 * 3600.0
# Answers whose JSON shape is not what the Action API documents.
SHAPES: dict[str, Any] = {
    "a list": [1, 2, 3],
    "null": None,
    "query is a string": {"query": "x"},
    "query is a list": {"query": []},
    "pages is a list": {"query": {"pages": [{"title": "Russland", "pageid": 5}]}},
    "a page is a string": {"query": {"pages": {"1": "Russland"}}},
    "normalized holds a number": {"query": {"normalized": [1], "pages": {}}},
    "redirects is a string": {"query": {"redirects": "x", "pages": {}}},
    "interwiki item without title": {"query": {"interwiki": [{"x": 1}], "pages": {}}},
    "error is a string": {"error": "boom"},
}


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def wiki(fakewiki: FakeWiki, tmp_path: Path, clock: Clock) -> Iterator[WikiLookup]:  # noqa: F811
    settings = WikiSettings(timeout=1.0, retry_wait=0.05)
    lookup = WikiLookup(settings, cache=Cache(tmp_path / "cache.sqlite3", clock=clock))
    try:
        yield lookup
    finally:
        lookup.close()


@pytest.mark.parametrize("shape", list(SHAPES))
def test_unexpected_json_shape_is_an_error_not_a_crash(
    wiki: WikiLookup,
    fakewiki: FakeWiki,  # noqa: F811
    shape: str,
) -> None:
    fakewiki.answer = lambda lang, params: SHAPES[shape]  # type: ignore[method-assign]
    result = wiki.lookup("Russland", "de")
    assert result.status == "error" and result.summary is None
    assert "sent an unexpected answer" in result.errors[0]
    assert result.message == f"„Russland“: {result.errors[0]}"


@pytest.mark.parametrize("shape", ["query is a string", "pages is a list", "a page is a string"])
def test_unexpected_json_shape_keeps_the_cached_page(
    wiki: WikiLookup,
    fakewiki: FakeWiki,  # noqa: F811
    clock: Clock,
    shape: str,
) -> None:
    assert wiki.lookup("Russland", "de").status == "found"
    clock.now += MONTH
    fakewiki.answer = lambda lang, params: SHAPES[shape]  # type: ignore[method-assign]
    result = wiki.lookup("Russland", "de")
    assert result.status == "found" and result.stale and result.from_cache
    assert "could not refresh" in result.message
    assert "sent an unexpected answer" in result.errors[0]


def test_failed_search_is_reported_not_called_no_similar_articles(
    wiki: WikiLookup,
    fakewiki: FakeWiki,  # noqa: F811
) -> None:
    def answer(lang: str, params: dict[str, str]) -> Any:
        if params.get("list") == "search":
            return {"query": {"search": "kaputt"}}
        return api.answer(fakewiki.wikis.get(lang), lang, params)

    fakewiki.answer = answer  # type: ignore[method-assign]
    result = wiki.lookup("Gibt es nicht", "de")
    assert result.status == "not_found"
    assert "the search failed: Wikipedia (de) sent an unexpected answer" in result.message
    assert "no similar articles" not in result.message


def test_refused_connection_serves_stale_cache(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
    clock: Clock,
) -> None:
    cache_path = tmp_path / "cache.sqlite3"
    online = WikiLookup(WikiSettings(timeout=1.0), cache=Cache(cache_path, clock=clock))
    try:
        assert online.lookup("Nordkorea", "de").status == "found"
    finally:
        online.close()
    clock.now += MONTH
    gone = WikiSettings(api_url=f"http://127.0.0.1:{unused_port()}/w/api.php", timeout=1.0)
    train = WikiLookup(gone, cache=Cache(cache_path, clock=clock))
    try:
        result = train.lookup("Nordkorea", "de")
    finally:
        train.close()
    assert result.status == "found" and result.stale
    assert result.summary is not None and result.summary.summary.startswith("Nordkorea")
    assert result.errors == [] and result.message == "cached data (offline)"
    assert train.went_offline == "Wikipedia (de) is not reachable (connection refused)"


def test_retry_after_as_an_http_date_is_respected(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
) -> None:
    # Whole seconds: 2–3 s away when made, so still more than 1 s away when the
    # 429 is read, even when the lookup starts slowly on a busy machine.
    when = email.utils.formatdate(time.time() + 3, usegmt=True)
    fakewiki.fail("429", retry_after=when)
    wiki = WikiLookup(WikiSettings(timeout=4.0), cache=Cache(tmp_path / "c.sqlite3"))
    try:
        result = wiki.lookup("Japan", "de")
    finally:
        wiki.close()
    assert result.status == "found" and result.errors == []
    limited, retry = fakewiki.requests[0], fakewiki.requests[1]
    assert limited.fault == "429" and retry.fault == ""
    assert retry.at - limited.at >= 0.9


@pytest.fixture
def hang_up_server() -> Iterator[str]:
    """Accepts each connection and closes it at once, without a word."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.2)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            conn.close()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/w/api.php"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def test_server_that_hangs_up_is_reported(hang_up_server: str, tmp_path: Path) -> None:
    settings = WikiSettings(api_url=hang_up_server, timeout=1.0, retry_wait=0.05)
    wiki = WikiLookup(settings, cache=Cache(tmp_path / "c.sqlite3"))
    try:
        result = wiki.lookup("Russland", "de")
    finally:
        wiki.close()
    assert result.status == "error"
    assert "closed the connection before the answer was complete" in result.errors[0]


def test_lookup_cli_under_a_fault_prints_the_error_and_exits_0(
    fakewiki: FakeWiki,  # noqa: F811
    capsys: pytest.CaptureFixture[str],
) -> None:
    fakewiki.fail("500", times=None)
    assert main(["lookup", "Russland", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["wikipedia"]["status"] == "error"
    assert data["errors"] == ["Wikipedia (de) answered HTTP 500"]
    assert main(["lookup", "Russland"]) == 0
    out = " ".join(capsys.readouterr().out.replace("│", " ").split())
    assert "! Wikipedia (de) answered HTTP 500" in out
