"""The student's corrections win over the recognizers, in order, and survive offset drift."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.model import Annotation, Entity, Label, Mention
from enrich.session import Correction, apply_corrections
from enrich.session.corrections import _free, _occurrences
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


# -- the fast paths agree with the obvious ones ----------------------------------------------

words = st.sampled_from(["Yonhap", "JCS", "Kim", "Yonhap_2", "ab", "a b", "Ünal", " ", "-", "é"])


@settings(max_examples=200, deadline=None)
@given(st.lists(words, max_size=30), words)
def test_occurrences_are_the_whole_word_matches_a_regex_finds(
    parts: list[str], surface: str
) -> None:
    text = "".join(parts)
    pattern = re.compile(r"(?<!\w)" + re.escape(surface) + r"(?!\w)")
    assert _occurrences(text, surface) == [(m.start(), m.end()) for m in pattern.finditer(text)]


spans = st.tuples(st.integers(0, 60), st.integers(1, 8)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=200, deadline=None)
@given(st.lists(spans, max_size=12), st.lists(spans, max_size=40))
def test_free_occurrences_are_those_no_taken_span_overlaps(
    raw: list[tuple[int, int]], taken: list[tuple[int, int]]
) -> None:
    occurrences: list[tuple[int, int]] = []  # sorted and not overlapping, as in a text
    for s, t in sorted(raw):
        if not occurrences or s >= occurrences[-1][1]:
            occurrences.append((s, t))
    expected = [not any(a < t and s < b for a, b in taken) for s, t in occurrences]
    assert _free(occurrences, taken) == expected


def test_adding_a_word_marks_occurrences_outside_other_entities_only() -> None:
    # "Yonhap" twice, the second inside a longer recognizer mention: only the first is added.
    text = "Yonhap meldet. Die Yonhap Agentur schweigt."
    article = make_article(text, "de")
    start = text.index("Yonhap Agentur")
    agency = Entity(
        "org-agentur",
        "Yonhap Agentur",
        Label.ORG,
        (Mention(start, start + 14, "Yonhap Agentur", Label.ORG, "model"),),
    )
    fixed = apply_corrections(
        Annotation(article, "test", (agency,)),
        [Correction(op="add", start=0, end=6, text="Yonhap", label="ORG")],
    )
    assert [(m.start, m.end) for m in entity_of(fixed, "Yonhap").mentions] == [(0, 6)]
    assert entity_of(fixed, "Yonhap Agentur").id == "org-agentur"


def test_adding_a_german_name_takes_its_genitive_too() -> None:
    """Issue 14 §4: the student adds "Lindqvist"; "Lindqvists", even where a recognizer
    made it a person of its own, joins the added entity."""
    text = "Lindqvist reiste ab. Lindqvists Team blieb. Lindqvist kam zurück."
    article = make_article(text, "de")
    at = text.index("Lindqvists")
    other = Entity(
        "per-x", "Lindqvists", Label.PER, (Mention(at, at + 10, "Lindqvists", Label.PER, "model"),)
    )
    fixed = apply_corrections(
        Annotation(article, "test", (other,)),
        [Correction(op="add", start=0, end=9, text="Lindqvist", label="PER")],
    )
    (person,) = fixed.entities
    assert [m.text for m in person.mentions] == ["Lindqvist", "Lindqvists", "Lindqvist"]
    assert {m.source for m in person.mentions} == {"user"}
