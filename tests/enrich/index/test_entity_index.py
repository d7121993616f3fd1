"""The entity index over three sessions on one topic: real annotator, store and SQLite file."""

from __future__ import annotations

import logging
import sqlite3
from pathlib import Path

import pytest

from enrich.index import EntityIndex, index_path
from enrich.index.hook import close_all
from enrich.session import SessionStore
from tests.enrich.index.conftest import DATES, JCS_KEY, JCS_PAGE, NAMES, SAVES, TITLES


def _articles(index: EntityIndex, key: str) -> list[str]:
    return [s.title for s in index.seen_in(key)]


def test_the_index_after_each_save(home: Path) -> None:
    store = SessionStore()
    expected_jcs = [[TITLES[0]], [TITLES[1], TITLES[0]], [TITLES[2], TITLES[1], TITLES[0]]]
    for n, save in enumerate(SAVES):
        save(store)
        with EntityIndex.open(store=SessionStore()) as index:  # what the store's save hook wrote
            assert sorted(index.sessions()) == sorted(NAMES[: n + 1])
            assert _articles(index, JCS_KEY) == expected_jcs[n]  # newest first
            nordkorea = index.find("Nordkorea")
            assert [e.articles for e in nordkorea] == [n + 1]
    assert index_path(store.root) == home / "data" / "index.sqlite"
    assert (home / "data" / "index.sqlite").is_file()


def test_seen_in_with_dates_mentions_notes_and_wiki_choice(three_sessions: list) -> None:
    with EntityIndex.open(store=SessionStore()) as index:
        (jcs,) = index.find("jcs")  # an alias, any case
        assert jcs.key == JCS_KEY and jcs.articles == 3 and jcs.label == "ORG"
        seen = index.seen_in(JCS_KEY)
        assert [(s.session, s.date, s.mentions) for s in seen] == [
            (NAMES[2], DATES[2], 1),
            (NAMES[1], DATES[1], 2),
            (NAMES[0], DATES[0], 3),
        ]
        entity = index.entity(JCS_KEY)
    assert entity is not None
    assert [(n.note, n.tags) for n in entity.notes] == [  # newest first
        ("Meldet jeden Start zuerst.", ("quelle",)),
        ("Südkoreas Generalstab, nicht der US-JCS.", ("militär",)),
    ]
    assert entity.wiki_choice is not None
    assert (entity.wiki_choice.title, entity.wiki_choice.article_title) == (JCS_PAGE, TITLES[1])
    assert entity.summary.wiki_title == JCS_PAGE


def test_corrections_are_kept_per_entity(three_sessions: list) -> None:
    with EntityIndex.open(store=SessionStore()) as index:
        (launcher,) = index.find("240-mm-Raketenwerfern")
        entity = index.entity(launcher.key)
        (rejected,) = [e for e in index.entities() if e.name == "Abgeordnete"] or [None]
    assert launcher.label == "MISC"  # relabelled in the first article, by rule in the others
    assert launcher.articles == 3
    assert entity is not None
    assert [(c.op, c.label, c.session) for c in entity.corrections] == [
        ("relabel", "MISC", NAMES[0])
    ]
    assert rejected is None  # rejected in the first article, by rule in the others


def test_filters_by_label_and_date(three_sessions: list) -> None:
    with EntityIndex.open(store=SessionStore()) as index:
        people = index.entities(label="PER")
        assert {e.name for e in people} == {"Park Ji-won", "Shin Won-sik"}
        recent = index.entities(since="2026-11-09")
        assert "Park Ji-won" not in {e.name for e in recent}  # only in the first article
        assert "Shin Won-sik" in {e.name for e in recent}
        assert index.entities(since="2026-12-01") == []


def test_a_deleted_session_is_forgotten_at_the_next_open(three_sessions: list) -> None:
    SessionStore().delete(NAMES[0])
    with EntityIndex.open(store=SessionStore()) as index:
        assert _articles(index, JCS_KEY) == [TITLES[2], TITLES[1]]
        assert index.find("Park Ji-won") == []  # seen only there


def test_a_corrupt_index_is_set_aside_and_rebuilt(three_sessions: list, home: Path) -> None:
    path = home / "data" / "index.sqlite"
    with EntityIndex.open(store=SessionStore()) as index:
        before = index.entities()
    close_all()  # Kontext is not running when the file gets damaged
    garbage = b"not an index at all\n" * 500
    path.write_bytes(garbage)
    path.with_name("index.sqlite-wal").unlink(missing_ok=True)
    with EntityIndex.open(store=SessionStore()) as index:
        assert index.entities() == before
        assert "rebuilt it from your sessions" in index.warnings[0]
    assert path.with_name("index.sqlite.corrupt").read_bytes() == garbage  # kept as it was


def test_an_index_of_an_unknown_version_is_rebuilt(three_sessions: list, home: Path) -> None:
    path = home / "data" / "index.sqlite"
    close_all()
    db = sqlite3.connect(path)
    db.execute("DELETE FROM sightings")
    db.execute("PRAGMA user_version = 99")
    db.commit()
    db.close()
    with EntityIndex.open(store=SessionStore()) as index:
        assert _articles(index, JCS_KEY) == [TITLES[2], TITLES[1], TITLES[0]]
        assert "newer than this Kontext" in index.warnings[0]


def test_a_missing_index_is_rebuilt_from_the_sessions(three_sessions: list, home: Path) -> None:
    close_all()
    for name in ("index.sqlite", "index.sqlite-wal", "index.sqlite-shm"):
        (home / "data" / name).unlink(missing_ok=True)
    with EntityIndex.open(store=SessionStore()) as index:
        assert len(index.seen_in(JCS_KEY)) == 3


def test_a_failed_index_update_never_fails_the_save(
    home: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """The index path is blocked (a directory): the save succeeds, one warning is
    logged, and the index is rebuilt with that session once it can be opened again."""
    store = SessionStore()
    SAVES[0](store)
    for name in ("index.sqlite", "index.sqlite-wal", "index.sqlite-shm"):
        (home / "data" / name).unlink(missing_ok=True)
    (home / "data" / "index.sqlite").mkdir()
    with caplog.at_level(logging.WARNING, logger="kontext.index"):
        saved = SAVES[1](store)
    assert store.load(NAMES[1]).revision == saved.revision  # the save went through
    assert [r.getMessage() for r in caplog.records if "not updated" in r.getMessage()]
    (home / "data" / "index.sqlite").rmdir()
    with EntityIndex.open(store=SessionStore()) as index:
        assert _articles(index, JCS_KEY) == [TITLES[1], TITLES[0]]


def test_a_session_saved_behind_the_index_is_caught_up_at_open(three_sessions: list) -> None:
    """A save whose index update was lost (e.g. killed in between) shows at the next open."""
    store = SessionStore()
    session = store.load(NAMES[2])
    jcs = next(e.id for e in session.entities if e.name == "JCS")
    from enrich.session import EntityNote

    session.notes[jcs] = EntityNote(entity_id=jcs, name="JCS", note="Neu.", updated=DATES[2])
    from enrich.atomic import atomic_write_bytes
    from enrich.session.codec import encode

    atomic_write_bytes(store.path(NAMES[2]), encode(session))  # a save without the hook
    with EntityIndex.open(store=SessionStore()) as index:
        entity = index.entity(JCS_KEY)
    assert entity is not None and entity.notes[0].note == "Neu."


def test_a_migration_step_is_atomic(
    three_sessions: list, home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A failing step leaves the old version and no half of the step; a good one applies."""
    from enrich.index import schema
    from enrich.index.entity_index import EntityIndexError

    close_all()
    path = home / "data" / "index.sqlite"
    bad = ("CREATE TABLE extra (x TEXT)", "INSERT INTO no_such_table VALUES (1)")
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS, bad))
    monkeypatch.setattr(schema, "LATEST", len(schema.MIGRATIONS))
    with pytest.raises(EntityIndexError, match="no_such_table"):
        EntityIndex.open(store=SessionStore())
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS) - 1
    assert db.execute("SELECT name FROM sqlite_master WHERE name = 'extra'").fetchall() == []
    db.close()
    good = ("CREATE TABLE extra (x TEXT)",)
    monkeypatch.setattr(schema, "MIGRATIONS", (*schema.MIGRATIONS[:-1], good))
    # migrated, not rebuilt: the data is still there
    with EntityIndex.open(store=SessionStore()) as index:
        assert not index.warnings
        assert _articles(index, JCS_KEY) == [TITLES[2], TITLES[1], TITLES[0]]
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == len(schema.MIGRATIONS)
    db.close()


def test_the_reader_finds_an_entity_s_key_and_what_was_met_before(three_sessions: list) -> None:
    from enrich.index import key_of
    from enrich.session.convert import annotation_of

    third = three_sessions[2]
    jcs = next(e for e in annotation_of(third).entities if e.name == "JCS")
    assert key_of(third, jcs) == JCS_KEY
    keys = [key_of(third, e) for e in annotation_of(third).entities]
    with EntityIndex.open(store=SessionStore()) as index:
        before = index.seen_counts(keys, exclude_session=NAMES[2])
        assert before[JCS_KEY] == 2  # met in the two earlier articles
        assert len(index.seen_in(JCS_KEY, limit=1)) == 1
    new = [k for k in keys if k not in before]
    assert new and all("yeonpyeong" not in k for k in new)  # added in the second article


def test_a_wikipedia_choice_is_found_by_name_for_the_next_article(three_sessions: list) -> None:
    with EntityIndex.open(store=SessionStore()) as index:
        choice = index.wiki_choice_for("JCS", exclude_session=NAMES[2])
        assert choice is not None
        assert (choice.title, choice.article_title) == (JCS_PAGE, TITLES[1])  # the latest
        assert index.wiki_choice_for("Nordkorea") is None  # never chosen
