"""A small SQLite cache for looked-up facts (Wikipedia pages, search results).

Why SQLite: many threads (a UI plus background prefetch) read and write at
once, and a crash must never leave a half-written file. WAL mode lets readers
run while one writer commits; every thread gets its own connection, because a
``sqlite3.Connection`` must not be shared between threads without a lock.

Entries are keyed by (language, kind, key) and hold JSON. After ``ttl``
seconds an entry is *stale*: it is still returned (marked stale) so that an
offline reader sees something, and the caller decides whether to refresh it.
A corrupted database file is moved aside and rebuilt; the cache never crashes
its caller, at worst it forgets.
"""

from __future__ import annotations

import json
import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

log = logging.getLogger("kontext.cache")
# Warnings reach the user through ``Cache.warnings`` (the CLI prints them as
# "kontext: warning: …"); without a handler, logging would also print them raw.
log.addHandler(logging.NullHandler())

DEFAULT_TTL = 30 * 24 * 3600.0  # 30 days: encyclopedia intros change slowly
DEFAULT_NAME = "kontext-cache.sqlite3"
# How long to wait for another program's lock. The cache only saves requests:
# after this wait it is skipped for the rest of the command, with one warning,
# rather than stalling every lookup.
BUSY_TIMEOUT = 0.5
_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    stored REAL NOT NULL,
    PRIMARY KEY (lang, kind, key)
)
"""


@dataclass(frozen=True, slots=True)
class CacheHit:
    """A cached value, when it was stored, and whether it is past its TTL."""

    value: Any
    stored: float
    stale: bool


def default_path() -> Path:
    """The cache file under ``enrich.paths.cache_dir()`` (so KONTEXT_HOME moves it)."""
    from enrich.paths import cache_dir

    return cache_dir() / DEFAULT_NAME


class Cache:
    """Thread-safe JSON cache in one SQLite file; ``offline=True`` only reads it."""

    def __init__(
        self,
        path: Path | None = None,
        *,
        ttl: float = DEFAULT_TTL,
        offline: bool = False,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.warnings: list[str] = []  # shown to the user (corruption, disk trouble)
        try:
            self.path = Path(path) if path is not None else default_path()
        except OSError as exc:  # e.g. an unwritable home: degrade, do not crash
            import tempfile

            self.path = Path(tempfile.gettempdir()) / DEFAULT_NAME
            self.warnings.append(f"cannot create the cache directory ({exc}); using {self.path}")
        self.ttl = ttl
        self.offline = offline
        self.clock = clock
        self._lock = threading.Lock()
        self._write_lock = threading.Lock()
        self._local = threading.local()
        self._generation = 0  # bumped on rebuild so every thread reconnects
        self._connections: list[sqlite3.Connection] = []
        self._closed = False
        self._unusable = False
        self._open_or_rebuild()

    # -- public API -------------------------------------------------------------

    def get(self, lang: str, kind: str, key: str) -> CacheHit | None:
        """The entry, stale or not, or None if absent or unreadable."""
        return self.get_many(lang, kind, [key]).get(key)

    def get_many(self, lang: str, kind: str, keys: Iterable[str]) -> dict[str, CacheHit]:
        """Entries for many keys in one query (prefetch asks for a whole article)."""
        wanted = list(dict.fromkeys(keys))
        if not wanted:
            return {}
        found: dict[str, CacheHit] = {}
        now = self.clock()
        for start in range(0, len(wanted), 500):  # stay below SQLite's variable limit
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            sql = (
                "SELECT key, value, stored FROM entries"
                f" WHERE lang = ? AND kind = ? AND key IN ({marks})"
            )

            # Defaults bind this round's query (a typed def: mypy cannot infer such a lambda).
            def select(
                db: sqlite3.Connection,
                sql: str = sql,
                params: tuple[str, ...] = (lang, kind, *chunk),
            ) -> sqlite3.Cursor:
                return db.execute(sql, params)

            rows = self._run(select)
            for key, raw, stored in rows or ():
                try:
                    value = json.loads(raw)
                except ValueError:
                    continue  # one bad row is a miss, not a crash
                found[key] = CacheHit(value, stored, now - stored > self.ttl)
        return found

    def put(self, lang: str, kind: str, key: str, value: Any) -> None:
        self.put_many(lang, kind, {key: value})

    def put_many(self, lang: str, kind: str, items: dict[str, Any]) -> None:
        """Store entries in one transaction; a no-op offline or when the disk refuses."""
        if self.offline or not items:
            return
        now = self.clock()
        rows = [(lang, kind, k, json.dumps(v, ensure_ascii=False), now) for k, v in items.items()]

        def write(db: sqlite3.Connection) -> list[Any]:
            # Our own threads take turns here, so the short busy timeout only
            # ever waits for another program.
            with self._write_lock, _transaction(db):
                db.executemany("INSERT OR REPLACE INTO entries VALUES (?, ?, ?, ?, ?)", rows)
            return []

        self._run(write)

    def close(self) -> None:
        """Close every thread's connection (call once, when the app ends)."""
        with self._lock:
            self._closed = True
            self._close_connections()

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # -- internals --------------------------------------------------------------

    def _run(self, op: Callable[[sqlite3.Connection], Iterable[Any]]) -> list[Any] | None:
        """Run ``op`` on this thread's connection; rebuild once if the file is corrupt."""
        if self._unusable:
            return None
        for attempt in (0, 1):
            seen = self._generation
            try:
                db = self._connection()
                return list(op(db))
            except sqlite3.DatabaseError as exc:
                if attempt == 0 and _is_corruption(exc):
                    self._rebuild(exc, seen)
                    continue
                if _is_lock(exc):
                    self._locked()
                    return None
                self._warn(f"cache {self.path.name}: {exc}; continuing without it")
                return None
        return None

    def _connection(self) -> sqlite3.Connection:
        # threading.local attributes are untyped; only this method sets them.
        db: sqlite3.Connection | None = getattr(self._local, "db", None)
        if db is not None and self._local.generation == self._generation:
            return db
        if self._closed:
            raise sqlite3.ProgrammingError("cache is closed")
        # One connection per thread; check_same_thread=False only so close() may
        # close them all from the main thread, never to share one.
        db = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, check_same_thread=False)
        db.isolation_level = None  # explicit transactions only
        db.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT * 1000)}")
        db.execute("PRAGMA synchronous = NORMAL")
        with self._lock:
            self._connections.append(db)
        self._local.db = db
        self._local.generation = self._generation
        return db

    def _open_or_rebuild(self) -> None:
        """Create the schema, switch to WAL, and prove the file is a readable database."""
        try:
            self._init_schema()
        except OSError as exc:
            self._give_up(exc)
        except sqlite3.DatabaseError as exc:
            if _is_lock(exc):
                self._locked()
            elif not _is_corruption(exc):
                self._give_up(exc)
            else:
                self._rebuild(exc, self._generation)

    def _give_up(self, exc: BaseException) -> None:
        """No usable cache file (read-only or full disk): say so once, then work without it."""
        self._unusable = True
        self._warn(f"cache {self.path}: {exc}; continuing without it")

    def _locked(self) -> None:
        """Another program holds the file: skip the cache from now on, say so once."""
        self._unusable = True
        self._warn(
            f"cache {self.path} is locked by another program; continuing without the cache for now"
        )

    def _init_schema(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = self._connection()
        db.execute("PRAGMA journal_mode = WAL")
        db.execute(_SCHEMA)
        db.execute("PRAGMA quick_check(1)").fetchall()
        db.execute("SELECT count(*) FROM entries").fetchone()

    def _rebuild(self, exc: BaseException, seen_generation: int) -> None:
        """Move the damaged file (and its WAL files) aside with a timestamp, start afresh."""
        with self._lock:
            if self._generation != seen_generation:
                return  # another thread already rebuilt it
            self._close_connections()
            self._generation += 1
            stamp = time.strftime("%Y%m%d-%H%M%S")
            moved = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
            n = 1
            while moved.exists():
                n += 1
                moved = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
            for suffix in ("", "-wal", "-shm"):
                src = Path(str(self.path) + suffix)
                if src.exists():
                    try:
                        src.replace(Path(str(moved) + suffix))
                    except OSError:
                        src.unlink(missing_ok=True)
        self._warn(
            f"cache file {self.path} was damaged ({exc}); moved it to {moved.name} "
            "and started an empty cache"
        )
        try:
            self._init_schema()
        except sqlite3.Error as again:
            self._warn(f"cache {self.path}: {again}; continuing without it")

    def _close_connections(self) -> None:
        """Close all threads' connections; the caller holds the lock."""
        for db in self._connections:
            with suppress(sqlite3.Error):
                db.close()
        self._connections.clear()

    def _warn(self, message: str) -> None:
        log.warning("%s", message)
        with self._lock:
            if message not in self.warnings:
                self.warnings.append(message)


def _is_lock(exc: BaseException) -> bool:
    """SQLITE_BUSY / SQLITE_LOCKED: another connection holds the file."""
    text = str(exc).lower()
    return isinstance(exc, sqlite3.OperationalError) and ("locked" in text or "busy" in text)


def _is_corruption(exc: BaseException) -> bool:
    """True for 'not a database' / 'malformed' / missing-table errors, not for locks."""
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return False
    return isinstance(exc, sqlite3.DatabaseError) and (
        "not a database" in text
        or "malformed" in text
        or "no such table" in text
        or "corrupt" in text
        or "file is encrypted" in text
        or "disk i/o" in text
    )


@contextmanager
def _transaction(db: sqlite3.Connection) -> Iterator[None]:
    """BEGIN IMMEDIATE takes the write lock up front, so busy_timeout applies cleanly."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        # SQLite rolls back by itself on some errors ("database or disk is full");
        # a second ROLLBACK would then raise and hide the real error.
        if db.in_transaction:
            with suppress(sqlite3.Error):
                db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")
