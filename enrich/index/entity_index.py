"""The personal entity index: every entity the student has met, across sessions.

One SQLite file in the data directory (WAL). It is a cache of the session
files, which stay the source of truth: a missing, corrupt or unknown-version
file is set aside and rebuilt from them, and ``open`` compares each session
file's signature with the one indexed, so a save whose index update was lost
(a crash between the two, a full disk) is caught up at the next open.
Every write is one transaction; a process killed mid-write leaves the last
committed state.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import logging
import os
import sqlite3
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from enrich.errors import KontextError, SessionError
from enrich.glossary.inflect import fold
from enrich.index import files, schema
from enrich.index.context import SIMILAR, similarity
from enrich.index.extract import SessionRecord, session_record
from enrich.index.inflections import base_form
from enrich.index.model import (
    EntityCorrection,
    EntitySummary,
    IndexedEntity,
    NoteEntry,
    Sighting,
    WikiChoice,
)

if TYPE_CHECKING:
    from enrich.session.model import Session
    from enrich.session.store import SessionStore

log = logging.getLogger("kontext.index")
BUSY_TIMEOUT_MS = 10_000
_CHUNK = 500  # ids per "IN (...)": well below SQLite's variable limit
_CORRUPT_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB


class EntityIndexError(KontextError):
    """The index cannot be opened or written (not corruption: that is repaired)."""


def _is_damage(exc: sqlite3.DatabaseError) -> bool:
    if isinstance(exc, schema.UnknownVersionError):
        return True
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _CORRUPT_CODES
    return not isinstance(exc, sqlite3.OperationalError)


def _connect(path: Path, threads: bool = False) -> sqlite3.Connection:
    db = sqlite3.connect(
        path,
        isolation_level=None,
        timeout=BUSY_TIMEOUT_MS / 1000,
        check_same_thread=not threads,
    )
    try:
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = NORMAL")  # a cache: a power cut may lose the last update
        db.execute("PRAGMA foreign_keys = ON")
    except BaseException:
        db.close()
        raise
    return db


def _set_aside(path: Path) -> Path:
    """Keep a damaged file (and its WAL, which belongs to it) as ``*.corrupt``."""
    aside = path.with_name(path.name + ".corrupt")
    for suffix in ("", "-wal"):
        src = path.with_name(path.name + suffix)
        if src.exists():
            os.replace(src, aside.with_name(aside.name + suffix))
        else:
            aside.with_name(aside.name + suffix).unlink(missing_ok=True)
    path.with_name(path.name + "-shm").unlink(missing_ok=True)
    return aside


def _chunks(items: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i : i + _CHUNK]


_SUMMARY = """
    SELECT e.key, e.name, e.label, e.wiki_title, COUNT(DISTINCT s.session), SUM(s.mentions),
           MIN(s.created), MAX(s.created)
    FROM entities e JOIN sightings s ON s.entity = e.id
"""


class EntityIndex:
    """Open with ``EntityIndex.open(store=...)``; use as a context manager or call ``close()``.

    ``warnings`` says what ``open`` had to repair (one line each, for the CLI).
    Not thread-safe: one index object per thread.
    """

    def __init__(self, db: sqlite3.Connection, path: Path, store: SessionStore) -> None:
        self._db = db
        self.path = path
        self.store = store
        self.warnings: list[str] = []

    # -- opening -------------------------------------------------------------

    @classmethod
    def open(
        cls,
        path: Path | None = None,
        *,
        store: SessionStore,
        check: bool = True,
        sync: bool = True,
        threads: bool = False,
    ) -> EntityIndex:
        """The index of ``store``'s sessions (by default in ``store``'s data directory).

        Created and filled if missing; rebuilt if corrupt, of an unknown
        version or marked after a failed update. ``check`` runs SQLite's
        quick_check (tens of ms on a big index: the reader and the CLI, not
        every save); ``sync`` re-indexes session files changed behind its back.
        ``threads`` allows use from other threads (the caller serialises).
        The caller names the store: the store's save hook opens the index, so the
        index never imports the store (no import circle).
        """
        path = Path(path) if path is not None else files.index_path(store.root)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with files.repair_lock(path):
                return cls._open_locked(path, store, check=check, sync=sync, threads=threads)
        except OSError as exc:
            raise EntityIndexError(
                f"cannot open the entity index {path}: {exc.strerror or exc}"
            ) from exc
        except sqlite3.Error as exc:
            raise EntityIndexError(f"cannot open the entity index {path}: {exc}") from exc

    @classmethod
    def _open_locked(
        cls, path: Path, store: SessionStore, *, check: bool, sync: bool, threads: bool
    ) -> EntityIndex:
        fresh = not path.exists()
        note = ""
        db: sqlite3.Connection | None = None
        try:
            db = _connect(path, threads)
            old = schema.migrate(db)
            # a step that added derived columns: make the rows again from the sessions
            stale = old > 0 and bool(schema.REBUILD_AFTER & set(range(old + 1, schema.LATEST + 1)))
            if check and not fresh:
                result = db.execute("PRAGMA quick_check").fetchone()[0]
                if result != "ok":
                    raise sqlite3.DatabaseError(f"quick_check: {result}")
        except sqlite3.DatabaseError as exc:
            if db is not None:
                db.close()
            if not _is_damage(exc):
                raise
            aside = _set_aside(path)
            note = f"the entity index could not be used ({exc}); rebuilt it from your sessions "
            note += f"(the old file is kept as {aside.name})"
            db = _connect(path, threads)
            schema.migrate(db)
            fresh, stale = True, False
        index = cls(db, path, store)
        marker = files.rebuild_marker(path)
        try:
            if fresh or stale or marker.exists():
                index.rebuild()
                marker.unlink(missing_ok=True)
            elif sync:
                index.sync()
        except BaseException:
            index.close()
            raise
        if note:
            index.warnings.insert(0, note)
        return index

    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> EntityIndex:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        db = self._db
        db.execute("BEGIN IMMEDIATE")
        try:
            yield db
        except BaseException:
            db.execute("ROLLBACK")
            raise
        db.execute("COMMIT")

    # -- writing -------------------------------------------------------------

    def update_from_session(
        self, name: str, session: Session, *, signature: str = "", force: bool = False
    ) -> bool:
        """Index ``session`` (saved as ``name``), replacing what was indexed of it.

        An older revision of the same session than the one indexed is ignored
        (two processes saving one session) unless ``force``. False if ignored.
        """
        record = session_record(name, session)
        with self._write() as db:
            row = db.execute(
                "SELECT revision, created FROM sessions WHERE name = ?", (name,)
            ).fetchone()
            if not force and row and row[1] == record.created and row[0] > record.revision:
                return False
            touched = self._delete(name)
            self._insert(record, signature)
            self._collect(touched)
        return True

    def remove_session(self, name: str) -> bool:
        """Forget session ``name`` (deleted); entities seen nowhere else go too."""
        with self._write():
            known = self._db.execute("SELECT 1 FROM sessions WHERE name = ?", (name,)).fetchone()
            self._collect(self._delete(name))
        return known is not None

    def rebuild(self, store: SessionStore | None = None) -> int:
        """Index every readable session again, in one transaction; how many were indexed."""
        store = store or self.store
        records: list[tuple[SessionRecord, str]] = []
        for stem, sig in sorted(files.session_files(store.root).items()):
            record = self._read(store, stem)
            if record is not None:
                records.append((record, sig))
        with self._write() as db:
            for table in ("names", "sightings", "corrections", "sessions", "entities"):
                db.execute(f"DELETE FROM {table}")
            for record, sig in records:
                self._insert(record, sig)
        return len(records)

    def sync(self) -> int:
        """Re-index session files changed since they were indexed; forget deleted ones.

        A stat of each file and one query: a few ms for 1,000 sessions. Returns
        how many sessions were updated or removed.
        """
        on_disk = files.session_files(self.store.root)
        indexed = dict(self._db.execute("SELECT name, signature FROM sessions").fetchall())
        changed = 0
        for stem, sig in on_disk.items():
            if indexed.get(stem) == sig:
                continue
            try:
                session = self.store.load(stem)
            except SessionError as exc:
                self.warnings.append(f"not indexed: {exc}")
                continue
            self.update_from_session(stem, session, signature=sig, force=True)
            changed += 1
        for name in indexed.keys() - on_disk.keys():
            self.remove_session(name)
            changed += 1
        return changed

    def _read(self, store: SessionStore, stem: str) -> SessionRecord | None:
        try:
            return session_record(stem, store.load(stem))
        except SessionError as exc:
            self.warnings.append(f"not indexed: {exc}")
            return None

    def _delete(self, name: str) -> list[int]:
        db = self._db
        touched = [
            r[0] for r in db.execute("SELECT entity FROM sightings WHERE session = ?", (name,))
        ]
        for table in ("names", "sightings", "corrections"):
            db.execute(f"DELETE FROM {table} WHERE session = ?", (name,))
        db.execute("DELETE FROM sessions WHERE name = ?", (name,))
        return touched

    def _collect(self, ids: Iterable[int]) -> None:
        """Drop entities no sighting refers to any more."""
        unique = sorted(set(ids))
        for part in _chunks(unique):
            marks = ",".join("?" * len(part))
            self._db.execute(
                f"DELETE FROM entities WHERE id IN ({marks}) "
                "AND NOT EXISTS (SELECT 1 FROM sightings WHERE entity = entities.id)",
                tuple(part),
            )

    def _insert(self, r: SessionRecord, signature: str) -> None:
        db = self._db
        db.execute(
            "INSERT INTO sessions (name, title, source, language, sha256, created, updated, "
            "revision, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                r.name,
                r.title,
                r.source,
                r.language,
                r.sha256,
                r.created,
                r.updated,
                r.revision,
                signature,
            ),
        )
        ids: dict[str, int] = {}
        for s in r.sightings:
            if s.key not in ids:
                db.execute(
                    "INSERT INTO entities (key, name, label, wiki_title, last_seen) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET name = excluded.name, "
                    "label = excluded.label, wiki_title = excluded.wiki_title, "
                    "last_seen = excluded.last_seen WHERE excluded.last_seen >= last_seen",
                    (s.key, s.name, s.label, s.wiki_title, r.created),
                )
                ids[s.key] = db.execute(
                    "SELECT id FROM entities WHERE key = ?", (s.key,)
                ).fetchone()[0]
            entity = ids[s.key]
            db.execute(
                "INSERT OR REPLACE INTO sightings (session, entity_ref, entity, created, updated, "
                "title, source, language, name, label, mentions, note, tags, note_updated, "
                "wiki_choice, wiki_title, wiki_description, wiki_summary, wiki_url, definition, "
                "context) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    r.name,
                    s.entity_ref,
                    entity,
                    r.created,
                    r.updated,
                    r.title,
                    r.source,
                    r.language,
                    s.name,
                    s.label,
                    s.mentions,
                    s.note,
                    json.dumps(list(s.tags), ensure_ascii=False),
                    s.note_updated,
                    s.wiki_choice,
                    s.wiki_title,
                    s.wiki_description,
                    s.wiki_summary,
                    s.wiki_url,
                    s.definition,
                    s.context,
                ),
            )
            db.executemany(
                "INSERT OR IGNORE INTO names (norm, entity, session) VALUES (?, ?, ?)",
                [(norm, entity, r.name) for norm in s.names],
            )
        db.executemany(
            "INSERT INTO corrections (session, seq, op, text, norm, label, scope, at, "
            "target_label, entity_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    r.name,
                    c.seq,
                    c.op,
                    c.text,
                    c.norm,
                    c.label,
                    c.scope,
                    c.at,
                    c.target_label,
                    c.entity_key,
                )
                for c in r.corrections
            ],
        )

    # -- reading -------------------------------------------------------------

    def sessions(self) -> dict[str, int]:
        """Indexed session name -> the revision indexed."""
        return dict(self._db.execute("SELECT name, revision FROM sessions").fetchall())

    def session_titles(self, names: Iterable[str]) -> dict[str, str]:
        """Article titles of the indexed sessions ``names`` (where a rule was made)."""
        wanted = sorted(set(names))
        titles: dict[str, str] = {}
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(part))
            titles.update(
                self._db.execute(
                    f"SELECT name, title FROM sessions WHERE name IN ({marks})", part
                ).fetchall()
            )
        return titles

    def seen_in(self, key: str, limit: int | None = None) -> list[Sighting]:
        """The articles where the entity ``key`` appears, newest first (the card's "Seen in").

        ``limit`` keeps the newest few (the card's list; its count comes from ``entity``).
        """
        found: list[Sighting] = []
        rows = self._db.execute(
            "SELECT session, title, source, language, created, updated, mentions, name, label "
            "FROM sightings WHERE entity = (SELECT id FROM entities WHERE key = ?) "
            "ORDER BY entity, created DESC, session",
            (key,),
        )
        for row in rows:  # ordered by the index: no sort; a session's rows are adjacent
            if found and found[-1].session == row[0]:
                found[-1] = dataclasses.replace(found[-1], mentions=found[-1].mentions + row[6])
                continue
            if limit is not None and len(found) >= limit:
                break
            found.append(Sighting(*row))
        return found

    def seen_counts(self, keys: Iterable[str], exclude_session: str = "") -> dict[str, int]:
        """Key -> number of articles it was met in (other than ``exclude_session``).

        Keys never met are left out: what the reader needs to mark known entities.
        """
        counts: dict[str, int] = {}
        wanted = sorted(set(keys))
        for i in range(0, len(wanted), _CHUNK):
            part = wanted[i : i + _CHUNK]
            marks = ",".join("?" * len(part))
            counts.update(
                self._db.execute(
                    "SELECT e.key, COUNT(DISTINCT s.session) FROM entities e "
                    f"JOIN sightings s ON s.entity = e.id WHERE e.key IN ({marks}) "
                    "AND s.session != ? GROUP BY e.id",
                    (*part, exclude_session),
                ).fetchall()
            )
        return counts

    def entities(self, label: str | None = None, since: str | None = None) -> list[EntitySummary]:
        """Every entity met, most recently met first; ``since`` is an ISO date (YYYY-MM-DD)."""
        where, args = "", []
        if label:
            where, args = "WHERE e.label = ?", [label]
        having = ""
        if since:
            having = "HAVING MAX(s.created) >= ?"
            args.append(since)
        rows = self._db.execute(
            f"{_SUMMARY} {where} GROUP BY e.id {having} ORDER BY MAX(s.created) DESC, e.name",
            args,
        ).fetchall()
        return [EntitySummary(*row) for row in rows]

    def find(self, name: str, label: str | None = None) -> list[EntitySummary]:
        """Entities called ``name`` (any spelling in case, a name, an alias or a
        Wikipedia title), or with exactly that key; most articles first."""
        where = "WHERE (e.id IN (SELECT entity FROM names WHERE norm IN (?, ?, ?)) OR e.key = ?)"
        where += " AND e.label = ?" if label else ""
        forms = (fold(name), base_form(name, "de"), base_form(name, "en"))
        args = [*forms, name, *([label] if label else [])]
        rows = self._db.execute(
            f"{_SUMMARY} {where} GROUP BY e.id ORDER BY COUNT(DISTINCT s.session) DESC, e.key",
            args,
        ).fetchall()
        return [EntitySummary(*row) for row in rows]

    def entity(self, key: str, *, articles: int | None = None) -> IndexedEntity | None:
        """Everything known of entity ``key``: articles, notes and the Wikipedia choice.

        ``articles`` caps the sightings listed (the newest); the summary still counts all.
        """
        db = self._db
        row = db.execute(f"{_SUMMARY} WHERE e.key = ? GROUP BY e.id", (key,)).fetchone()
        if row is None:
            return None
        summary = EntitySummary(*row)
        (ident,) = db.execute("SELECT id FROM entities WHERE key = ?", (key,)).fetchone()
        joined = "FROM sightings s WHERE s.entity = ?"
        notes = [
            NoteEntry(session, title, note_updated or updated, note, tuple(json.loads(tags)))
            for session, title, updated, note, tags, note_updated in db.execute(
                "SELECT s.session, s.title, s.updated, s.note, s.tags, s.note_updated "
                f"{joined} AND (s.note != '' OR s.tags != '[]')",
                (ident,),
            )
        ]
        notes.sort(key=lambda n: n.updated, reverse=True)
        chosen = db.execute(
            f"SELECT s.wiki_choice, s.session, s.title, s.updated {joined} "
            "AND s.wiki_choice != '' ORDER BY s.updated DESC, s.created DESC LIMIT 1",
            (ident,),
        ).fetchone()
        definition = db.execute(
            f"SELECT s.definition {joined} AND s.definition != '' ORDER BY s.created DESC LIMIT 1",
            (ident,),
        ).fetchone()
        page = db.execute(
            f"SELECT s.wiki_description, s.wiki_summary, s.wiki_url {joined} "
            "AND s.wiki_title = ? ORDER BY s.created DESC LIMIT 1",
            (ident, summary.wiki_title),
        ).fetchone()
        corrections = [
            EntityCorrection(*r)
            for r in db.execute(
                "SELECT session, op, text, label, at FROM corrections WHERE entity_key = ? "
                "ORDER BY at DESC, session, seq",
                (key,),
            )
        ]
        return IndexedEntity(
            summary=summary,
            sightings=tuple(self.seen_in(key, limit=articles)),
            notes=tuple(notes),
            wiki_choice=WikiChoice(*chosen) if chosen else None,
            corrections=tuple(corrections),
            definition=definition[0] if definition else "",
            wiki_description=page[0] if page and summary.wiki_title else "",
            wiki_summary=page[1] if page and summary.wiki_title else "",
            wiki_url=page[2] if page and summary.wiki_title else "",
        )

    def wiki_choice_for(
        self,
        name: str,
        exclude_session: str = "",
        context: Mapping[str, int] | None = None,
    ) -> WikiChoice | None:
        """The student's Wikipedia choice for an entity called ``name`` (or an inflection
        of it) in another article: the reader's default for the same name.

        With ``context`` (the words around the name in the current article, see
        ``enrich.index.context``), only a choice made in a similar context counts
        (cosine >= ``SIMILAR``), and of several the most similar wins (then the
        latest). Without it, the latest choice.
        """
        forms = (fold(name), base_form(name, "de"), base_form(name, "en"))
        rows = self._db.execute(
            "SELECT s.wiki_choice, s.session, s.title, s.updated, s.context FROM names n "
            "JOIN sightings s ON s.entity = n.entity AND s.session = n.session "
            "WHERE n.norm IN (?, ?, ?) AND s.wiki_choice != '' AND s.session != ? "
            "ORDER BY s.updated DESC, s.created DESC",
            (*forms, exclude_session),
        ).fetchall()
        if context is None:
            return WikiChoice(*rows[0][:4]) if rows else None
        best: WikiChoice | None = None
        for choice, session, title, updated, raw in rows:
            score = similarity(context, _bag(raw))
            if score >= SIMILAR and (best is None or score > best.similarity):
                best = WikiChoice(choice, session, title, updated, round(score, 3))
        return best

    def correction_rows(self) -> list[tuple[str, ...]]:
        """Every correction with its session's article hash and stamp (for the rules)."""
        return self._db.execute(
            "SELECT c.session, ss.sha256, ss.updated, c.seq, c.op, c.text, c.norm, c.label, "
            "c.scope, c.at, c.target_label FROM corrections c "
            "JOIN sessions ss ON ss.name = c.session ORDER BY c.session, c.seq"
        ).fetchall()


def _bag(raw: str) -> dict[str, int]:
    """A stored context (JSON from our own writer, still checked: the file may be old)."""
    try:
        value = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(value, dict):
        return {}
    return {str(k): v for k, v in value.items() if isinstance(v, int) and v > 0}
