"""Clubs, quoted works, awards, indices and regions (issue 14, §3), on texts we wrote."""

from __future__ import annotations

from enrich import annotate
from enrich.model import Label
from tests.helpers import entity_of, has_entity, make_article


def run(text: str, lang: str = "de"):  # type: ignore[no-untyped-def]
    return annotate(make_article(text, lang), glossary=())


def test_a_club_named_after_a_city_is_the_club_not_the_city() -> None:
    annotation = run(
        "Der 1. FC Lindenau gewann am Samstag 2:1 gegen Waldhausen. "
        "Zuvor hatte Bayer Oberstadt gegen Borussia Mönchengladbach verloren."
    )
    for club in ("1. FC Lindenau", "Waldhausen", "Bayer Oberstadt", "Borussia Mönchengladbach"):
        assert entity_of(annotation, club).label == Label.ORG
    assert not has_entity(annotation, "Lindenau")  # no place picked out of the club
    assert not has_entity(annotation, "Mönchengladbach")


def test_gegen_without_a_score_or_before_a_common_noun_is_no_club() -> None:
    annotation = run("Gegen Ende stand es 3:0. Sie protestierten gegen Berlin.")
    assert not has_entity(annotation, "Ende")
    assert entity_of(annotation, "Berlin").label == Label.LOC


def test_a_quoted_title_after_a_kind_of_work_is_misc() -> None:
    annotation = run(
        "Ihr Dokumentarfilm „Die stille Grenze“ lief in Köln. Sein Roman „Paul Winter“ auch."
    )
    assert entity_of(annotation, "Die stille Grenze").label == Label.MISC
    assert entity_of(annotation, "Paul Winter").label == Label.MISC  # a title, not a person


def test_awards_and_indices_are_misc() -> None:
    annotation = run("Sie erhielt den Goldenen Bären. Der MDax stieg, der Euro Stoxx 50 fiel.")
    for name in ("Goldenen Bären", "MDax", "Euro Stoxx 50"):
        assert entity_of(annotation, name).label == Label.MISC
    english = run('Her film "Silent Harbour" won an Oscar.', "en")
    assert entity_of(english, "Silent Harbour").label == Label.MISC
    assert entity_of(english, "Oscar").label == Label.MISC


def test_german_states_regions_and_exonyms_are_places() -> None:
    annotation = run(
        "Die Wahl in Sachsen-Anhalt und im Saarland ist vorbei. In Nordbayern, "
        "auf der Krim und in Neapel wurde auch gewählt."
    )
    for place in ("Sachsen-Anhalt", "Saarland", "Nordbayern", "Krim", "Neapel"):
        assert entity_of(annotation, place).label == Label.LOC


def test_a_news_source_construction_decides_the_kind_of_a_model_name() -> None:
    """ "über X gemeldet": whatever the model thinks X is, the construction says ORG."""
    for agency in ("Hanbit", "Tasnim", "Kyunghee"):
        annotation = run(f"Der Angriff wurde am Dienstag von der Armee über {agency} gemeldet.")
        assert entity_of(annotation, agency).label == Label.ORG
