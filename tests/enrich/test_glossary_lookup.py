"""Looking terms up: inflected forms, case rules, and the precedence of the three sources."""

from __future__ import annotations

import pytest

from enrich.glossary import Entry, Glossary, add_entry, article_local, load_glossary
from enrich.glossary.inflect import candidate_stems, forms, german_forms
from enrich.model import Label
from tests.helpers import make_article


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path))


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    glossary, _ = load_glossary(user=False)
    return glossary


@pytest.mark.parametrize(
    ("surface", "term"),
    [
        ("Marschflugkörpern", "Marschflugkörper"),  # dative plural -n
        ("Marschflugkörpers", "Marschflugkörper"),  # genitive -s
        ("Kamikaze-Drohnen", "Kamikaze-Drohne"),  # plural of a hyphenated compound
        ("Haubitzen", "Haubitze"),
        ("Verteidigungsverträgen", "Verteidigungsvertrag"),  # umlaut plural, dative
        ("Verteidigungsvertrages", "Verteidigungsvertrag"),  # genitive -es
        ("Waffenstillstands", "Waffenstillstand"),
        ("Abgeordneten", "Abgeordneter"),  # nominalised adjective
        ("Abgeordnete", "Abgeordneter"),
        ("Mehrfachraketenwerfern", "Mehrfachraketenwerfer"),
        ("ballistischen Raketen", "ballistische Rakete"),  # adjective + noun
        ("Internationalen Strafgerichtshofs", "Internationaler Strafgerichtshof"),
        ("UN-Sicherheitsrates", "UN-Sicherheitsrat"),
        ("Sanktion", "Sanktionen"),
        ("cruise missiles", "Marschflugkörper"),  # English plural of an alias
        ("howitzers", "Haubitze"),
        ("loitering munitions", "Kamikaze-Drohne"),
    ],
)
def test_inflected_forms_find_their_entry(bundled, surface: str, term: str) -> None:
    entry = bundled.lookup(surface, "de")
    assert entry is not None, surface
    assert entry.term == term


def test_case_is_ignored_for_words_but_not_for_short_acronyms(bundled) -> None:
    assert bundled.lookup("marschflugkörper").term == "Marschflugkörper"
    assert bundled.lookup("KAMIKAZE-DROHNEN").term == "Kamikaze-Drohne"
    assert bundled.lookup("WHO").term == "Weltgesundheitsorganisation"
    assert bundled.lookup("who") is None
    assert bundled.lookup("Who") is None
    assert bundled.lookup("Nato").term == "NATO"  # listed as its own alias


def test_stem_fallback_finds_forms_the_generator_does_not_list(bundled) -> None:
    match = bundled.resolve("embargoes", "en")  # not generated ("embargos" is): found by stem
    assert match is not None and match.entry.term == "Embargo"
    assert match.inflected
    assert not bundled.resolve("Schattenflotten", "de").inflected
    stems = candidate_stems("Marschflugkörpern", "de")
    assert "marschflugkörper" in stems
    # Short stems are never guessed: "Rate" must not become "Rat".
    assert candidate_stems("Rate", "de") == []


def test_unknown_and_empty_names(bundled) -> None:
    assert bundled.lookup("Blumenkohl") is None
    assert bundled.lookup("   ") is None


def test_generated_german_forms() -> None:
    assert {"Marschflugkörpern", "Marschflugkörpers"} <= german_forms("Marschflugkörper")
    assert "Haubitzen" in german_forms("Haubitze")
    assert {"Verträge", "Verträgen", "Vertrags", "Vertrages"} <= german_forms("Vertrag")
    assert "Sanktionen" in german_forms("Sanktion")
    assert german_forms("Abgeordneter", "adjective") >= {"Abgeordnete", "Abgeordneten"}
    assert "ballistischen Raketen" in german_forms("ballistische Rakete")
    assert forms("NATO", "de") == {"NATO"}
    assert forms("cruise missile", "de") == {"cruise missile", "cruise missiles"}
    assert forms("Oberst", "de", "none") == {"Oberst"}
    assert "Rate" not in german_forms("Rat")  # short nouns get only safe endings


def _entry(term: str, text: str, *aliases: str, label: Label = Label.TERM) -> Entry:
    return Entry(term=term, aliases=aliases, label=label, definition_de=text)


def test_precedence_article_beats_user_beats_bundled() -> None:
    bundled = [_entry("Generalstab", "bundled"), _entry("Drohne", "bundled drone")]
    user = [_entry("Generalstab", "user"), _entry("JCS", "user JCS", label=Label.ORG)]
    article = [_entry("Vereinigter Generalstab", "article", "JCS", label=Label.ORG)]
    glossary = Glossary(bundled, user, article)
    assert glossary.resolve("JCS").source == "article"
    assert glossary.lookup("JCS").definition_de == "article"
    assert glossary.resolve("Generalstab").source == "user"
    assert glossary.lookup("Generalstabs").definition_de == "user"
    assert glossary.resolve("Drohnen").source == "bundled"
    # The merged view lists each term once, from its highest source.
    listed = {(m.entry.term, m.source) for m in glossary.entries()}
    assert ("Generalstab", "user") in listed and ("Generalstab", "bundled") not in listed


def test_known_forms_beat_guessed_stems_across_sources() -> None:
    glossary = Glossary(bundled=[_entry("Rate", "instalment")], user=[_entry("Ratenzahl", "x")])
    assert glossary.lookup("Rate").definition_de == "instalment"


def test_user_glossary_overrides_bundled_through_load_glossary() -> None:
    add_entry("Haubitze", "Meine eigene Erklärung.")
    glossary, warnings = load_glossary()
    assert warnings == []
    match = glossary.resolve("Haubitzen")
    assert match.source == "user"
    assert match.entry.definition_de == "Meine eigene Erklärung."


def test_article_local_definitions_from_a_real_annotation() -> None:
    from enrich import annotate

    text = (
        "Der Vereinigte Generalstab Südkoreas (JCS) meldete einen Raketenstart.\n"
        "Nach Angaben des JCS flog die Rakete 300 Kilometer weit."
    )
    annotation = annotate(make_article(text, "de"))
    local = article_local(annotation)
    assert len(local) == 1
    (entry,) = local
    assert entry.term == "Vereinigte Generalstab Südkoreas"
    assert entry.aliases == ("JCS",)
    assert entry.label == Label.ORG
    assert (
        "JCS" in entry.definition_de and "Vereinigte Generalstab Südkoreas" in entry.definition_de
    )

    add_entry("JCS", "Joint Chiefs of Staff der USA.", label="ORG")
    glossary, _ = load_glossary(annotation=annotation)
    match = glossary.resolve("JCS")
    assert match.source == "article"
    assert match.entry.term == "Vereinigte Generalstab Südkoreas"
    plain, _ = load_glossary()
    assert plain.resolve("JCS").source == "user"
