"""Offline facts for places, from registry data packages only."""

from __future__ import annotations

from enrich.facts import facts_for


def test_country_facts_are_localised() -> None:
    de = dict(facts_for("geo:KP", "Nordkorea", "de").items)
    assert de["Name"] == "Nordkorea"
    assert de["Hauptstadt"] == "Pyongyang"
    assert de["Kontinent"] == "Asien"
    assert de["Währung"].endswith("(KPW)")
    assert de["ISO-Code"] == "KP / PRK"
    en = dict(facts_for("geo:KP", "North Korea", "en").items)
    assert en["Name"] == "North Korea" and en["Continent"] == "Asia"
    assert int(en["Population"].replace(",", "")) > 10_000_000


def test_city_facts_by_name_when_there_is_no_key() -> None:
    facts = facts_for("", "Pjöngjang", "de")
    assert facts.kind == "city"
    items = dict(facts.items)
    assert items["Land"] == "Nordkorea"
    assert int(items["Einwohner"].replace(".", "")) > 1_000_000


def test_unknown_places_and_non_places_have_no_facts() -> None:
    assert facts_for("", "Marschflugkörper", "de") is None
    assert facts_for("abbr:JCS", "Vereinigte Generalstab Südkoreas", "de") is None
    assert facts_for("geo:ZZ", "Nirgendwo", "de") is None
