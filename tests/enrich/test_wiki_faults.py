"""When Wikipedia misbehaves: clear errors, no exceptions, no hangs, cached data kept."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enrich.cache import Cache
from enrich.wiki.client import WikiSettings
from enrich.wiki.lookup import WikiLookup
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.loopback_http import unused_port

TIMEOUT = 0.5
MONTH = 31 * 24 * 3600.0
# fault mode, extra Fault arguments, what the error line says
FAULTS = [
    ("429", {"retry_after": "60"}, "HTTP 429"),
    ("429", {}, "HTTP 429"),
    ("500", {}, "HTTP 500"),
    ("slow", {"delay": 3.0}, f"did not answer within {TIMEOUT:g} s"),
    ("invalid_json", {}, "not JSON"),
    ("api_error", {}, "API error internal_api_error_DBQueryError"),
    ("truncated", {}, "before the answer was complete"),
]


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
    settings = WikiSettings(timeout=TIMEOUT, retry_wait=0.05, default_pause=5.0)
    lookup = WikiLookup(settings, cache=Cache(tmp_path / "cache.sqlite3", clock=clock))
    try:
        yield lookup
    finally:
        lookup.close()


@pytest.mark.parametrize(("mode", "extra", "says"), FAULTS)
def test_fault_gives_a_clear_error_and_keeps_cached_data(
    wiki: WikiLookup,
    fakewiki: FakeWiki,  # noqa: F811
    clock: Clock,
    mode: str,
    extra: dict[str, str],
    says: str,
) -> None:
    assert wiki.lookup("Russland", "de").status == "found"
    clock.now += MONTH  # the cached entry is now stale, so Kontext asks again
    fakewiki.fail(mode, times=None, **extra)

    started = time.monotonic()
    result = wiki.lookup("Russland", "de")
    elapsed = time.monotonic() - started

    assert elapsed < 4 * TIMEOUT + 1.0, "no hang past the timeout (plus one quick retry)"
    assert result.errors and says in result.errors[0], result.errors
    assert "\n" not in result.errors[0]
    assert result.status == "found" and result.stale and result.from_cache
    assert result.summary is not None and result.summary.summary.startswith("Russland ist")
    assert "could not refresh" in result.message


@pytest.mark.parametrize(("mode", "extra", "says"), FAULTS)
def test_fault_without_cache_is_an_error_result(
    wiki: WikiLookup,
    fakewiki: FakeWiki,  # noqa: F811
    mode: str,
    extra: dict[str, str],
    says: str,
) -> None:
    fakewiki.fail(mode, times=None, **extra)
    result = wiki.lookup("Ukraine", "de")
    assert result.status == "error" and result.summary is None
    assert says in result.message and says in result.errors[0]


def test_one_500_is_retried(wiki: WikiLookup, fakewiki: FakeWiki) -> None:  # noqa: F811
    fakewiki.fail("500")
    result = wiki.lookup("Moskau", "de")
    assert result.status == "found" and result.errors == []
    assert fakewiki.count("batch") == 2


def test_429_pauses_all_requests_for_retry_after(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    settings = WikiSettings(timeout=2.0, retry_wait=0.05)
    wiki = WikiLookup(settings, cache=Cache(tmp_path / "c.sqlite3"))
    fakewiki.fail("429", retry_after="1")
    other: dict[str, object] = {}
    assert wiki.client is not None
    limiter = wiki.client.policy.limiter
    paused = threading.Event()

    def pause_and_tell(seconds: float, pause: Any = limiter.pause) -> None:
        pause(seconds)
        paused.set()

    monkeypatch.setattr(limiter, "pause", pause_and_tell)

    def second_reader() -> None:
        if paused.wait(timeout=30):  # starts once the pause is on
            other["result"] = wiki.lookup("Japan", "de")

    thread = threading.Thread(target=second_reader)
    thread.start()
    try:
        first = wiki.lookup("Südkorea", "de")
        thread.join(timeout=10)
    finally:
        wiki.close()
    limited = [r for r in fakewiki.requests if r.fault == "429"]
    assert len(limited) == 1
    later = [r for r in fakewiki.requests if r.at > limited[0].at]
    assert len(later) == 2  # the retry and the other reader's request
    assert all(r.at - limited[0].at >= 0.95 for r in later)
    assert first.status == "found" and first.errors == []
    assert getattr(other["result"], "status", None) == "found"
    assert wiki.client is not None
    assert any("pausing all Wikipedia requests for 1 s" in n for n in wiki.client.notices)


def test_long_retry_after_is_capped_and_reported(fakewiki: FakeWiki, tmp_path: Path) -> None:  # noqa: F811
    settings = WikiSettings(timeout=TIMEOUT, pause_cap=30.0)
    wiki = WikiLookup(settings, cache=Cache(tmp_path / "c.sqlite3"))
    fakewiki.fail("429", retry_after="3600")
    try:
        first = wiki.lookup("Japan", "de")
        started = time.monotonic()
        second = wiki.lookup("Tokio", "de")
        assert time.monotonic() - started < 0.5  # fails fast instead of waiting 30 s
    finally:
        wiki.close()
    assert "paused for 30 s" in first.errors[0]
    assert "paused for another" in second.errors[0]
    assert fakewiki.count() == 1  # the paused lookup never reached the server
    assert wiki.client is not None
    assert "server asked for 3600 s, capped" in wiki.client.notices[0]


def test_maxlag_answer_pauses_and_retries(wiki: WikiLookup, fakewiki: FakeWiki) -> None:  # noqa: F811
    fakewiki.fail("maxlag", retry_after="0")
    result = wiki.prefetch(["Peking"], "de")["Peking"]
    assert result.status == "found" and result.errors == []
    assert [r.fault for r in fakewiki.requests] == ["maxlag", ""]


def test_unreachable_server_is_reported(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("KONTEXT_WIKI_API", f"http://127.0.0.1:{unused_port()}/w/api.php")
    wiki = WikiLookup(WikiSettings(timeout=TIMEOUT, retry_wait=0.05), cache=Cache(tmp_path / "c"))
    try:
        result = wiki.lookup("Nordkorea", "de")
    finally:
        wiki.close()
    # No network is not an error on each card: the lookup goes offline, once.
    assert result.status == "offline" and result.errors == []
    assert wiki.went_offline == "Wikipedia (de) is not reachable (connection refused)"
