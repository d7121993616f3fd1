"""The session store on a real directory: round trips, bad files, names, listing."""

from __future__ import annotations

import tempfile
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.card import Alternative, Card, FactsCard, GlossaryCard, SummaryCard, WikiCard
from enrich.errors import KontextError, SessionError
from enrich.model import Label
from enrich.session import (
    Bookmark,
    Correction,
    EntityNote,
    Position,
    Session,
    SessionStore,
    annotation_of,
    default_name,
    sanitize_name,
)
from enrich.session.codec import encode
from enrich.session.migrate import migrate
from enrich.session.model import SCHEMA_VERSION
from tests.enrich.session.store_fixtures import OTHER_TEXT, TEXT, bookmark, fresh, note, reject

# -- round trip (property) ---------------------------------------------------------------

texts = st.text(max_size=40)  # any code point but surrogates: controls, RTL, emoji, NUL
maybe_texts = st.none() | texts
wiki_cards = st.builds(
    WikiCard,
    status=texts,
    title=maybe_texts,
    summary=maybe_texts,
    url=maybe_texts,
    confidence=st.floats(allow_nan=False, allow_infinity=False),
    alternatives=st.lists(st.builds(Alternative, title=texts, description=maybe_texts), max_size=2),
    langlinks=st.dictionaries(texts, texts, max_size=2),
    chosen=st.booleans(),
    preferred=st.none() | st.builds(SummaryCard, title=texts, summary=maybe_texts),
)
cards = st.builds(
    Card,
    term=texts,
    lang=texts,
    glossary=st.none() | st.builds(GlossaryCard, term=texts, definition=maybe_texts, source=texts),
    wikipedia=st.none() | wiki_cards,
    facts=st.none() | st.builds(FactsCard, items=st.dictionaries(texts, texts, max_size=3)),
    errors=st.lists(texts, max_size=2),
)


@st.composite
def edited_sessions(draw: st.DrawFn) -> Session:
    """A session with arbitrary student edits; offsets inside the article as the store checks."""
    session = fresh("prop")
    size = len(session.article.text)

    def span() -> tuple[int, int]:
        a = draw(st.integers(0, size))
        return a, draw(st.integers(a, size))

    session.notes = {
        key: EntityNote(
            entity_id=key,
            name=draw(texts),
            label=draw(st.sampled_from(["", "PER", "ORG", "LOC", "MISC", "TERM"])),
            note=draw(st.text(max_size=200)),
            tags=draw(st.lists(texts, max_size=4)),
            updated=draw(texts),
        )
        for key in draw(st.lists(texts, max_size=4, unique=True))
    }
    session.bookmarks = []
    for ident in draw(st.lists(texts, max_size=3, unique=True)):
        start, end = span()
        session.bookmarks.append(
            Bookmark(id=ident, start=start, end=end, quote=draw(texts), note=draw(texts))
        )
    session.corrections = [
        Correction(
            op=draw(st.sampled_from(["add", "reject", "relabel"])),
            start=draw(st.integers(0, 10**6)),
            end=draw(st.integers(0, 10**6)),
            text=draw(texts),
            label=draw(texts),
            scope=draw(st.sampled_from(["entity", "mention"])),
            at=draw(texts),
        )
        for _ in range(draw(st.integers(0, 4)))
    ]
    session.wiki_choices = draw(st.dictionaries(texts, texts, max_size=3))
    session.enrichment = draw(st.dictionaries(texts, cards, max_size=2))
    session.position = Position(offset=draw(st.integers(0, size)), entity_id=draw(texts))
    return session


@settings(max_examples=60, deadline=None)
@given(edited_sessions())
def test_save_then_load_gives_the_identical_session(session: Session) -> None:
    with tempfile.TemporaryDirectory() as root:
        store = SessionStore(Path(root))
        saved = store.save(session)
        loaded = SessionStore(Path(root)).load("prop")  # a fresh store: nothing cached
    assert loaded == saved
    for field in ("notes", "bookmarks", "corrections", "wiki_choices", "enrichment", "position"):
        assert getattr(loaded, field) == getattr(session, field), field
    assert loaded.article == session.article
    assert loaded.revision == 1


# -- writes --------------------------------------------------------------------------------


def test_save_stamps_revision_and_keeps_a_backup_of_the_previous_version(tmp_path) -> None:
    store = SessionStore(tmp_path)
    first = store.save(fresh())
    first_bytes = (tmp_path / "seed.json").read_bytes()
    first.notes["per-kim-jong-un"] = note("per-kim-jong-un", "Machthaber")
    second = store.save(first)
    assert (first.revision, second.revision) == (1, 2)
    assert (tmp_path / "seed.json~").read_bytes() == first_bytes
    assert store.load("seed").notes["per-kim-jong-un"].note == "Machthaber"
    assert b'\n  "notes": {\n' in (tmp_path / "seed.json").read_bytes()  # readable JSON


def test_a_save_failing_before_the_rename_leaves_the_previous_version(tmp_path, monkeypatch):
    import os

    store = SessionStore(tmp_path)
    saved = store.save(fresh())
    before = (tmp_path / "seed.json").read_bytes()
    real_replace = os.replace

    def crash_at_rename(src, dst, *args, **kwargs):  # type: ignore[no-untyped-def]
        if Path(dst) == tmp_path / "seed.json":
            raise OSError(28, "No space left on device")
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(os, "replace", crash_at_rename)
    saved.notes["org-jcs"] = note("org-jcs", "Generalstab")
    with pytest.raises(OSError):
        store.save(saved)
    monkeypatch.undo()
    assert (tmp_path / "seed.json").read_bytes() == before
    assert "org-jcs" not in SessionStore(tmp_path).load("seed").notes
    assert not list(tmp_path.glob("*.tmp")) and not list(tmp_path.glob(".*.tmp"))


def test_saving_another_article_under_a_used_name_is_refused(tmp_path) -> None:
    store = SessionStore(tmp_path)
    store.save(fresh())
    before = (tmp_path / "seed.json").read_bytes()
    with pytest.raises(SessionError, match="another article"):
        store.save(fresh(text=OTHER_TEXT))
    assert (tmp_path / "seed.json").read_bytes() == before
    replaced = store.save(fresh(text=OTHER_TEXT), overwrite=True)
    assert store.load("seed").article.text == OTHER_TEXT == replaced.article.text
    assert (tmp_path / "seed.json~").read_bytes() == before


# -- bad files -------------------------------------------------------------------------------


BAD_FILES = {
    "truncated": (b'{"schema": 1, "name": "x", "art', "corrupt"),
    "not-json": (b"\x89PNG\r\n\x1a\n\x00\x00", "corrupt"),
    "array": (b"[1, 2, 3]", "not a session"),
    "no-schema": (b'{"name": "x"}', "no valid 'schema'"),
    "wrong-type": (b'{"schema": 1, "name": 5, "article": {}}', "wrong shape"),
}


@pytest.mark.parametrize("case", sorted(BAD_FILES))
def test_an_unreadable_file_is_a_clear_error_and_left_untouched(tmp_path, case: str) -> None:
    data, reason = BAD_FILES[case]
    path = tmp_path / f"{case}.json"
    path.write_bytes(data)
    store = SessionStore(tmp_path)
    with pytest.raises(SessionError) as info:
        store.load(case)
    message = str(info.value)
    assert reason in message and str(path) in message and "left untouched" in message
    assert "\n" not in message
    with pytest.raises(SessionError):  # nor does a save write over it
        store.save(fresh(case))
    assert path.read_bytes() == data
    assert not (tmp_path / f"{case}.json~").exists()


def test_a_session_from_a_newer_kontext_is_refused_untouched(tmp_path) -> None:
    raw = msgspec.json.decode(encode(fresh("future")))
    raw["schema"] = 99
    raw["hologram"] = {"new": "field"}
    data = msgspec.json.encode(raw)
    (tmp_path / "future.json").write_bytes(data)
    with pytest.raises(SessionError, match="written by a newer Kontext") as info:
        SessionStore(tmp_path).load("future")
    assert "schema 99" in str(info.value) and "update Kontext" in str(info.value)
    assert (tmp_path / "future.json").read_bytes() == data


def test_offsets_outside_the_article_are_refused(tmp_path) -> None:
    session = fresh()
    session.bookmarks = [Bookmark(id="b", start=5, end=10_000, quote="?")]
    (tmp_path / "seed.json").write_bytes(encode(session))
    with pytest.raises(SessionError, match="outside the text"):
        SessionStore(tmp_path).load("seed")


def test_unknown_mention_source_and_label_load_with_safe_values(tmp_path) -> None:
    """A hand-edited or newer file: the entity is kept, its mention reads as the model's
    (not as the student's own "user" one), and an unknown label reads as MISC."""
    session = fresh()
    (kim,) = [e for e in session.entities if e.name == "Kim Jong Un"]
    kim.label = kim.mentions[0].label = "DICTATOR"
    kim.mentions[0].source = "crystal-ball"
    (tmp_path / "seed.json").write_bytes(encode(session))
    loaded = SessionStore(tmp_path).load("seed")
    (entity,) = [e for e in annotation_of(loaded).entities if e.name == "Kim Jong Un"]
    assert entity.label is Label.MISC
    assert [(m.text, m.label, m.source) for m in entity.mentions] == [
        ("Kim Jong Un", Label.MISC, "model")
    ]


def test_the_error_points_to_the_backup_when_there_is_one(tmp_path) -> None:
    store = SessionStore(tmp_path)
    store.save(store.save(fresh()))
    (tmp_path / "seed.json").write_bytes(b"{")
    with pytest.raises(SessionError, match=r"previous version is in .*seed\.json~"):
        store.load("seed")


def test_a_missing_session_is_a_kontext_error(tmp_path) -> None:
    with pytest.raises(KontextError, match="no session named 'ghost'"):
        SessionStore(tmp_path).load("ghost")


# -- migrations -------------------------------------------------------------------------------


def test_migrations_run_step_by_step_from_an_old_schema() -> None:
    old = {"schema": 0, "title": "t", "note": "hi", "tags": ["a"]}

    def v0(raw: dict) -> dict:
        raw["notes"] = [raw.pop("note")]
        raw["tags"].append("b")
        return raw

    steps = {0: v0, 1: lambda raw: {**raw, "notes": {"n1": raw["notes"][0]}}}
    lifted = migrate(old, target=2, steps=steps)
    assert lifted == {"schema": 2, "title": "t", "notes": {"n1": "hi"}, "tags": ["a", "b"]}
    assert old == {"schema": 0, "title": "t", "note": "hi", "tags": ["a"]}  # input unchanged


def test_a_missing_or_failing_step_is_a_session_error() -> None:
    with pytest.raises(SessionError, match="no migration from session schema 1 to 2"):
        migrate({"schema": 0}, target=3, steps={0: dict})
    with pytest.raises(SessionError, match="could not be migrated from schema 0"):
        migrate({"schema": 0}, target=1, steps={0: lambda raw: raw["missing"]})


def test_a_registered_step_lifts_a_file_on_load(tmp_path, monkeypatch) -> None:
    from enrich.session import migrate as migrate_module

    raw = msgspec.json.decode(encode(fresh("old")))
    raw["schema"] = 0
    raw["bookmarks"] = [{"id": "b1", "span": [0, 6], "quote": "Yonhap"}]  # an older shape
    (tmp_path / "old.json").write_bytes(msgspec.json.encode(raw))

    def v0_to_v1(data: dict) -> dict:
        for b in data["bookmarks"]:
            b["start"], b["end"] = b.pop("span")
        return data

    monkeypatch.setitem(migrate_module.STEPS, 0, v0_to_v1)
    session = SessionStore(tmp_path).load("old")
    assert session.schema == SCHEMA_VERSION  # lifted through every later step too
    assert session.bookmarks[0].start == 0 and session.bookmarks[0].end == 6


# -- names -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "hostile",
    [
        "../../etc/passwd",
        "/etc/passwd",
        "..\\..\\windows\\system32",
        "a\x00b",
        "..",
        ".hidden",
        "~/x",
        "\x1b]0;title\x07name",
        "x" * 1000,
        "ü" * 300,
        "con",
    ],
)
def test_hostile_names_stay_inside_the_sessions_dir(tmp_path, hostile: str) -> None:
    root = tmp_path / "sessions"
    store = SessionStore(root)
    try:
        saved = store.save(fresh(hostile))
    except SessionError as exc:
        assert "not a usable session name" in str(exc)
        assert hostile == ".."
        return
    index = set(tmp_path.glob("*index.sqlite*"))  # the entity index, beside the sessions dir
    files = [p for p in tmp_path.rglob("*") if p.is_file() and p not in index]
    assert {p.parent for p in files} == {root}
    assert not any(p.name.startswith(".") and p.suffix == ".json" for p in files)
    path = root / f"{saved.name}.json"
    assert path.is_file() and len(path.name.encode()) < 200
    assert "\x00" not in saved.name and "/" not in saved.name and "\x1b" not in saved.name
    assert store.load(hostile) == saved  # the same name finds it again


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_name_is_usable_or_refused_and_sanitising_is_stable(name: str) -> None:
    try:
        safe = sanitize_name(name)
    except SessionError:
        return
    assert sanitize_name(safe) == safe  # the saved name finds the same file again
    assert not {"/", "\\", "\x00"} & set(safe) and safe not in (".", "..")
    assert not safe.startswith(".") and len(safe.encode()) <= 120
    assert all(ch.isprintable() or ch == " " for ch in safe if ord(ch) < 0xA0)
    root = Path("/sessions")
    assert (root / f"{safe}.json").parent == root


def test_plain_names_are_kept_as_typed() -> None:
    assert sanitize_name("Nordkorea Manöver 2") == "Nordkorea Manöver 2"
    assert sanitize_name("seed") == "seed"
    with pytest.raises(SessionError):
        sanitize_name(" /// ")


def test_default_names_come_from_the_title_or_the_file() -> None:
    assert default_name("Großmanöver vor der Küste Südkoreas") == (
        "grossmanoever-vor-der-kueste-suedkoreas"
    )
    assert default_name("", "../shared/seed/article-de.txt") == "article-de"
    assert default_name("", "-") == "session"
    assert len(default_name("Wort " * 50)) <= 48


# -- list, find, delete ------------------------------------------------------------------------


def test_list_counts_what_the_student_sees_and_survives_bad_files(tmp_path) -> None:
    store = SessionStore(tmp_path)
    session = fresh()
    session.corrections = [reject("JCS")]
    session.notes = {"per-kim-jong-un": note("per-kim-jong-un", "Machthaber", "nk")}
    session.bookmarks = [bookmark("b1", "Pjöngjang"), bookmark("b2", "Yonhap")]
    store.save(session)
    store.save(fresh("other", OTHER_TEXT))
    (tmp_path / "broken.json").write_bytes(b"{nope")
    (tmp_path / "a:b.json").write_bytes(encode(fresh("a:b")))  # copied in by hand
    (tmp_path / ".seed.json.abcd1234.tmp").write_bytes(b"half a fi")  # a crashed save's leftover

    infos = {i.name: i for i in store.list()}
    assert set(infos) == {"seed", "other", "broken", "a:b"}
    assert "rename the file" in infos["a:b"].error
    seed = infos["seed"]
    assert (seed.entities, seed.notes, seed.bookmarks) == (1, 1, 2)  # JCS rejected
    assert seed.title == TEXT[:30] and not seed.error
    assert "corrupt" in infos["broken"].error
    assert [i.name for i in store.list()][-2:] == ["a:b", "broken"]  # unreadable ones last


def test_find_by_article_and_delete(tmp_path) -> None:
    store = SessionStore(tmp_path)
    a = store.save(fresh("a"))
    store.save(fresh("b"))
    store.save(fresh("c", OTHER_TEXT))
    assert sorted(store.find_by_article(a.article.sha256)) == ["a", "b"]
    assert store.find_by_article(a.article.sha256.removeprefix("sha256:").upper()) != []
    store.delete("a")
    assert not store.exists("a") and not (tmp_path / "a.json~").exists()
    assert store.find_by_article(a.article.sha256) == ["b"]
    with pytest.raises(SessionError, match="no session named 'a'"):
        store.delete("a")


def test_find_by_article_skips_broken_files_and_lists_newest_first(tmp_path) -> None:
    store = SessionStore(tmp_path)
    old = store.save(fresh("old"))
    store.save(fresh("other", OTHER_TEXT))
    newer = fresh("newer")
    newer.updated = "2999-01-01T00:00:00Z"  # sorts after any real save time
    store.save(newer)
    # Same article, but a mention off the end of the text: not a readable session.
    broken = (tmp_path / "old.json").read_text(encoding="utf-8")
    bad = broken.replace('"end":', '"end":9999999,"_was":', 1)
    (tmp_path / "bad.json").write_text(bad, encoding="utf-8")
    (tmp_path / "garbage.json").write_bytes(b"\x00not json")
    found = store.find_by_article(old.article.sha256)
    assert found[-1] == "old" and "bad" not in found and "garbage" not in found
    assert (tmp_path / "garbage.json").read_bytes() == b"\x00not json"  # left untouched


def test_default_root_follows_kontext_home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path))
    store = SessionStore()
    store.save(fresh())
    assert (tmp_path / "data" / "sessions" / "seed.json").is_file()
