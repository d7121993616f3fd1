"""Domain-term patterns: calibres with weapon nouns and system designations → TERM.

"240-mm-Raketenwerfer", "170-mm-Selbstfahrlafetten", "240mm rocket
launchers", "155 mm Haubitzen", "KN-23", "S-400". German writes the calibre
and the noun as one hyphenated token; English spreads them over several.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from enrich.nlp.components.common import add_span, token_strings

_NUM = r"\d+(?:[.,]\d+)?"
_UNIT = r"(?:mm|cm|Millimeter|Zentimeter|Zoll|millimetre|millimeter|inch)"
_DE_WEAPON = (
    r"(?:werfer|haubitzen?|geschütze?|kanonen?|granaten?|raketen?|mörser|lafetten?|munition"
    r"|panzer|gewehre?|artillerie|flugkörper|drohnen?|geschosse?|patronen?|systeme?)"
)
_EN_WEAPON = [
    "launcher",
    "launchers",
    "howitzer",
    "howitzers",
    "gun",
    "guns",
    "cannon",
    "cannons",
    "mortar",
    "mortars",
    "shell",
    "shells",
    "round",
    "rounds",
    "artillery",
    "rocket",
    "rockets",
    "missile",
    "missiles",
    "ammunition",
    "munitions",
    "projectiles",
    "systems",
    "system",
]

_HAS_UNIT = re.compile(rf"\d\s*-?\s*{_UNIT}")
_UNIT_TOKEN = re.compile(rf"^{_UNIT}$")
_DIGIT = re.compile(r"\d")  # what every pattern's first token has (Python's \d, as in the patterns)

PATTERNS: dict[str, list[list[dict[str, Any]]]] = {
    # One token: "240-mm-Raketenwerfer", "155mm-Granaten".
    "calibre": [
        [{"TEXT": {"REGEX": rf"^{_NUM}-?{_UNIT}-[A-ZÄÖÜ][\w\-]+$"}}],
        # "240-mm Raketenwerfer", "240 mm Raketenwerfer", "240mm rocket launchers"
        [
            {"TEXT": {"REGEX": rf"^{_NUM}(?:-?{_UNIT})?$"}},
            {"TEXT": "-", "OP": "?"},
            {"TEXT": {"REGEX": rf"^{_UNIT}$"}, "OP": "?"},
            {"TEXT": {"REGEX": rf"(?i)^[\w\-]*{_DE_WEAPON}$"}},
        ],
        [
            {"TEXT": {"REGEX": rf"^{_NUM}(?:-?{_UNIT})?$"}},
            {"TEXT": "-", "OP": "?"},
            {"TEXT": {"REGEX": rf"^{_UNIT}$"}, "OP": "?"},
            {"IS_LOWER": True, "OP": "*"},
            {"TEXT": "-", "OP": "?"},
            {"IS_LOWER": True, "OP": "?"},
            {"LOWER": {"IN": _EN_WEAPON}},
        ],
    ],
    # "KN-23", "S-400", "Su-35", "MiG-29", "F-16", "Hwasong-19"
    "designation": [
        [{"TEXT": {"REGEX": r"^(?:[A-Z][A-Za-z]{0,3}|[A-Z][a-z]{3,12})-\d{1,4}[A-Z]?$"}}],
    ],
}


@Language.factory("kontext_terms")
def make_terms(nlp: Language, name: str) -> TermRecognizer:
    return TermRecognizer(nlp)


class TermRecognizer:
    """Matches the domain-term patterns and keeps the longest match."""

    def __init__(self, nlp: Language) -> None:
        self.matcher = Matcher(nlp.vocab)
        for rule, patterns in PATTERNS.items():
            self.matcher.add(rule, patterns)

    def __call__(self, doc: Doc) -> Doc:
        matches = [
            m
            for a, b in _windows(token_strings(doc)[0])
            for m in self.matcher(doc[a:b], as_spans=True)
        ]
        for span in filter_spans(matches):
            rule = doc.vocab.strings[span.label]
            # A bare number followed by a weapon noun needs a unit to be a calibre.
            if rule == "calibre" and not _has_unit(span.text):
                continue
            add_span(doc, "term", span.start, span.end, "TERM", rule=rule)
        return doc


def _windows(texts: list[str]) -> list[tuple[int, int]]:
    """Token ranges that can hold a match, so the Matcher skips the rest of the text.

    Every pattern starts at a token with a digit and continues only through
    hyphens, units and lowercase words up to one last (weapon) token, so
    each range runs from a digit token to the first token after it that is
    none of these. Matching a few short ranges instead of the whole text
    gives the same matches: running spaCy's Matcher over every token was
    the most expensive rule component.
    """
    windows: list[tuple[int, int]] = []
    n = len(texts)
    for i, text in enumerate(texts):
        if not _DIGIT.search(text):
            continue
        j = i + 1
        while j < n and (texts[j] == "-" or texts[j].islower() or _UNIT_TOKEN.match(texts[j])):
            j += 1
        end = min(j + 1, n)
        if windows and i <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(end, windows[-1][1]))
        else:
            windows.append((i, end))
    return windows


def _has_unit(text: str) -> bool:
    return _HAS_UNIT.search(text) is not None
