"""The student's corrections win over the recognizers, in order, and survive offset drift."""

from __future__ import annotations

from enrich.model import Annotation, Entity, Label, Mention
from enrich.session import Correction, apply_corrections
from tests.helpers import entities_with, entity_of, has_entity, make_article

TEXT = "Yonhap meldet, Kim Jong Un war in Pjöngjang. Yonhap zitiert die JCS.\nDie JCS schweigen."


def _annotation() -> Annotation:
    article = make_article(TEXT, "de")

    def m(surface: str, label: Label, nth: int = 0) -> Mention:
        start = -1
        for _ in range(nth + 1):
            start = TEXT.index(surface, start + 1)
        return Mention(start, start + len(surface), surface, label, "model")

    kim = Entity("per-kim-jong-un", "Kim Jong Un", Label.PER, (m("Kim Jong Un", Label.PER),))
    city = Entity("per-pjongjang", "Pjöngjang", Label.PER, (m("Pjöngjang", Label.PER),))
    jcs = Entity("org-jcs", "JCS", Label.ORG, (m("JCS", Label.ORG), m("JCS", Label.ORG, 1)))
    return Annotation(article, "test", (kim, city, jcs))


def _at(surface: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(surface, start + 1)
    return start, start + len(surface)


def test_relabel_changes_the_entity_and_all_its_mentions() -> None:
    s, e = _at("Pjöngjang")
    fixed = apply_corrections(
        _annotation(), [Correction(op="relabel", start=s, end=e, text="Pjöngjang", label="LOC")]
    )
    city = entity_of(fixed, "Pjöngjang")
    assert city.label is Label.LOC
    assert {m.label for m in city.mentions} == {Label.LOC}


def test_reject_entity_removes_every_mention_but_mention_scope_only_one() -> None:
    s, e = _at("JCS")
    gone = apply_corrections(_annotation(), [Correction(op="reject", start=s, end=e, text="JCS")])
    assert not has_entity(gone, "JCS")
    one = apply_corrections(
        _annotation(), [Correction(op="reject", start=s, end=e, text="JCS", scope="mention")]
    )
    assert [m.start for m in entity_of(one, "JCS").mentions] == [_at("JCS", 1)[0]]


def test_add_marks_every_occurrence_and_wins_over_overlapping_mentions() -> None:
    s, e = _at("Yonhap")
    added = apply_corrections(
        _annotation(), [Correction(op="add", start=s, end=e, text="Yonhap", label="ORG")]
    )
    yonhap = entity_of(added, "Yonhap")
    assert yonhap.label is Label.ORG
    assert [(m.start, m.source) for m in yonhap.mentions] == [
        (s, "user"),
        (_at("Yonhap", 1)[0], "user"),
    ]
    # A span across "Kim Jong" replaces the recognizer's longer PER mention.
    s, e = _at("Jong Un")
    fixed = apply_corrections(
        _annotation(), [Correction(op="add", start=s, end=e, text="Jong Un", label="PER")]
    )
    assert not entities_with(fixed, "Kim Jong Un")
    assert entity_of(fixed, "Jong Un").mentions[0].source == "user"


def test_corrections_replay_in_order_and_find_moved_offsets_by_text() -> None:
    s, e = _at("JCS")
    log = [
        Correction(op="relabel", start=s, end=e, text="JCS", label="MISC"),
        Correction(op="relabel", start=s + 3, end=e + 3, text="JCS", label="LOC"),  # moved
    ]
    assert entity_of(apply_corrections(_annotation(), log), "JCS").label is Label.LOC
    assert entity_of(apply_corrections(_annotation(), log[:1]), "JCS").label is Label.MISC


def test_a_stale_correction_is_skipped_with_a_warning_not_an_error() -> None:
    fixed = apply_corrections(
        _annotation(),
        [
            Correction(op="reject", start=0, end=5, text="Seoul"),
            Correction(op="add", start=0, end=4, text="Nirgendwo", label="LOC"),
            Correction(op="relabel", start=0, end=6, text="Yonhap", label="BOGUS"),
        ],
    )
    assert len(fixed.entities) == 3
    assert len(fixed.warnings) == 3
    assert all("Skipped" in w for w in fixed.warnings)
