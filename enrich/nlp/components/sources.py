"""News sources named by their role: "die Nachrichtenagentur Reuters", "über Yonhap
gemeldet", "the broadcaster NHK", "Kyodo news agency" → ORG.

News text names its sources in a few fixed constructions. A rare or foreign
agency name is one the model has seldom seen, but the construction around it
says what it is. These spans are weak evidence (the merge ranks them with bare
acronyms): the model, a title or a known place wins any overlap.

German capitalises every noun, so the constructions are kept narrow: a role
noun that can only mean a news outlet ("Staatssender", not "Sender" or
"Absender"), after an article or a preposition ("die Nachrichtenagentur X",
"vom Staatssender X"); and "über X gemeldet", where X is no time word ("über
Nacht veröffentlicht"). English role words count only in lower case, so
"European Space Agency Director" is no source.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from enrich.nlp.components.common import MONTHS_AND_DAYS, add_span, stop_words, token_strings

_DE_ROLE = re.compile(
    r"^(?:nachrichten)?agentur"
    r"|^[a-zäöüß]*zeitung"
    r"|^(?:staats|fernseh|rundfunk|radio|nachrichten|privat|auslands|propaganda)sender"
    r"|^(?:nachrichten|online|internet)portal"
    r"|^nachrichtenmagazin"
)
_DE_ROLE_ENDINGS = ("", "en", "s", "n")
# What may stand right before the role noun ("die", "vom"), or one word before it
# when an adjective comes between ("die staatliche Nachrichtenagentur").
_DE_LEAD = frozenset("der die das des dem den vom beim zum zur laut einer eines".split())
_EN_ROLE = frozenset("agency broadcaster newspaper".split())
_EN_LEAD = frozenset("the a state".split())
# Participles of passing a report on through someone: "über X gemeldet".
_DE_VIA = frozenset("gemeldet verbreitet übermittelt".split())
# Capitalised words that are no outlet's name.
_NOT_NAME = MONTHS_AND_DAYS | frozenset(
    """nacht tag tage tagen woche wochen wochenende monat monate monaten jahr jahre jahren
    stunde stunden minuten morgen abend mittag informationen angaben berichten zufolge
    internet""".split()
)
_MAX_WORDS = 2


@Language.factory("kontext_sources", default_config={"lang": ""})
def make_sources(nlp: Language, name: str, lang: str) -> SourceRecognizer:
    return SourceRecognizer(lang or nlp.lang or "")


def _de_role(word: str) -> bool:
    """A German role noun, with its case endings ("Nachrichtenagenturen", "Senders")."""
    match = _DE_ROLE.match(word)
    return match is not None and word[match.end() :] in _DE_ROLE_ENDINGS


class SourceRecognizer:
    """Marks the name in a news-source construction as an ORG candidate."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.stops = stop_words(lang)

    def _name_word(self, text: str) -> bool:
        lower = text.lower()
        return (
            text[:1].isupper()
            and any(c.isalpha() for c in text)
            and lower not in self.stops
            and lower not in _NOT_NAME
            and not _de_role(lower)
        )

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

    @staticmethod
    def _led(texts: list[str], i: int, lead: frozenset[str]) -> bool:
        """An article or preposition right before ``i``, or before an adjective there."""
        before = [texts[j].lower() for j in (i - 1, i - 2) if j >= 0]
        if not before:
            return False
        if before[0] in lead:
            return True
        return len(before) == 2 and texts[i - 1][:1].islower() and before[1] in lead

    def _candidates(self, texts: list[str]) -> list[tuple[int, int, str]]:
        found = []
        for i, text in enumerate(texts):
            if self.lang == "de":
                if _de_role(text.lower()) and self._led(texts, i, _DE_LEAD):
                    found.append((i + 1, self._name_at(texts, i + 1), "role"))
                elif text.lower() == "über":
                    end = self._name_at(texts, i + 1)
                    if end < len(texts) and texts[end] in _DE_VIA:
                        found.append((i + 1, end, "via"))
            elif self.lang == "en":
                if text in _EN_ROLE and self._led(texts, i, _EN_LEAD):
                    found.append((i + 1, self._name_at(texts, i + 1), "role"))
                elif text == "news" and i + 1 < len(texts) and texts[i + 1] == "agency":
                    found.append((self._name_before(texts, i), i, "role"))
        return [(start, end, rule) for start, end, rule in found if end > start]

    def __call__(self, doc: Doc) -> Doc:
        texts, _ = token_strings(doc)
        for start, end, rule in self._candidates(texts):
            add_span(doc, "source", start, end, "ORG", rule=f"source-{rule}")
        return doc
