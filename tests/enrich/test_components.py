"""Each rule component, through the real spaCy pipeline and annotate()."""

from __future__ import annotations

import pytest

from enrich import annotate
from enrich.model import Annotation, Label
from enrich.nlp.components.abbreviations import schwartz_hearst
from enrich.nlp.components.glossary import GlossaryTerm
from enrich.nlp.pipeline import load_recognizer
from enrich.nlp.places import nationality_place
from tests.helpers import entity_of, has_entity, make_article


def run(text: str, lang: str = "de", **kwargs):
    return annotate(make_article(text, lang), **kwargs)


# --- abbreviations -----------------------------------------------------------


@pytest.mark.parametrize(
    ("short", "candidate", "expected"),
    [
        ("BfV", "das Bundesamt für Verfassungsschutz", "Bundesamt für Verfassungsschutz"),
        ("ICBM", "an intercontinental ballistic missile", "intercontinental ballistic missile"),
        ("JCS", "said the Joint Chiefs of Staff", "Joint Chiefs of Staff"),
        ("JCS", "Vereinigte Generalstab Südkoreas", None),  # English acronym, German words
    ],
)
def test_schwartz_hearst_alignment(short: str, candidate: str, expected: str | None) -> None:
    start = schwartz_hearst(short, candidate)
    assert (candidate[start:] if start is not None else None) == expected


def test_german_definition_with_matching_letters_joins_later_uses() -> None:
    ann = run(
        "Das Bundesamt für Verfassungsschutz (BfV) warnt vor Spionage.\n"
        "Nach Angaben des BfV stieg die Zahl der Fälle."
    )
    bfv = entity_of(ann, "BfV")
    assert bfv.name == "Bundesamt für Verfassungsschutz"
    assert bfv.label == Label.ORG
    assert [m.text for m in bfv.mentions] == ["Bundesamt für Verfassungsschutz", "BfV", "BfV"]
    assert {m.source for m in bfv.mentions} == {"abbreviation"}


def test_cross_lingual_acronym_takes_the_capitalised_phrase() -> None:
    ann = run("Die Internationale Atomenergiebehörde (IAEA) prüft. Die IAEA schweigt.")
    iaea = entity_of(ann, "IAEA")
    assert iaea.name == "Internationale Atomenergiebehörde"
    assert iaea.aliases == ("IAEA",)


def test_english_lowercase_long_form_is_a_term() -> None:
    ann = run("It tested an intercontinental ballistic missile (ICBM) on Monday.", "en")
    icbm = entity_of(ann, "ICBM")
    assert icbm.name == "intercontinental ballistic missile"
    assert icbm.label == Label.TERM


def test_definition_in_first_chunk_covers_a_far_later_paragraph() -> None:
    filler = "Dies ist ein langer Absatz ohne Namen und ohne Abkürzungen. " * 400
    text = (
        "Das Bundesamt für Verfassungsschutz (BfV) warnt. Der Abgeordnete Lee Sung-kwon "
        f"widerspricht.\n{filler}\nDas BfV bestätigt. Lee bleibt skeptisch."
    )
    ann = run(text)
    bfv = entity_of(ann, "BfV")
    late = [m for m in bfv.mentions if m.start > 20_000]
    # "BfV" is no all-caps acronym: only the propagated definition can find it here.
    assert [(m.text, m.source) for m in late] == [("BfV", "abbreviation")]
    lee = entity_of(ann, "Lee Sung-kwon")
    assert [m.text for m in lee.mentions if m.start > 20_000] == ["Lee"]


def test_an_oversized_paragraph_is_split_but_offsets_stay_exact() -> None:
    text = "Die NATO tagt in Berlin und Paris. " * 2_000  # one 70,000-character paragraph
    ann = run(text)
    nato = entity_of(ann, "NATO")
    assert len(nato.mentions) == 2_000
    assert all(text[m.start : m.end] == "NATO" for m in nato.mentions)


@pytest.mark.parametrize(
    ("text", "person", "party"),
    [
        (
            "Bundeskanzler Friedrich Merz (CDU) sagte, die CDU stehe bereit.",
            "Friedrich Merz",
            "CDU",
        ),
        (
            "Das sagte Verteidigungsminister Boris Pistorius (SPD). Auch Lars Klingbeil (SPD) "
            "schwieg.",
            "Boris Pistorius",
            "SPD",
        ),
        ("Der Präsident Lee Sung-kwon (LSK) sprach.", "Lee Sung-kwon", "LSK"),
    ],
)
def test_name_with_party_in_brackets_is_no_definition(text: str, person: str, party: str) -> None:
    ann = run(text)
    assert entity_of(ann, person).label == Label.PER
    assert entity_of(ann, person).aliases == ()
    assert not any(m.source == "abbreviation" for e in ann.entities for m in e.mentions)
    assert entity_of(ann, party).name == party


def test_a_short_form_defined_two_ways_defines_nothing() -> None:
    ann = run(
        "Das Bundesamt für Verfassungsschutz (BfV) warnt. Der Bundesverband freier Verlage "
        "(BfV) widerspricht."
    )
    assert not any(m.source == "abbreviation" for e in ann.entities for m in e.mentions)


@pytest.mark.parametrize(
    ("text", "long_form"),
    [
        ("Die Christlich-Demokratische Union (CDU) tagt.", "Christlich-Demokratische Union"),
        (
            "Spionage Alarm\nBundesamt für Verfassungsschutz (BfV) warnt.",
            "Bundesamt für Verfassungsschutz",
        ),
        ("Die Nordatlantikvertrags-Organisation (NATO) tagt.", "Nordatlantikvertrags-Organisation"),
    ],
)
def test_long_form_boundaries(text: str, long_form: str) -> None:
    ann = annotate(make_article(text.replace("\n", "\n\n"), "de"))
    assert any(e.name == long_form and e.label == Label.ORG for e in ann.entities), [
        e.name for e in ann.entities
    ]


def test_parenthesised_word_that_is_no_acronym_defines_nothing() -> None:
    ann = run("Die Stadt (Hauptstadt) wächst. Sie hat (laut Zählung) viele Bewohner.")
    assert not has_entity(ann, "Hauptstadt")


def test_a_dateline_names_the_agency_it_does_not_define_it() -> None:
    """ "Marburg (KNA) - ...": the agency is no place, and Marburg is not its long form."""
    ann = run("Marburg (KNA) - Die Stadt hat am Montag einen neuen Haushalt beschlossen.")
    assert entity_of(ann, "Marburg").label == Label.LOC
    assert not any(m.source == "abbreviation" for e in ann.entities for m in e.mentions)
    assert not any(e.label == Label.LOC for e in ann.entities if e.name == "KNA")


# --- domain terms ------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "term"),
    [
        ("Es liefert 240-mm-Raketenwerfer und Munition.", "de", "240-mm-Raketenwerfer"),
        ("Dazu kommen 170-mm-Selbstfahrlafetten.", "de", "170-mm-Selbstfahrlafetten"),
        ("Geliefert wurden 155 mm Haubitzen.", "de", "155 mm Haubitzen"),
        ("It supplied 240mm rocket launchers to Russia.", "en", "240mm rocket launchers"),
        ("They fired 170-mm self-propelled guns.", "en", "170-mm self-propelled guns"),
        ("Eine Rakete vom Typ KN-23 schlug ein.", "de", "KN-23"),
        ("Russia moved S-400 batteries.", "en", "S-400"),
    ],
)
def test_term_patterns(text: str, lang: str, term: str) -> None:
    assert entity_of(run(text, lang), term).label == Label.TERM


def test_numbers_without_calibre_are_not_terms() -> None:
    ann = run("Es kamen 240 Raketen und 12 Soldaten.", "de")
    assert not any(e.label == Label.TERM for e in ann.entities)


# --- person titles -------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Das sagte der Abgeordnete Lee Sung-kwon am Montag.", "de", "Lee Sung-kwon"),
        (
            "Der ukrainische Präsident Wolodymyr Selenskyj sagte, es reiche.",
            "de",
            "Wolodymyr Selenskyj",
        ),
        ("Verteidigungsminister Boris Pistorius reiste ab.", "de", "Boris Pistorius"),
        (
            "Die Kommission unter Präsidentin Ursula von der Leyen tagte.",
            "de",
            "Ursula von der Leyen",
        ),
        ("President Joe Biden spoke on Tuesday.", "en", "Joe Biden"),
        ("said lawmaker Lee Sung-kwon of the Democratic Party.", "en", "Lee Sung-kwon"),
        ("NATO Secretary-General Mark Rutte arrived.", "en", "Mark Rutte"),
    ],
)
def test_names_after_titles_are_per(text: str, lang: str, name: str) -> None:
    ent = entity_of(run(text, lang), name)
    assert ent.label == Label.PER
    assert ent.mentions[0].rule == "title"


def test_title_then_lowercase_word_is_no_name() -> None:
    ann = run("Der Präsident sagte nichts. Der Minister schwieg.")
    assert not any(e.label == Label.PER for e in ann.entities)


def test_title_does_not_swallow_months_or_institutions() -> None:
    assert not any(e.label == Label.PER for e in run("The General Assembly met.", "en").entities)
    assert not any(e.label == Label.PER for e in run("Der Präsident Dezember kam.").entities)


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Als Kanzler Scholz Kiew besuchte, war es ruhig.", "de", "Scholz"),
        ("Zuvor hatte Präsident Selenskyj Waffen gefordert.", "de", "Selenskyj"),
        ("Then Secretary Lloyd Austin North Korea visited.", "en", "Lloyd Austin"),
        (
            "Das sagte Sprecherin Jana Kowalke der Nachrichtenagentur am Montag.",
            "de",
            "Jana Kowalke",
        ),
        ("Einst schlug General Marcus Vettius den Keltischen Stamm.", "de", "Marcus Vettius"),
        ("Sie traf Ministerin Ursula von der Heide in Bonn.", "de", "Ursula von der Heide"),
    ],
)
def test_name_after_title_stops_at_places_and_nouns(text: str, lang: str, name: str) -> None:
    ann = run(text, lang)
    assert [e.name for e in ann.entities if e.label == Label.PER] == [name]


def test_risky_title_endings_only_count_as_whole_words() -> None:
    ann = run("Der Halbleiter Infineon Aktien stiegen.")
    assert not any(e.label == Label.PER for e in ann.entities)


def test_propagated_surname_never_beats_a_place_or_another_person() -> None:
    ann = run(
        "Als Kanzler Scholz Kiew besuchte, fielen in Kiew Bomben.\n"
        "Der Abgeordnete Lee Sung-kwon sprach. Später sagte Lee Jae-myung etwas anderes."
    )
    kiew = entity_of(ann, "Kiew")
    assert kiew.label == Label.LOC and len(kiew.mentions) == 2
    lee = entity_of(ann, "Lee Sung-kwon")
    assert [m.text for m in lee.mentions] == ["Lee Sung-kwon"]


# --- acronyms -----------------------------------------------------------------


def test_acronyms_are_orgs_but_not_roman_numerals_or_shouting() -> None:
    ann = run("Die NATO und die EU beraten über Teil II. DAS IST EINE WARNUNG AN ALLE.")
    assert entity_of(ann, "NATO").label == Label.ORG
    assert entity_of(ann, "EU").label == Label.ORG
    assert not has_entity(ann, "II")
    assert not has_entity(ann, "WARNUNG")


# --- places and demonyms -------------------------------------------------------


def test_country_genitive_and_adjective_join_one_place() -> None:
    ann = run("Russland droht. Russlands Armee und russische Soldaten rücken vor.")
    ru = entity_of(ann, "Russland")
    assert ru.label == Label.LOC
    assert [(m.text, m.kind) for m in ru.mentions] == [
        ("Russland", "mention"),
        ("Russlands", "mention"),
        ("russische", "related"),
    ]
    assert ru.aliases == ()  # "Russlands" is an inflection, not an alias


def test_adjective_alone_creates_its_country_entity() -> None:
    ann = run("Die finnischen Behörden ermitteln.")
    fi = next(e for e in ann.entities if any(m.text == "finnischen" for m in e.mentions))
    assert fi.name == "Finnland"
    assert fi.mentions[0].kind == "related"


def test_month_phrases_are_no_places() -> None:
    ann = run("Die Gespräche sollen Mitte Dezember beginnen. In der Mitte des Landes.")
    assert ann.entities == ()


def test_city_exonyms_and_english_possessives() -> None:
    de = run("In Pjöngjang und Moskau wurde verhandelt.")
    assert entity_of(de, "Pjöngjang").label == Label.LOC
    assert entity_of(de, "Moskau").label == Label.LOC
    en = run("North Korea's leader met Russian officials in Moscow.", "en")
    nk = entity_of(en, "North Korea")
    assert nk.label == Label.LOC
    assert entity_of(en, "Moscow").label == Label.LOC
    russian = entity_of(en, "Russian")  # a nationality word: a MISC name of Russia's
    assert (russian.label, nationality_place(russian.key, "en")) == (Label.MISC, "Russia")


def test_english_nationality_words_are_names_german_adjectives_stay_related() -> None:
    # English (CoNLL, OntoNotes' NORP, wikigold) marks "Canadian" as a MISC name;
    # GermEval marks "kanadische" as LOCderiv, a related form of Kanada.
    en = run("Two Canadians and a Canadian author met Polish officials.", "en", glossary=())
    canadian = next(e for e in en.entities if "Canadian" in [m.text for m in e.mentions])
    assert canadian.label == Label.MISC
    assert [(m.text, m.kind) for m in canadian.mentions] == [
        ("Canadians", "mention"),
        ("Canadian", "mention"),
    ]
    assert nationality_place(canadian.key, "en") == "Canada"
    polish = entity_of(en, "Polish")
    assert (polish.label, nationality_place(polish.key, "en")) == (Label.MISC, "Poland")
    de = run("Eine kanadische Autorin traf polnische Beamte.", glossary=())
    assert [(e.name, e.label, [m.kind for m in e.mentions]) for e in de.entities] == [
        ("Kanada", Label.LOC, ["related"]),
        ("Polen", Label.LOC, ["related"]),
    ]


def test_oblast_is_a_region_not_the_city() -> None:
    ann = run("Kämpfe in der Oblast Kursk dauern an.")
    assert entity_of(ann, "Oblast Kursk").mentions[0].rule == "region"


# --- glossary hook ---------------------------------------------------------------


def test_glossary_terms_are_highlighted_case_insensitively() -> None:
    glossary = (GlossaryTerm("Kamikaze-Drohnen"), GlossaryTerm("Schattenflotte"))
    ann = run("Es kamen kamikaze-drohnen. Die Schattenflotte fährt.", glossary=glossary)
    drones = entity_of(ann, "kamikaze-drohnen")
    assert drones.label == Label.TERM
    assert drones.mentions[0].source == "glossary"
    assert entity_of(ann, "Schattenflotte").mentions[0].source == "glossary"


def test_short_all_caps_glossary_terms_match_case_sensitively() -> None:
    glossary = (GlossaryTerm("WHO", Label.ORG),)
    ann = run("The WHO warned those who travel.", "en", glossary=glossary)
    assert [m.text for e in ann.entities for m in e.mentions] == ["WHO"]


# --- merge priorities --------------------------------------------------------------


def test_pipeline_order_and_merge_output() -> None:
    nlp = load_recognizer("de").nlp
    assert nlp.pipe_names[-1] == "kontext_merge"
    doc = nlp("Der Vereinigte Generalstab Südkoreas (JCS) tagt mit russischen Gästen in Seoul.")
    final = [(s.text, s.label_, s.id_) for s in doc.spans["kontext"]]
    # The definition wins over the gazetteer's "Südkoreas" inside it.
    assert ("Vereinigte Generalstab Südkoreas", "ORG", "abbreviation:definition") in final
    assert not any(t == "Südkoreas" for t, _, _ in final)
    assert ("russischen", "LOC", "rule:demonym") in final
    # doc.ents holds the names, not the related forms.
    assert [e.text for e in doc.ents] == [t for t, _, rule in final if rule != "rule:demonym"]
    assert "russischen" not in [e.text for e in doc.ents]


# --- news sources ----------------------------------------------------------------


def rules_only(text: str, lang: str) -> Annotation:
    return annotate(make_article(text, lang), model="rules", glossary=())


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("Das wurde vom Militär über Yonhap gemeldet.", "de", "Yonhap"),
        ("Das berichtete die Nachrichtenagentur Kyodo am Montag.", "de", "Kyodo"),
        ("Der Staatssender Arirang zeigte Bilder.", "de", "Arirang"),
        ("Das meldete die staatliche Nachrichtenagentur Xinhua.", "de", "Xinhua"),
        ("The broadcaster Arirang showed pictures.", "en", "Arirang"),
        ("Kyodo news agency reported it first.", "en", "Kyodo"),
    ],
)
def test_a_name_in_a_news_source_construction_is_an_organisation(
    text: str, lang: str, name: str
) -> None:
    mention = next(m for e in rules_only(text, lang).entities for m in e.mentions if m.text == name)
    assert mention.label == Label.ORG and mention.rule.startswith("source-")


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Das Video wurde über Nacht veröffentlicht und über Internet verbreitet.", "de"),
        ("Er nahm ein Blatt Papier und schrieb.", "de"),
        ("Laut Sender Informationen sei alles ruhig.", "de"),
        ("Der Sender Zuschauer verlor im Sommer.", "de"),
        ("Der Absender Wolfgang schrieb zurück.", "de"),
        ("The paper is updated daily Monday to Friday.", "en"),
        ("It aired on the channel Sunday night.", "en"),
        ("European Space Agency Director General spoke.", "en"),
    ],
)
def test_ordinary_nouns_near_role_words_are_no_sources(text: str, lang: str) -> None:
    spans = [m for e in rules_only(text, lang).entities for m in e.mentions]
    assert not any(m.rule.startswith("source-") for m in spans), spans


def test_reporting_about_a_place_is_no_source() -> None:
    """ "über X berichtet" is about X; only "gemeldet"/"verbreitet" pass a report on through X."""
    ann = rules_only("Die Zeitung hat über Xantira berichtet und über Moskau verbreitet.", "de")
    assert not has_entity(ann, "Xantira")
    assert entity_of(ann, "Moskau").label == Label.LOC  # a known place beats the source rule


# --- where the pipeline lost the model's own answers (issue 14) -------------------


def test_slash_joined_names_stay_one_token_as_in_the_training_data() -> None:
    doc = load_recognizer("de").nlp("Bremen/Oldenburg ( dpa/lni ) - Die SPD/Grünen-Fraktion tagt.")
    words = [t.text for t in doc]
    assert "Bremen/Oldenburg" in words and "dpa/lni" in words
    assert "SPD/Grünen-Fraktion" in words


def test_an_acronym_used_once_is_left_to_the_model_one_used_twice_is_a_name() -> None:
    once = run("Die Zündung misst den Winkel am QT der Welle genau.")
    assert not has_entity(once, "QT")
    twice = run("Die QRB tagte am Montag. Danach sagte die QRB ihre Reise ab.")
    assert entity_of(twice, "QRB").label == Label.ORG


def test_a_place_name_that_is_mostly_a_word_is_no_place_without_the_model() -> None:
    # "Rest" is a place name somewhere; the training data uses it as a noun.
    ann = run("Sie verbrachte den Rest des Jahres am Meer.")
    assert not has_entity(ann, "Rest")


def test_region_word_before_a_genitive_is_not_part_of_the_name() -> None:
    ann = run("Das Gebiet Norwegens wurde damals neu vermessen.")
    assert not has_entity(ann, "Gebiet Norwegens")
    assert entity_of(ann, "Norwegens").label == Label.LOC


def test_a_title_that_is_also_a_first_name_does_not_join_the_person() -> None:
    ann = run("Damals regierte Kaiser Friedrich Barbarossa das Reich.")
    assert not has_entity(ann, "Kaiser Friedrich Barbarossa")
    ann = run("Die Königin Margarethe II. besuchte die Stadt.")
    assert has_entity(ann, "Margarethe II.")


def test_hyphenated_english_words_stay_one_token_as_in_the_training_data() -> None:
    doc = load_recognizer("en").nlp("A Liberal-Labour candidate crossed the Danish-German border.")
    words = [t.text for t in doc]
    assert "Liberal-Labour" in words and "Danish-German" in words
    # Dashes still split.
    assert [t.text for t in load_recognizer("en").nlp("well--known")] == ["well", "--", "known"]


def test_an_english_term_inside_a_longer_model_name_gives_way_to_it() -> None:
    from spacy.tokens import Span

    for lang, text, kept in (
        ("en", "The EF-111 Raven flew again.", "EF-111 Raven"),
        ("de", "Die EF-111 Raven flog wieder.", "EF-111"),  # German: unchanged, the term wins
    ):
        nlp = load_recognizer(lang).nlp
        doc = nlp(text, disable=["kontext_merge"])
        doc.ents = [Span(doc, 1, 3, label="MISC")]  # what the model would say
        nlp.get_pipe("kontext_merge")(doc)
        assert [s.text for s in doc.spans["kontext"]] == [kept]


def test_an_all_caps_word_is_no_english_person_title() -> None:
    ann = rules_only("He ran MS Windows at home, said Ms Harlow.", "en")
    assert not has_entity(ann, "Windows")
    assert entity_of(ann, "Harlow").label == Label.PER


def test_an_english_model_name_ending_in_an_organisation_noun_is_an_org() -> None:
    from spacy.tokens import Span

    for lang, text, label in (
        ("en", "The Harwell Rowing Club won again.", "ORG"),
        ("en", "The Lonsdale Railroad ran again.", "MISC"),  # not an organisation noun
        ("de", "Der Harwell Rowing Club gewann.", "MISC"),  # German: the model decides
    ):
        nlp = load_recognizer(lang).nlp
        doc = nlp(text, disable=["kontext_merge"])
        doc.ents = [Span(doc, 1, 4 if "Rowing" in text else 3, label="MISC")]
        nlp.get_pipe("kontext_merge")(doc)
        assert [s.label_ for s in doc.spans["kontext"]] == [label], text
