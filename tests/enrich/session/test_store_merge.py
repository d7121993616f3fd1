"""Two Kontext windows editing one session: nothing either saved is silently lost."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.session import Correction, Position, SessionStore
from enrich.session.merge import NOTE_SEPARATOR, merge
from tests.enrich.session.store_fixtures import TEXT, bookmark, fresh, note, reject


def _two_windows(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Two stores (as in two processes) that both loaded the same saved revision."""
    SessionStore(tmp_path).save(fresh())
    a, b = SessionStore(tmp_path), SessionStore(tmp_path)
    return a, a.load("seed"), b, b.load("seed")


def test_the_second_save_merges_instead_of_overwriting(tmp_path) -> None:
    a, mine, b, theirs = _two_windows(tmp_path)
    mine.notes["per-kim-jong-un"] = note("per-kim-jong-un", "Machthaber")
    mine.corrections.append(reject("JCS", at="2025-01-01T10:00:00+00:00"))
    theirs.bookmarks.append(bookmark("b1", "Pjöngjang", note_text="Hauptstadt"))
    theirs.corrections.append(reject("Kim Jong Un", at="2025-01-01T09:00:00+00:00"))
    theirs.position = Position(offset=30, entity_id="per-kim-jong-un")

    first = b.save_with_report(theirs)
    second = a.save_with_report(mine)
    assert not first.merged
    assert second.merged
    assert "1 bookmark" in second.merge.messages[0]
    on_disk = SessionStore(tmp_path).load("seed")
    assert on_disk == second.session
    assert on_disk.revision == 3
    assert on_disk.notes["per-kim-jong-un"].note == "Machthaber"
    assert [bm.note for bm in on_disk.bookmarks] == ["Hauptstadt"]
    assert [c.text for c in on_disk.corrections] == ["Kim Jong Un", "JCS"]  # in time order
    assert on_disk.position.offset == 30  # only the other window moved


def test_one_note_edited_in_both_windows_keeps_both_texts(tmp_path) -> None:
    a, mine, b, theirs = _two_windows(tmp_path)
    mine.notes["org-jcs"] = note("org-jcs", "Generalstab Südkoreas", "militär")
    theirs.notes["org-jcs"] = note("org-jcs", "Joint Chiefs of Staff", "abk")
    b.save(theirs)
    result = a.save_with_report(mine)
    merged = SessionStore(tmp_path).load("seed").notes["org-jcs"]
    assert merged.note == "Generalstab Südkoreas" + NOTE_SEPARATOR + "Joint Chiefs of Staff"
    assert merged.tags == ["militär", "abk"]
    assert any("both texts were kept" in m for m in result.merge.messages)


def test_an_undo_in_one_window_is_not_undone_by_the_merge(tmp_path) -> None:
    store = SessionStore(tmp_path)
    start = fresh()
    start.corrections = [reject("JCS")]
    start.notes = {"org-jcs": note("org-jcs", "weg damit")}
    store.save(start)
    a, b = SessionStore(tmp_path), SessionStore(tmp_path)
    mine, theirs = a.load("seed"), b.load("seed")
    mine.corrections.clear()  # undo the rejection
    del mine.notes["org-jcs"]  # and delete the note
    theirs.bookmarks.append(bookmark("b1", "Yonhap"))
    b.save(theirs)
    merged = a.save(mine)
    assert merged.corrections == [] and merged.notes == {}
    assert [bm.id for bm in merged.bookmarks] == ["b1"]


def test_saving_the_returned_session_again_does_not_merge(tmp_path) -> None:
    store = SessionStore(tmp_path)
    saved = store.save(fresh())
    saved.notes["org-jcs"] = note("org-jcs", "eins")
    again = store.save_with_report(saved)
    assert not again.merged and again.session.revision == 2


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.text(max_size=12), max_size=4, unique=True),
    st.lists(st.text(max_size=12), max_size=4, unique=True),
    st.lists(st.text(max_size=12), max_size=4, unique=True),
)
def test_merge_keeps_everything_either_side_added(base_notes, ours_notes, their_notes) -> None:
    base = fresh()
    base.notes = {f"e{i}": note(f"e{i}", t) for i, t in enumerate(base_notes)}
    ours, theirs = fresh(), fresh()
    ours.notes = {**base.notes, **{f"o{i}": note(f"o{i}", t) for i, t in enumerate(ours_notes)}}
    theirs.notes = {**base.notes, **{f"t{i}": note(f"t{i}", t) for i, t in enumerate(their_notes)}}
    ours.corrections = [Correction(op="reject", start=0, end=1, text=t) for t in ours_notes]
    theirs.corrections = [Correction(op="reject", start=0, end=1, text=t) for t in their_notes]
    for known_base in (base, None):
        merged, _ = merge(known_base, ours, theirs)
        assert set(merged.notes) == set(ours.notes) | set(theirs.notes)
        assert set(merged.corrections) == set(ours.corrections) | set(theirs.corrections)
        assert len(merged.corrections) == len(set(merged.corrections))  # no duplicates


# -- two real processes ---------------------------------------------------------------------

ROUNDS = 8


def _edit_in_rounds(root: str, who: str, barrier, results) -> None:  # type: ignore[no-untyped-def]
    """Each round: load, wait until the other process loaded too, edit, save."""
    store = SessionStore(Path(root))
    merges = 0
    for i in range(ROUNDS):
        session = store.load("seed")
        barrier.wait(timeout=60)
        session.notes[f"{who}-{i}"] = note(f"{who}-{i}", f"{who} round {i}")
        start = TEXT.index("Yonhap")
        label = "ORG" if who == "left" else "MISC"  # not the same correction twice: see below
        session.corrections.append(
            Correction(
                op="add", start=start, end=start + 6, text="Yonhap", label=label, at=who + str(i)
            )
        )
        merges += store.save_with_report(session).merged
        barrier.wait(timeout=60)
    results.put((who, merges))


def test_two_processes_saving_concurrently_lose_nothing(tmp_path) -> None:
    SessionStore(tmp_path).save(fresh())
    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(2), ctx.Queue()
    procs = [
        ctx.Process(target=_edit_in_rounds, args=(str(tmp_path), who, barrier, results))
        for who in ("left", "right")
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
    assert [p.exitcode for p in procs] == [0, 0]
    merges = dict(results.get(timeout=5) for _ in procs)
    final = SessionStore(tmp_path).load("seed")
    expected = {f"{who}-{i}" for who in ("left", "right") for i in range(ROUNDS)}
    assert set(final.notes) == expected
    assert len(final.corrections) == 2 * ROUNDS
    assert final.revision == 1 + 2 * ROUNDS
    # Both loaded the same revision every round, so one of each pair had to merge.
    assert sum(merges.values()) == ROUNDS
