"""Helpers shared by Kontext's spaCy components.

Every rule component writes candidate spans into its own span group
(``doc.spans[GROUPS[name]]``); the merge component resolves them. A span's
``kb_id_`` carries the clustering key (e.g. ``geo:KP`` or ``abbr:JCS``) and its
``id_`` names the rule, so no component needs private state on the Doc.
"""

from __future__ import annotations

import functools

import numpy as np
from spacy.tokens import Doc, Span, Token

GROUPS = {
    "abbreviation": "kontext_abbreviations",
    "glossary": "kontext_glossary",
    "term": "kontext_terms",
    "title": "kontext_titles",
    "surname": "kontext_surnames",
    "place": "kontext_places",
    "acronym": "kontext_acronyms",
    "source": "kontext_sources",
    "related": "kontext_related",
    "nationality": "kontext_nationalities",
    "typed": "kontext_typed",
}
FINAL_GROUP = "kontext"
NAMES_KEY = "kontext_names"  # doc.user_data: clustering key -> display name


def add_span(
    doc: Doc, group: str, start: int, end: int, label: str, *, key: str = "", rule: str = ""
) -> Span:
    """Append a candidate span to one of the GROUPS."""
    span = Span(doc, start, end, label=label, kb_id=key, span_id=rule or group)
    name = GROUPS[group]
    if name not in doc.spans:
        doc.spans[name] = []
    doc.spans[name].append(span)
    return span


_STRINGS_KEY = "kontext_token_strings"


def token_strings(doc: Doc) -> tuple[list[str], list[str]]:
    """Token texts and trailing spaces as plain lists, computed once per Doc.

    Creating a spaCy ``Token`` per position is the main cost of a naive
    loop; components that scan every token use these lists instead.
    """
    cached = doc.user_data.get(_STRINGS_KEY)
    if cached is None or len(cached[0]) != len(doc):
        if not len(doc):
            return [], []
        array = doc.to_array(["ORTH", "SPACY"])
        strings = doc.vocab.strings
        # Each distinct word's string looked up once, then spread by numpy.
        distinct, inverse = np.unique(array[:, 0], return_inverse=True)
        words = np.array([strings[h] for h in distinct.tolist()], dtype=object)
        texts = words[inverse.reshape(-1)].tolist()
        spaces = np.where(array[:, 1] != 0, " ", "").astype(object).tolist()
        cached = (texts, spaces)
        doc.user_data[_STRINGS_KEY] = cached
    return cached


def register_name(doc: Doc, key: str, name: str) -> None:
    """Remember the display name for a clustering key (first one wins)."""
    doc.user_data.setdefault(NAMES_KEY, {}).setdefault(key, name)


def is_cap(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper()


@functools.cache
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for the language (lowercase), empty if it has none."""
    try:
        from spacy.util import get_lang_class

        return frozenset(get_lang_class(lang).Defaults.stop_words)
    except Exception:  # an unknown language code just has no stop words
        return frozenset()


MONTHS_AND_DAYS = frozenset(
    """januar februar märz april mai juni juli august september oktober november dezember
    montag dienstag mittwoch donnerstag freitag samstag sonntag sonnabend
    january february march may june july october december
    monday tuesday wednesday thursday friday saturday sunday""".split()
)
