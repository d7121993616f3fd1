"""The entity index's SQLite schema and its migrations.

The database is a cache of the session files, so its schema may change
freely: each step in ``MIGRATIONS`` runs in one transaction together with
the ``user_version`` bump, so a crash leaves either the old or the new
version, never half of one. A file of a version this Kontext does not know
(newer, or garbage) is rebuilt from the sessions instead (``EntityIndex.open``).
"""

from __future__ import annotations

import sqlite3

# Step n (1-based) lifts user_version n-1 to n. Append, never edit a released step.
MIGRATIONS: tuple[tuple[str, ...], ...] = (
    (
        """CREATE TABLE sessions (
            name TEXT PRIMARY KEY,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            language TEXT NOT NULL,
            sha256 TEXT NOT NULL,
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            revision INTEGER NOT NULL,
            signature TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE entities (
            id INTEGER PRIMARY KEY,
            key TEXT NOT NULL UNIQUE,
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            wiki_title TEXT NOT NULL DEFAULT '',
            last_seen TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX entities_by_label ON entities(label)",
        # The session's title, source, language and dates are repeated here so that
        # "seen in" is one ordered scan of a covering index, with no join and no sort.
        """CREATE TABLE sightings (
            session TEXT NOT NULL REFERENCES sessions(name) ON DELETE CASCADE,
            entity_ref TEXT NOT NULL,
            entity INTEGER NOT NULL REFERENCES entities(id),
            created TEXT NOT NULL,
            updated TEXT NOT NULL,
            title TEXT NOT NULL,
            source TEXT NOT NULL,
            language TEXT NOT NULL,
            name TEXT NOT NULL,
            label TEXT NOT NULL,
            mentions INTEGER NOT NULL,
            note TEXT NOT NULL DEFAULT '',
            tags TEXT NOT NULL DEFAULT '[]',
            note_updated TEXT NOT NULL DEFAULT '',
            wiki_choice TEXT NOT NULL DEFAULT '',
            wiki_title TEXT NOT NULL DEFAULT '',
            wiki_description TEXT NOT NULL DEFAULT '',
            wiki_summary TEXT NOT NULL DEFAULT '',
            wiki_url TEXT NOT NULL DEFAULT '',
            definition TEXT NOT NULL DEFAULT '',
            PRIMARY KEY (session, entity_ref)
        ) WITHOUT ROWID""",
        """CREATE INDEX sightings_seen_in ON sightings(
            entity, created DESC, session, title, source, language, updated, mentions, name, label
        )""",
        # The card's notes, choice and definition: few sightings have them.
        "CREATE INDEX sightings_notes ON sightings(entity) WHERE note != '' OR tags != '[]'",
        "CREATE INDEX sightings_choices ON sightings(entity, updated, created) "
        "WHERE wiki_choice != ''",
        "CREATE INDEX sightings_definitions ON sightings(entity, created) WHERE definition != ''",
        """CREATE TABLE names (
            norm TEXT NOT NULL,
            entity INTEGER NOT NULL REFERENCES entities(id),
            session TEXT NOT NULL REFERENCES sessions(name) ON DELETE CASCADE,
            PRIMARY KEY (norm, entity, session)
        ) WITHOUT ROWID""",
        "CREATE INDEX names_by_session ON names(session)",
        """CREATE TABLE corrections (
            session TEXT NOT NULL REFERENCES sessions(name) ON DELETE CASCADE,
            seq INTEGER NOT NULL,
            op TEXT NOT NULL,
            text TEXT NOT NULL,
            norm TEXT NOT NULL,
            label TEXT NOT NULL,
            scope TEXT NOT NULL,
            at TEXT NOT NULL,
            target_label TEXT NOT NULL,
            entity_key TEXT NOT NULL,
            PRIMARY KEY (session, seq)
        ) WITHOUT ROWID""",
        "CREATE INDEX corrections_by_key ON corrections(entity_key)",
    ),
    # 2: the words around a Wikipedia choice, so a later article carries it over only
    # in a similar context. Old rows have none: ``EntityIndex.open`` rebuilds after it.
    ("ALTER TABLE sightings ADD COLUMN context TEXT NOT NULL DEFAULT ''",),
)
# A step after which the rows must be made again from the sessions (new derived columns).
REBUILD_AFTER = frozenset({2})
LATEST = len(MIGRATIONS)


class UnknownVersionError(sqlite3.DatabaseError):
    """The file's ``user_version`` is newer than this Kontext knows."""


def version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


def migrate(db: sqlite3.Connection) -> int:
    """Bring ``db`` (autocommit mode) to ``LATEST``, one transaction per step; the old version."""
    old = version(db)
    if old > LATEST:
        raise UnknownVersionError(f"index version {old} is newer than this Kontext ({LATEST})")
    for step in range(old, LATEST):
        db.execute("BEGIN IMMEDIATE")
        try:
            if version(db) != step:  # another process migrated meanwhile
                db.execute("ROLLBACK")
                continue
            for statement in MIGRATIONS[step]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {step + 1}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
    return old
