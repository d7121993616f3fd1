"""Two windows that made similar edits: the merge keeps each passage once and every text."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from enrich.session import Correction, NameTakenError, SessionStore
from enrich.session.codec import decode, encode
from enrich.session.merge import NOTE_SEPARATOR, merge
from tests.enrich.session.store_fixtures import OTHER_TEXT, TEXT, bookmark, fresh, note


def _two_windows(tmp_path: Path):  # type: ignore[no-untyped-def]
    SessionStore(tmp_path).save(fresh())
    a, b = SessionStore(tmp_path), SessionStore(tmp_path)
    return a, a.load("seed"), b, b.load("seed")


def test_two_passages_under_one_bookmark_id_are_both_kept(tmp_path: Path) -> None:
    a, mine, b, theirs = _two_windows(tmp_path)
    # Both windows numbered their first bookmark alike, on different passages.
    mine.bookmarks.append(bookmark("b1", "Pjöngjang", note_text="Hauptstadt"))
    theirs.bookmarks.append(bookmark("b1", "JCS", note_text="Generalstab"))
    b.save(theirs)
    result = a.save_with_report(mine)
    saved = SessionStore(tmp_path).load("seed")
    assert sorted((bm.quote, bm.note) for bm in saved.bookmarks) == [
        ("JCS", "Generalstab"),
        ("Pjöngjang", "Hauptstadt"),
    ]
    assert len({bm.id for bm in saved.bookmarks}) == 2
    assert [bm.id for bm in saved.bookmarks if bm.quote == "Pjöngjang"] == ["b1"]  # ours
    assert "1 bookmark" in result.merge.messages[0]


def test_the_same_bookmark_edited_in_both_keeps_one_passage_and_both_notes() -> None:
    base = fresh()
    base.bookmarks = [bookmark("b1", "JCS")]
    ours, theirs = fresh(), fresh()
    ours.bookmarks = [bookmark("b1", "JCS", note_text="eins")]
    theirs.bookmarks = [bookmark("b1", "JCS", note_text="zwei")]
    merged, _ = merge(base, ours, theirs)
    assert [(bm.id, bm.note) for bm in merged.bookmarks] == [
        ("b1", "eins" + NOTE_SEPARATOR + "zwei")
    ]


def test_a_bookmark_one_window_replaced_under_a_reused_id_stays_replaced() -> None:
    # Base had b1 on "Yonhap"; we deleted it and bookmarked "JCS" as b1; they kept it.
    base = fresh()
    base.bookmarks = [bookmark("b1", "Yonhap")]
    ours, theirs = fresh(), fresh()
    ours.bookmarks = [bookmark("b1", "JCS")]
    theirs.bookmarks = [bookmark("b1", "Yonhap")]
    merged, _ = merge(base, ours, theirs)
    assert [bm.quote for bm in merged.bookmarks] == ["JCS"]


def test_the_same_correction_made_in_two_windows_is_kept_once(tmp_path: Path) -> None:
    a, mine, b, theirs = _two_windows(tmp_path)
    start = TEXT.index("JCS")
    same = {"op": "reject", "start": start, "end": start + 3, "text": "JCS"}
    mine.corrections.append(Correction(**same, at="2025-01-01T10:00:05+00:00"))
    theirs.corrections.append(Correction(**same, at="2025-01-01T10:00:01+00:00"))
    b.save(theirs)
    a.save(mine)
    saved = SessionStore(tmp_path).load("seed")
    assert [(c.op, c.text) for c in saved.corrections] == [("reject", "JCS")]


def test_a_correction_repeated_in_one_window_is_not_collapsed() -> None:
    start = TEXT.index("JCS")
    span = {"op": "relabel", "start": start, "end": start + 3, "text": "JCS"}
    log = [
        Correction(**span, label="MISC"),
        Correction(**span, label="LOC"),
        Correction(**span, label="MISC"),  # back again: the last one must stay last
    ]
    ours, theirs = fresh(), fresh()
    ours.corrections = list(log)
    theirs.corrections = list(log)
    merged, _ = merge(None, ours, theirs)
    assert [c.label for c in merged.corrections] == ["MISC", "LOC", "MISC"]


def test_merge_messages_carry_no_control_sequences() -> None:
    hostile = "Kim\x1b]0;owned\x07 \x1b[2J\x9b31mJong"
    ours, theirs = fresh(), fresh()
    base = fresh()
    base.notes = {"e1": note("e1", "alt")}
    base.bookmarks = [bookmark("b1", "JCS")]
    ours.notes = {"e1": note("e1", "ours")}
    theirs.notes = {"e1": note("e1", "theirs")}
    ours.bookmarks = [bookmark("b1", "JCS", note_text="a")]
    theirs.bookmarks = [bookmark("b1", "JCS", note_text="b")]
    for side in (ours, theirs, base):
        side.notes["e1"].name = hostile
        side.bookmarks[0].quote = hostile
    _, report = merge(base, ours, theirs)
    text = "\n".join(report.messages)
    assert "the note on Kim Jong was edited in both" in text
    assert not any(ch in text for ch in "\x1b\x07\x9b")


def test_drafts_are_saved_merged_and_read_from_files_without_them(tmp_path: Path) -> None:
    a, mine, b, theirs = _two_windows(tmp_path)
    mine.drafts["note:org-jcs"] = {"note": "halb", "tags": "exam"}
    theirs.drafts["note:org-jcs"] = {"note": "anders", "tags": "nato, exam"}
    theirs.drafts["define:per-kim-jong-un"] = {"de": "Machthaber", "en": "ruler"}
    b.save(theirs)
    a.save(mine)
    drafts = SessionStore(tmp_path).load("seed").drafts
    assert drafts["note:org-jcs"] == {
        "note": "halb" + NOTE_SEPARATOR + "anders",
        "tags": "exam, nato",
    }
    assert drafts["define:per-kim-jong-un"] == {"de": "Machthaber", "en": "ruler"}
    # A file written before drafts existed (still schema 1) reads as having none.
    raw = msgspec.json.decode(encode(fresh()))
    del raw["drafts"]
    raw["schema"] = 1
    assert decode(msgspec.json.encode(raw)).drafts == {}


def test_a_name_holding_another_article_is_refused_and_a_free_name_offered(
    tmp_path: Path,
) -> None:
    store = SessionStore(tmp_path)
    store.save(fresh("seed", OTHER_TEXT))
    with pytest.raises(NameTakenError, match="holds another article"):
        store.save(fresh("seed"))
    assert store.free_name("seed") == "seed-2"
    store.save(fresh("seed-2"))
    assert store.free_name("seed") == "seed-3"
    assert store.free_name("neu") == "neu"
    long = "x" * 200
    store.save(fresh(long))
    assert store.free_name(long) != long and not store.exists(store.free_name(long))


def test_saving_under_a_free_name_moves_past_names_holding_other_articles(
    tmp_path: Path,
) -> None:
    store = SessionStore(tmp_path)
    store.save(fresh("seed", OTHER_TEXT))
    store.save(fresh("seed-2", OTHER_TEXT))
    result = store.save_under_free_name(fresh("seed"))
    assert result.session.name == "seed-3"
    assert store.load("seed").article.text == OTHER_TEXT  # the other article is untouched
    assert store.load("seed-3").article.text == TEXT
    # The same article under its own name merges there instead of moving on.
    again = store.save_under_free_name(fresh("seed-3"))
    assert again.session.name == "seed-3"
    with pytest.raises(NameTakenError, match="holds another article"):
        store.save_under_free_name(fresh("seed"), tries=0)


def test_the_name_taken_error_shows_the_other_title_without_control_sequences(
    tmp_path: Path,
) -> None:
    store = SessionStore(tmp_path)
    other = fresh("seed", OTHER_TEXT)
    other.article.title = "Bericht\x1b]0;PWNED\x07\nzweite Zeile"
    store.save(other)
    with pytest.raises(NameTakenError) as caught:
        store.save(fresh("seed"))
    message = str(caught.value)
    assert "Bericht" in message and "zweite Zeile" in message
    assert not any(c in message for c in ("\x1b", "\x07", "\n"))
