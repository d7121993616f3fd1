"""The reader's session state without a screen: corrections, undo, notes, what counts as unsaved."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from enrich.card import Alternative, Card, WikiCard
from enrich.model import Annotation, Label
from enrich.session import Correction, Session
from enrich.session.state import SessionState, describe
from enrich.shown_cards import ShownCards, candidates, with_choice
from tests.tui.helpers import demo_annotation

DEMO = demo_annotation()


def _fresh() -> SessionState:
    return SessionState.fresh("demo", DEMO)


def _ids(state: SessionState) -> set[str]:
    return {e.id for e in state.annotation.entities}


def test_reject_relabel_add_and_undo_replay_over_the_recognizers() -> None:
    state = _fresh()
    assert not state.dirty and state.annotation is DEMO
    nato = state.entity("org-nato")
    assert nato is not None
    correction = state.reject(nato.mentions[0])
    assert "org-nato" not in _ids(state) and state.dirty
    assert describe(correction) == "Rejected 'NATO'"

    ostsee = state.entity("loc-ostsee")
    assert ostsee is not None
    state.relabel(ostsee.mentions[0], Label.ORG)
    relabelled = state.entity("loc-ostsee")
    assert relabelled is not None and relabelled.label == Label.ORG
    assert all(m.label == Label.ORG for m in relabelled.mentions)

    text = DEMO.article.text
    start = text.index("Marine kündigte")
    added = state.add(start, start + len("Marine"), Label.ORG)
    entity = state.added_entity(added)
    assert entity is not None and entity.name == "Marine" and entity.label == Label.ORG
    assert [m.start for m in entity.mentions] == [start]  # not "Marinestützpunkt"

    assert state.undo() == added
    assert state.undo() is not None  # the relabel
    assert state.entity("loc-ostsee").label == Label.LOC  # type: ignore[union-attr]
    assert state.undo() is not None
    assert "org-nato" in _ids(state)
    assert state.undo() is None
    assert state.dirty  # undoing is a change too: the file still holds the corrections


def test_rejecting_one_mention_keeps_the_entity() -> None:
    state = _fresh()
    pistorius = state.entity("per-pistorius")
    assert pistorius is not None and len(pistorius.direct_mentions) >= 2
    state.reject(pistorius.direct_mentions[1], scope="mention")
    kept = state.entity("per-pistorius")
    assert kept is not None and len(kept.mentions) == len(pistorius.mentions) - 1


def test_notes_are_kept_trimmed_and_removed_when_emptied() -> None:
    state = _fresh()
    rutte = state.entity("per-rutte")
    assert rutte is not None
    note = state.set_note(rutte, "  NATO-Generalsekretär ", ["exam", " exam", "", "nato"])
    assert note is not None and note.note == "NATO-Generalsekretär"
    assert note.tags == ["exam", "nato"]
    changes = state.changes
    state.set_note(rutte, "NATO-Generalsekretär", ["exam", "nato"])
    assert state.changes == changes  # the same note again is no change
    assert state.set_note(rutte, "", []) is None
    assert state.note("per-rutte") is None and state.changes == changes + 1


def test_a_save_that_raced_a_newer_edit_leaves_the_state_dirty() -> None:
    state = _fresh()
    nato = state.entity("org-nato")
    assert nato is not None
    state.reject(nato.mentions[0])
    saved, changes = state.snapshot(120, "per-rutte")
    assert saved is not state.session and saved.position.offset == 120
    state.add_bookmark(0, 10, "Titel")  # edited while the save runs
    written = Session(name=saved.name, article=saved.article, revision=1, created="x")
    state.mark_saved(changes, written)
    assert state.dirty and state.session.revision == 1 and state.stored
    saved, changes = state.snapshot(0, None)
    state.mark_saved(changes, written)
    assert not state.dirty


def test_position_moves_are_noticed_but_are_not_edits() -> None:
    state = _fresh()
    saved, changes = state.snapshot(300, "org-nato")
    assert state.position_moved(300, "org-nato")  # not saved yet
    state.mark_saved(changes, saved)
    assert not state.position_moved(300, "org-nato")
    assert state.position_moved(301, "org-nato")
    assert not state.dirty


def test_a_chosen_wikipedia_card_still_lists_the_other_candidates() -> None:
    original = Card(
        wikipedia=WikiCard(
            title="Merkur (Planet)",
            description="Planet",
            alternatives=[
                Alternative(title="Merkur (Mythologie)", description="Gott"),
                Alternative(title="Merkur (Zeitschrift)", description=""),
            ],
        )
    )
    chosen = Card(wikipedia=WikiCard(title="Merkur (Mythologie)", summary="Der Götterbote."))
    card = with_choice(original, chosen)
    titles = [t for t, _ in candidates(card)]
    assert titles == ["Merkur (Mythologie)", "Merkur (Planet)", "Merkur (Zeitschrift)"]
    assert card.wikipedia is not None and card.wikipedia.chosen is True

    shown = ShownCards(saved={"e1": card})
    shown.choices["e1"] = "Merkur (Mythologie)"
    assert shown.shown("e1") == card  # the saved pick shows until it is looked up again
    assert shown.default_title("e1") == ""
    shown.forget_choice("e1")
    assert shown.shown("e1") is None


def test_bookmarks_made_in_two_windows_get_different_ids() -> None:
    one, two = _fresh(), _fresh()
    first = one.add_bookmark(0, 10, "hier")
    second = two.add_bookmark(20, 30, "dort")
    assert first.id != second.id
    assert one.add_bookmark(40, 50, "").id not in {first.id, second.id}


def test_a_new_session_records_the_spacy_version_like_annotate_save() -> None:
    from importlib.metadata import version

    assert _fresh().session.model_version == f"spaCy {version('spacy')}"


def test_an_edit_applies_one_correction_and_undo_none(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replaying the whole log on every edit grows with the log; an edit is one step."""
    import enrich.session.state

    applied: list[int] = []
    real = enrich.session.state.apply_corrections

    def counting(annotation: Annotation, corrections: Sequence[Correction]) -> Annotation:
        applied.append(len(corrections))
        return real(annotation, corrections)

    monkeypatch.setattr(enrich.session.state, "apply_corrections", counting)
    state = _fresh()
    pistorius = state.entity("per-pistorius")
    assert pistorius is not None
    for _ in range(20):  # relabel back and forth: a long log
        state.relabel(pistorius.mentions[0], Label.ORG)
        state.relabel(pistorius.mentions[0], Label.PER)
    assert sum(applied) == 40
    applied.clear()
    for _ in range(5):
        state.undo()
    assert sum(applied) == 0
    entity = state.entity("per-pistorius")
    assert entity is not None and entity.label == Label.ORG  # 35 corrections: ends on ORG
    assert state.annotation == real(DEMO, state.session.corrections)  # the same as a replay


def test_drafts_are_part_of_the_session_and_count_as_unsaved() -> None:
    state = _fresh()
    state.set_draft("note:org-nato", {"note": "halb", "tags": ""})
    assert state.dirty and state.drafts_unsaved
    assert state.draft("note:org-nato") == {"note": "halb", "tags": ""}
    saved, changes = state.snapshot(0, None)
    state.mark_saved(changes, saved)
    assert not state.dirty and not state.drafts_unsaved
    assert saved.drafts == {"note:org-nato": {"note": "halb", "tags": ""}}
    state.set_draft("note:org-nato", {"note": "  ", "tags": ""})  # emptied: no draft left
    assert state.draft("note:org-nato") is None and state.dirty
    nato = state.entity("org-nato")
    assert nato is not None
    state.set_draft("note:org-nato", {"note": "fast", "tags": ""})
    state.set_note(nato, "fertig", [])
    assert state.draft("note:org-nato") is None
