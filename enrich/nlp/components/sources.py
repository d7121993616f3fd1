"""News sources named by their role: "die Nachrichtenagentur Reuters", "über Yonhap
gemeldet", "the broadcaster NHK", "Kyodo news agency" → ORG.

News text names its sources in a few fixed constructions. A rare or foreign
agency name is one the model has seldom seen, but the construction around it
says what it is. These spans are weak evidence (the merge ranks them with bare
acronyms): the model, a title or a known place wins any overlap.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from enrich.nlp.components.common import add_span, stop_words, token_strings

# A role noun before the name: "Nachrichtenagentur X", "Staatssender X".
_DE_ROLE = re.compile(
    r"^(?:[a-zäöüß\-]*?(?:nachrichtenagentur|agentur|zeitung|sender|portal|magazin|blatt)"
    r"|nachrichtendienst)(?:en|s)?$"
)
_EN_ROLE = frozenset("agency broadcaster newspaper daily outlet network channel".split())
# Participles of passing a report on through someone: "über X gemeldet".
_DE_VIA = frozenset("gemeldet verbreitet veröffentlicht übermittelt".split())
_MAX_WORDS = 2


@Language.factory("kontext_sources", default_config={"lang": ""})
def make_sources(nlp: Language, name: str, lang: str) -> SourceRecognizer:
    return SourceRecognizer(lang or nlp.lang)


class SourceRecognizer:
    """Marks the name in a news-source construction as an ORG candidate."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.stops = stop_words(lang)

    def _name_at(self, texts: list[str], start: int) -> int:
        """End of the capitalised name starting at ``start`` (``start`` if none)."""
        end = start
        while end < len(texts) and end - start < _MAX_WORDS and self._name_word(texts[end]):
            end += 1
        return end

    def _name_before(self, texts: list[str], end: int) -> int:
        """Start of the capitalised name ending at ``end`` ("Kyodo" in "Kyodo news agency")."""
        start = end
        while start > 0 and end - start < _MAX_WORDS and self._name_word(texts[start - 1]):
            start -= 1
        return start

    def _name_word(self, text: str) -> bool:
        return (
            text[:1].isupper()
            and any(c.isalpha() for c in text)
            and text.lower() not in self.stops
            and not _DE_ROLE.match(text.lower())
        )

    def __call__(self, doc: Doc) -> Doc:
        texts, _ = token_strings(doc)
        found: list[tuple[int, int, str]] = []
        for i, text in enumerate(texts):
            lower = text.lower()
            if self.lang == "de":
                if _DE_ROLE.match(lower):
                    end = self._name_at(texts, i + 1)
                    if end > i + 1:
                        found.append((i + 1, end, "role"))
                elif lower == "über":
                    end = self._name_at(texts, i + 1)
                    if end > i + 1 and end < len(texts) and texts[end].lower() in _DE_VIA:
                        found.append((i + 1, end, "via"))
            elif self.lang == "en":
                if lower in _EN_ROLE:
                    end = self._name_at(texts, i + 1)
                    if end > i + 1:
                        found.append((i + 1, end, "role"))
                elif lower == "news" and i + 1 < len(texts) and texts[i + 1].lower() == "agency":
                    start = self._name_before(texts, i)
                    if start < i:
                        found.append((start, i, "role"))
        for start, end, rule in found:
            add_span(doc, "source", start, end, "ORG", rule=f"source-{rule}")
        return doc
