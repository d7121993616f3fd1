"""Acronyms: all-caps tokens of 2–6 letters ("NATO", "JCS") → ORG, when used twice.

Most acronyms in news text name organisations; places such as "USA" are
caught earlier by the gazetteer, which has priority in the merge step.
Headlines in capitals and roman numerals are not acronyms.
"""

from __future__ import annotations

import re
from collections import Counter

from spacy.language import Language
from spacy.tokens import Doc

from enrich.nlp import common_nouns
from enrich.nlp.components.common import add_span, stop_words, token_strings

_SHAPE = re.compile(r"^[A-ZÄÖÜ]{2,6}$")
_ROMAN = re.compile(r"^[IVXLCDM]+$")
# All-caps words that are not names of anything a student would look up.
COMMON_CAPS = frozenset(
    """OK TV PC AM PM AG SE KG CEO CFO CTO FAQ PDF USB DNA RNA PS PPS NB ID IT HR PR AI KI
    PKW LKW GPS SMS MMS FYI ASAP DIY VIP ETA BC AD CE GMT UTC MEZ MESZ ET PT ISBN ISSN DOI URL
    HTML PHP CSS KB MB GB TB GHZ MHZ DVD CD LED LCD""".split()
)
_WINDOW = 4
# With a statistical model the pipeline asks for two uses (``min_uses``): the
# model finds the acronyms it knows from context on its own, the rule adds the
# ones a text keeps using ("JCS" in an article about it). On the held-out
# training sentences every once-used acronym that only this rule found was
# wrong ("PLZ 39116", "GIS", "OT"): 11 of 11 (docs/model-card.md). Without a
# model the rule is all there is, and one use is enough.
MODEL_MIN_USES = 2


@Language.factory("kontext_acronyms", default_config={"lang": "", "min_uses": 1})
def make_acronyms(nlp: Language, name: str, lang: str, min_uses: int) -> AcronymRecognizer:
    return AcronymRecognizer(lang or nlp.lang or "", min_uses)


class AcronymRecognizer:
    """Marks all-caps tokens as ORG candidates, skipping shouted text."""

    def __init__(self, lang: str, min_uses: int = 1) -> None:
        self.stops = stop_words(lang)
        self.min_uses = min_uses
        # All-caps words the training data shows mostly outside names ("WM", "PMID").
        self.non_names = common_nouns.non_names() if lang == "de" else frozenset()

    def _shouting(self, doc: Doc, i: int) -> bool:
        """True when the neighbourhood is mostly capitals (a headline, not an acronym)."""
        lo, hi = max(0, i - _WINDOW), min(len(doc), i + _WINDOW + 1)
        words = [t for t in doc[lo:hi] if t.is_alpha and len(t) > 1 and t.i != i]
        caps = [t for t in words if t.text.isupper()]
        return len(words) >= 3 and len(caps) * 2 > len(words)

    def __call__(self, doc: Doc) -> Doc:
        texts, _ = token_strings(doc)  # a string scan: no Token objects per position
        seen = Counter(t for t in texts if _SHAPE.match(t))
        for start, text in enumerate(texts):
            if seen[text] < self.min_uses:
                continue
            if (
                text in COMMON_CAPS
                or text in self.non_names
                or _ROMAN.match(text)
                or text.lower() in self.stops
                or self._shouting(doc, start)
            ):
                continue
            add_span(doc, "acronym", start, start + 1, "ORG", key=f"acr:{text}", rule="acronym")
        return doc
