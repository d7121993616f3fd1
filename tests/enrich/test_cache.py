"""The SQLite cache: TTL and staleness, offline reads, corruption, threads."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import pytest

from enrich.cache import DEFAULT_NAME, Cache

DAY = 24 * 3600.0


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.0

    def __call__(self) -> float:
        return self.now


def test_put_and_get_json_values(tmp_path: Path) -> None:
    with Cache(tmp_path / "c.sqlite3") as cache:
        cache.put("de", "page", "Nordkorea", {"title": "Nordkorea", "n": [1, 2], "ok": True})
        hit = cache.get("de", "page", "Nordkorea")
        assert hit is not None and not hit.stale
        assert hit.value == {"title": "Nordkorea", "n": [1, 2], "ok": True}
        assert cache.get("en", "page", "Nordkorea") is None  # keyed by language
        assert cache.get("de", "search", "Nordkorea") is None  # and by kind
        assert set(cache.get_many("de", "page", ["Nordkorea", "X"])) == {"Nordkorea"}


def test_default_location_follows_kontext_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path / "home"))
    with Cache() as cache:
        assert cache.path == tmp_path / "home" / "cache" / DEFAULT_NAME
        cache.put("de", "page", "A", 1)
    assert cache.path.exists()
    mode = sqlite3.connect(cache.path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_entries_go_stale_after_thirty_days_but_are_still_returned(tmp_path: Path) -> None:
    clock = Clock()
    with Cache(tmp_path / "c.sqlite3", clock=clock) as cache:
        cache.put("de", "page", "Russland", {"title": "Russland"})
        clock.now += 29 * DAY
        hit = cache.get("de", "page", "Russland")
        assert hit is not None and not hit.stale
        clock.now += 2 * DAY
        hit = cache.get("de", "page", "Russland")
        assert hit is not None and hit.stale and hit.value == {"title": "Russland"}


def test_offline_cache_only_reads(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    clock = Clock()
    with Cache(path, clock=clock) as cache:
        cache.put("de", "page", "Kiew", {"title": "Kiew"})
    clock.now += 40 * DAY
    with Cache(path, offline=True, clock=clock) as offline:
        hit = offline.get("de", "page", "Kiew")
        assert hit is not None and hit.stale  # stale, but served
        offline.put("de", "page", "Moskau", {"title": "Moskau"})
        assert offline.get("de", "page", "Moskau") is None


def test_corrupted_file_is_moved_aside_and_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "c.sqlite3"
    garbage = b"this is not a database, it is a shopping list\n" * 200
    path.write_bytes(garbage)
    with Cache(path) as cache:
        assert len(cache.warnings) == 1
        assert "damaged" in cache.warnings[0] and "moved it to" in cache.warnings[0]
        cache.put("de", "page", "NATO", {"title": "NATO"})
        hit = cache.get("de", "page", "NATO")
        assert hit is not None and hit.value == {"title": "NATO"}
    moved = list(tmp_path.glob("c.sqlite3.corrupt-*"))
    assert len(moved) == 1 and moved[0].read_bytes() == garbage


def test_corruption_under_an_open_cache_crashes_nobody(tmp_path: Path) -> None:
    """Another process scribbles over the file: readers keep going, the next opener rebuilds."""
    path = tmp_path / "c.sqlite3"
    with Cache(path) as first:
        first.put_many("de", "page", {f"k{i}": "x" * 3000 for i in range(50)})
        size = path.stat().st_size
        path.write_bytes(b"\x13garbage!" * (size // 9 + 1))
        for wal in tmp_path.glob("*-wal"):
            wal.write_bytes(b"junk" * 100)
        first.get("de", "page", "k1")  # whatever it answers, it must not raise
        first.put("de", "page", "B", 2)
        with Cache(path) as second:
            assert second.warnings and "damaged" in second.warnings[0]
            assert second.get("de", "page", "k1") is None
            second.put("de", "page", "C", 3)
            hit = second.get("de", "page", "C")
            assert hit is not None and hit.value == 3
    assert list(tmp_path.glob("c.sqlite3.corrupt-*"))


def test_concurrent_writers_and_readers_do_not_error(tmp_path: Path) -> None:
    cache = Cache(tmp_path / "c.sqlite3")
    errors: list[BaseException] = []

    def work(n: int) -> None:
        try:
            for i in range(40):
                cache.put_many("de", "page", {f"t{n}-{i}": {"i": i}, "shared": {"n": n}})
                assert cache.get("de", "page", f"t{n}-{i}") is not None
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    try:
        assert errors == []
        assert cache.warnings == []
        assert len(cache.get_many("de", "page", [f"t{n}-39" for n in range(8)])) == 8
    finally:
        cache.close()
