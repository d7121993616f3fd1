"""Entity clustering: inflection, abbreviations, partial names, label votes."""

from __future__ import annotations

from enrich import annotate
from enrich.model import Label
from enrich.nlp.clustering import RawMention, cluster, slug
from enrich.nlp.places import NATIONALITY_PREFIX, nationality_place
from tests.helpers import entity_of, make_article


def m(start: int, text: str, label: str, source: str = "model", rule: str = "ner", key: str = ""):
    return RawMention(start, start + len(text), text, label, source, rule, key)


def test_genitive_joins_base_form_in_german_only() -> None:
    mentions = [m(0, "Russland", "LOC"), m(20, "Russlands", "LOC")]
    assert len(cluster(mentions, {}, "de")) == 1
    assert len(cluster(mentions, {}, "en")) == 2


def test_label_vote_makes_one_label_per_entity() -> None:
    mentions = [
        m(0, "Selenskyj", "PER"),
        m(30, "Selenskyj", "PER"),
        m(60, "Selenskyj", "LOC"),
    ]
    (entity,) = cluster(mentions, {}, "de")
    assert entity.label == Label.PER
    assert {x.label for x in entity.mentions} == {Label.PER}


def test_strong_rule_evidence_outweighs_a_model_guess() -> None:
    mentions = [m(0, "Lee Sung-kwon", "PER", "rule", "title"), m(40, "Lee Sung-kwon", "LOC")]
    assert cluster(mentions, {}, "de")[0].label == Label.PER


def test_surname_joins_the_one_full_name() -> None:
    mentions = [
        m(0, "Wolodymyr Selenskyj", "PER"),
        m(50, "Selenskyj", "PER"),
        m(80, "Selenskyjs", "PER"),
    ]
    (entity,) = cluster(mentions, {}, "de")
    assert entity.name == "Wolodymyr Selenskyj"
    assert entity.aliases == ("Selenskyj",)


def test_ambiguous_surname_is_left_alone() -> None:
    mentions = [m(0, "Anna Schmidt", "PER"), m(20, "Peter Schmidt", "PER"), m(50, "Schmidt", "PER")]
    assert len(cluster(mentions, {}, "de")) == 3


def test_shared_key_joins_abbreviation_and_long_form_and_names_it() -> None:
    mentions = [
        m(0, "Joint Chiefs of Staff", "ORG", "abbreviation", "definition", "abbr:JCS"),
        m(23, "JCS", "ORG", "abbreviation", "short-form", "abbr:JCS"),
        m(90, "JCS", "ORG", "rule", "acronym", "acr:JCS"),
    ]
    (entity,) = cluster(mentions, {"abbr:JCS": "Joint Chiefs of Staff"}, "en")
    assert entity.name == "Joint Chiefs of Staff"
    assert entity.aliases == ("JCS",)
    assert len(entity.mentions) == 3


def test_related_mentions_do_not_vote_and_keep_their_kind() -> None:
    related = [
        RawMention(
            i * 20, i * 20 + 15, "nordkoreanische", "LOC", "rule", "demonym", "geo:X", "related"
        )
        for i in range(3)
    ]
    mentions = [*related, m(90, "Xland", "PER", "rule", "title", "geo:X")]
    (entity,) = cluster(mentions, {}, "de")
    assert entity.label == Label.PER  # three related LOC forms cast no vote
    assert [x.kind for x in entity.mentions] == ["related"] * 3 + ["mention"]


def test_acronym_does_not_join_a_name_that_ends_in_the_same_letters() -> None:
    ann = annotate(make_article("Machthaber Kim Jong Un sprach. Die UN verurteilt das.", "de"))
    assert entity_of(ann, "Kim Jong Un").aliases == ()
    assert entity_of(ann, "UN").label == Label.ORG


def test_same_spelling_with_different_place_keys_stays_apart() -> None:
    mentions = [
        m(0, "Georgia", "LOC", "rule", "country", "geo:GE"),
        m(20, "Georgia", "LOC", "rule", "region", "region:US-GA"),
        m(40, "Georgia", "LOC"),
    ]
    assert len(cluster(mentions, {}, "en")) == 2


def test_ids_are_stable_readable_and_unique() -> None:
    assert slug("Vereinigte Generalstab Südkoreas") == "vereinigte-generalstab-sudkoreas"
    text = "Die NATO tagt.\nDie NATO tagt."
    first = annotate(make_article(text, "de")).entities
    second = annotate(make_article(text, "de")).entities
    assert [e.id for e in first] == [e.id for e in second] == ["org-nato"]
    # Different names whose slugs collide still get distinct ids.
    mentions = [m(0, "Südkorea", "LOC"), m(20, "Sudkorea", "LOC")]
    assert [e.id for e in cluster(mentions, {}, "en")] == ["loc-sudkorea", "loc-sudkorea-2"]


def test_document_level_consistency_end_to_end() -> None:
    ann = annotate(
        make_article(
            "Der Abgeordnete Lee Sung-kwon sprach. Später erklärte Lee, es gebe Verluste.", "de"
        )
    )
    lee = entity_of(ann, "Lee Sung-kwon")
    assert [x.text for x in lee.mentions] == ["Lee Sung-kwon", "Lee"]


def test_declined_adjective_forms_of_a_name_are_one_entity() -> None:
    """ "Deutschen Bank" is the "Deutsche Bank" (here: another bank of the same shape)."""
    mentions = [
        m(0, "Nordische Kreditbank", "ORG"),
        m(40, "Nordischen Kreditbank", "ORG"),
        m(80, "Nordischen Kreditbanks", "ORG"),
    ]
    (entity,) = cluster(mentions, {}, "de")
    assert entity.name == "Nordische Kreditbank"
    assert entity.aliases == ()


def test_a_short_organisation_form_joins_its_one_long_form() -> None:
    mentions = [
        m(0, "Aston Rovers", "ORG"),
        m(30, "Rovers", "ORG"),
        m(60, "Liberale Volkspartei Europas", "ORG"),
        m(100, "LVE", "ORG"),
    ]
    entities = cluster(mentions, {}, "de")
    assert [[x.text for x in e.mentions] for e in entities] == [
        ["Aston Rovers", "Rovers"],
        ["Liberale Volkspartei Europas", "LVE"],
    ]


def test_a_short_form_with_two_candidate_long_forms_stays_apart() -> None:
    mentions = [m(0, "Aston Rovers", "ORG"), m(30, "Bolton Rovers", "ORG"), m(60, "Rovers", "ORG")]
    assert len(cluster(mentions, {}, "en")) == 3


def test_northern_irish_relates_to_northern_ireland_not_to_ireland() -> None:
    # English nationality words are MISC names (as in wikigold), keyed to their place.
    text = "Northern Irish farmers met Irish ministers in Dublin."
    annotation = annotate(make_article(text, "en"), glossary=())
    of = {
        e.name: (e.label, nationality_place(e.key, "en"))
        for e in annotation.entities
        if e.key.startswith(NATIONALITY_PREFIX)
    }
    assert of == {
        "Northern Irish": (Label.MISC, "Northern Ireland"),
        "Irish": (Label.MISC, "Ireland"),
    }


def test_a_well_known_short_form_joins_its_long_form_when_both_are_there() -> None:
    mentions = [m(0, "Hamburger SV", "ORG"), m(40, "HSV", "ORG"), m(80, "Karlsruher SC", "ORG")]
    entities = cluster(mentions, {}, "de")
    assert [[x.text for x in e.mentions] for e in entities] == [
        ["Hamburger SV", "HSV"],
        ["Karlsruher SC"],
    ]
    # Alone, the short form is just itself; with two listed long forms it stays apart.
    assert len(cluster([m(0, "HSV", "ORG")], {}, "de")) == 1
    two = [m(0, "FC Bayern München", "ORG"), m(30, "FC Barcelona", "ORG"), m(60, "FCB", "ORG")]
    assert len(cluster(two, {}, "de")) == 3


def test_club_short_forms_in_a_match_report_join_their_clubs() -> None:
    text = (
        "Der Hamburger SV hat am Samstag gegen Leicester City gewonnen. "
        "Der HSV führte früh, City glich vor der Pause aus. "
        "Am Ende jubelte der HSV."
    )
    annotation = annotate(make_article(text, "de"), glossary=(), rules=())
    hsv = entity_of(annotation, "Hamburger SV")
    assert {x.text for x in hsv.mentions} == {"Hamburger SV", "HSV"}
    city = entity_of(annotation, "Leicester City")
    assert {x.text for x in city.mentions} >= {"Leicester City", "City"}
