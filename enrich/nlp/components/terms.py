"""Domain-term patterns: calibres with weapon nouns and system designations → TERM.

"240-mm-Raketenwerfer", "170-mm-Selbstfahrlafetten", "240mm rocket
launchers", "155 mm Haubitzen", "KN-23", "S-400". German writes the calibre
and the noun as one hyphenated token; English spreads them over several.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc
from spacy.util import filter_spans

from enrich.nlp.components.common import add_span

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

PATTERNS: dict[str, list[list[dict]]] = {
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
        matches = self.matcher(doc, as_spans=True)
        for span in filter_spans(matches):
            rule = doc.vocab.strings[span.label]
            # A bare number followed by a weapon noun needs a unit to be a calibre.
            if rule == "calibre" and not _has_unit(span.text):
                continue
            add_span(doc, "term", span.start, span.end, "TERM", rule=rule)
        return doc


def _has_unit(text: str) -> bool:
    return _HAS_UNIT.search(text) is not None
