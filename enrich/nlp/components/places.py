"""Gazetteer component: countries, regions, cities → LOC; demonyms → related.

Looks token n-grams up in ``enrich.nlp.places`` tables (a dict lookup per
n-gram, so a 100,000-word text stays fast). German genitives ("Nordkoreas",
"Russlands") resolve to their base form. Derived adjectives
("nordkoreanische", "North Korean") and inhabitant nouns become *related*
mentions of their country. In English, a nationality word ("Canadian",
"Northern Irish") is instead a MISC name of its own, as in CoNLL, OntoNotes
(spaCy's NORP) and wikigold, keyed ``nationality:<place key>`` so the card
still knows its place. German keeps GermEval's convention (``LOCderiv``:
related, not a name). It has the lowest priority but one in the merge step:
a gazetteer needs the model's context, not the other way round.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from enrich.nlp import common_nouns
from enrich.nlp.components.common import add_span, register_name, token_strings
from enrich.nlp.inflection import genitive_bases
from enrich.nlp.places import NATIONALITY_PREFIX, Place, adjective_key, place_tables

_REGION_WORDS_DE = {"Oblast", "Provinz", "Region", "Gebiet", "Bezirk", "Bundesstaat", "Kanton"}
_REGION_WORDS_EN = {"Oblast", "Province", "province", "region", "Region", "Governorate", "State"}
_DIRECTIONS_EN = frozenset("Northern Southern Eastern Western".split())


_MAX_CACHED = 200_000
_SENTENCE_OPENERS = {".", "!", "?", ":", ";", "„", "“", '"', "«", "»", "(", "–", "-"}


def _shouted(word: str) -> bool:
    """An all-caps word of four letters or more: a dateline's "MOSKAU" or "ZÜRICH".

    In the training split, 14 of the 15 such words near a sentence start whose
    capitalised form is a gazetteer place are a place (LOC) there.
    """
    return len(word) >= 4 and word.isupper() and word.isalpha()


@Language.factory("kontext_places", default_config={"lang": ""})
def make_places(nlp: Language, name: str, lang: str) -> PlaceRecognizer:
    return PlaceRecognizer(lang or nlp.lang or "")


class PlaceRecognizer:
    """Gazetteer lookups plus region and demonym patterns."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.tables = place_tables(lang)
        # One word that the training data shows mostly outside names ("Rest",
        # "Siegen" as victories): the model, which sees the context, decides.
        self.non_names = common_nouns.non_names() if lang == "de" else frozenset()
        # Every prefix of an inhabitant noun: a capitalised German word that is
        # none cannot start one, so most words skip the demonym check's lookups.
        self._people_heads = frozenset(
            noun[:k] for noun in self.tables.people for k in range(1, len(noun) + 1)
        )
        self._single: dict[str, tuple[Place, str] | None] = {}  # one-word lookups

    def _lookup_word(self, word: str) -> tuple[Place, str] | None:
        """``_lookup`` of one token, cached (bounded: a reader sees many texts)."""
        single = self._single
        if word in single:
            return single[word]
        hit = self._lookup(word)
        if len(single) < _MAX_CACHED:
            single[word] = hit
        return hit

    def _lookup(self, surface: str) -> tuple[Place, str] | None:
        """The place named by ``surface`` and its base form (genitive removed)."""
        names = self.tables.names
        place = names.get(surface)
        if place is not None:
            return place, surface
        if self.lang == "de":  # German genitive: "Nordkoreas", "Russlands", "des Iraks"
            for base in genitive_bases(surface):
                if (place := names.get(base)) is not None:
                    return place, base
        return None

    @staticmethod
    def _risky_sentence_start(texts: list[str], i: int, n: int, place: Place) -> bool:
        """A one-word city name opening a sentence is often just a word ("Dabei", "Siegen").

        Only main names of cities of a million or more are trusted there; the
        model, which sees the context, still finds the others.
        """
        if n != 1 or place.kind != "city":
            return False
        at_start = i == 0 or texts[i - 1] in _SENTENCE_OPENERS or texts[i - 1].isspace()
        return at_start and (place.exonym or place.population < 1_000_000)

    def _demonym(self, texts: list[str], spaces: list[str], i: int) -> tuple[int, str, str] | None:
        """(end, key, name) of a demonym at token i, if any (strings only: hot loop)."""
        text = texts[i]
        tables = self.tables
        if self.lang == "de" and (key := adjective_key(text, "de")):
            return i + 1, key, tables.display.get(key, key)
        if not text[:1].isupper():
            return None
        if text in _DIRECTIONS_EN and self.lang == "en" and i + 1 < len(texts):
            # "Northern Irish" is of Northern Ireland, a region, not of Ireland.
            key = tables.adjectives.get(texts[i + 1])
            if key and spaces[i]:
                name = f"{text} {tables.display.get(key, key)}"
                return i + 2, "region:" + "-".join(name.lower().split()), name
        for n in (2, 1):
            if i + n <= len(texts):
                surface = text + spaces[i] + texts[i + 1] if n == 2 else text
                key = tables.adjectives.get(surface) if self.lang != "de" else None
                key = key or tables.people.get(surface)
                if key:
                    return i + n, key, tables.display.get(key, key)
        return None

    def __call__(self, doc: Doc) -> Doc:
        tables = self.tables
        texts, spaces = token_strings(doc)
        words = _REGION_WORDS_DE if self.lang == "de" else _REGION_WORDS_EN
        n_tokens = len(doc)
        german, people_heads = self.lang == "de", self._people_heads
        # Only a capitalised word (a name, an inhabitant noun) or a German demonym
        # adjective can start a match: find those positions from the distinct words.
        starters = {t for t in set(texts) if t[:1].isupper() or (german and adjective_key(t, "de"))}
        i = 0
        for at in [k for k, text in enumerate(texts) if text in starters]:
            if at < i:
                continue  # inside the match just made
            i = at
            hit = None
            shouted = False
            if texts[i][:1].isupper():
                longest = tables.max_tokens if texts[i] in tables.first_words else 1
                for n in range(min(longest, n_tokens - i), 0, -1):
                    if n == 1:
                        hit = self._lookup_word(texts[i])
                        if hit is None and german and _shouted(texts[i]):
                            hit = self._lookup_word(texts[i].capitalize())
                            shouted = hit is not None
                        break
                    surface = "".join(texts[k] + spaces[k] for k in range(i, i + n - 1))
                    hit = self._lookup(surface + texts[i + n - 1])
                    if hit:
                        break
            if hit and not shouted and self._risky_sentence_start(texts, i, n, hit[0]):
                hit = None
            if hit and n == 1 and texts[i] in self.non_names:
                hit = None
            if hit:
                place, base = hit
                start, end = i, i + n
                # "Oblast Kursk" / "Kursk Oblast": the region, not the city; but
                # "das Gebiet Finnlands" is a part of the country, not a name.
                if base != texts[i] and n == 1:
                    pass
                elif i > 0 and texts[i - 1] in words:
                    start = i - 1
                elif end < n_tokens and texts[end] in words:
                    end += 1
                kind = place.kind
                if (start, end) != (i, i + n):
                    kind, key = "region", "region:" + place.key.split(":", 1)[1]
                    register_name(doc, key, doc[start:end].text)
                else:
                    key = place.key
                    register_name(doc, key, place.name if place.kind != "city" else base)
                add_span(doc, "place", start, end, "LOC", key=key, rule=kind)
                i = end
                continue
            text = texts[i]
            if (
                german
                and not adjective_key(text, "de")
                and (not text[:1].isupper() or text not in people_heads)
            ):
                i += 1  # what _demonym would find: nothing, without its lookups
                continue
            demonym = self._demonym(texts, spaces, i)
            if demonym:
                end, key, name = demonym
                register_name(doc, key, name)
                if self.lang == "en":
                    key = NATIONALITY_PREFIX + key
                    add_span(doc, "nationality", i, end, "MISC", key=key, rule="nationality")
                else:
                    add_span(doc, "related", i, end, "LOC", key=key, rule="demonym")
                i = end
                continue
            i += 1
        return doc
