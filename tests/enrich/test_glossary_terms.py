"""``terms(lang)``: the glossary as span-ruler patterns, and what annotate does with it."""

from __future__ import annotations

import pytest

from enrich import annotate
from enrich.glossary import Entry, Glossary, add_entry, terms
from enrich.model import Label
from tests.helpers import entity_of, make_article


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path))


def test_terms_are_deterministic_hashable_and_sorted() -> None:
    first, second = terms("de"), terms("de")
    assert first == second
    assert hash(first) == hash(second)
    assert list(first) == sorted(first, key=lambda t: (t.term, t.key, str(t.label)))
    assert len({t.term for t in first}) == len(first)


def test_every_form_of_an_entry_shares_one_key_and_label() -> None:
    by_term = {t.term: t for t in terms("de")} | {t.term: t for t in terms("en")}
    forms = ["Marschflugkörper", "Marschflugkörpern", "Marschflugkörpers", "cruise missile"]
    keys = {by_term[f].key for f in forms}
    assert keys == {"glossary:marschflugkorper"}
    assert {by_term[f].label for f in forms} == {Label.TERM}
    assert by_term["Haubitze"].key == by_term["Haubitzen"].key == "glossary:haubitze"
    assert by_term["NATO"].label == Label.ORG
    assert by_term["NATO"].case_sensitive


def test_english_terms_use_english_plurals_only() -> None:
    english = {t.term for t in terms("en")}
    assert {"howitzer", "howitzers", "cruise missiles", "Haubitze"} <= english
    assert "Haubitzen" not in english


def test_a_user_entry_claims_its_forms_before_the_bundled_one() -> None:
    glossary = Glossary(
        bundled=[Entry(term="Haubitze", definition_de="bundled")],
        user=[Entry(term="Haubitzen", label=Label.MISC, definition_de="user", inflection="none")],
    )
    by_term = {t.term: t for t in glossary.terms("de")}
    assert by_term["Haubitzen"].key == "glossary:haubitzen"
    assert by_term["Haubitzen"].label == Label.MISC
    assert by_term["Haubitze"].key == "glossary:haubitze"


def test_annotate_highlights_inflected_glossary_terms() -> None:
    article = make_article(
        "Russland griff in der Nacht mit Kamikaze-Drohnen und Marschflugkörpern an.\n"
        "Ein Marschflugkörper wurde abgefangen, die Haubitzen schwiegen.",
        "de",
    )
    annotation = annotate(article, glossary=terms("de"))
    for surface in ("Kamikaze-Drohnen", "Marschflugkörpern", "Haubitzen"):
        entity = entity_of(annotation, surface)
        assert entity.label == Label.TERM
        mention = next(m for m in entity.mentions if m.text == surface)
        assert mention.source == "glossary"
    # Both forms of the same entry are one entity.
    cruise = entity_of(annotation, "Marschflugkörpern")
    assert {m.text for m in cruise.mentions} == {"Marschflugkörpern", "Marschflugkörper"}


def test_annotate_with_a_user_term() -> None:
    add_entry("Seegrenze", "Grenze auf dem Meer.", aliases=("maritime border",))
    article = make_article("Das Schiff überquerte die Seegrenzen mehrmals.", "de")
    annotation = annotate(article, glossary=terms("de"))
    entity = entity_of(annotation, "Seegrenzen")
    assert entity.label == Label.TERM
    assert entity.mentions[0].source == "glossary"


def test_english_article() -> None:
    article = make_article(
        "Officials said loitering munitions and cruise missiles hit the port.", "en"
    )
    annotation = annotate(article, glossary=terms("en"))
    assert entity_of(annotation, "loitering munitions").label == Label.TERM
    assert entity_of(annotation, "cruise missiles").mentions[0].source == "glossary"


def test_an_english_alias_never_fires_in_a_german_text() -> None:
    """ "premier" is an English alias of Premierminister: not in "Premier Division"."""
    german = {t.term for t in terms("de")}
    assert "premier" not in german and "cruise missile" not in german
    assert {"Premierminister", "konstruktives Misstrauensvotum"} <= german
    article = make_article("Der Klub aus Leeds stieg in die Premier Division auf.", "de")
    annotation = annotate(article, glossary=terms("de"))
    assert not any(e.label == Label.TERM for e in annotation.entities)


def test_the_english_alias_still_fires_in_an_english_text() -> None:
    article = make_article("The premier met the cabinet on Tuesday.", "en")
    annotation = annotate(article, glossary=terms("en"))
    assert entity_of(annotation, "premier").label == Label.TERM
