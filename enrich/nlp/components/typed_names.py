"""Names whose kind the words around them give away: sports clubs, works, awards.

A sentence-level model calls "Leverkusen" in "Bayer Leverkusen" a place and
a quoted film title a person. These patterns know better:

- a club word ("FC", "VfB", "Borussia", "1. FC") before capitalised words,
  and, in a sentence with a score ("2:1"), the capitalised word(s) after
  "gegen" / "against" / "beim", are the club (ORG);
- a quoted title right after a kind of work ("Film", "Roman", "Dokumentarfilm",
  "album", "novel" ...; compounds like "Kinofilm" too) is MISC; a quoted name
  after a kind of newspaper ("Tageszeitung"), "laut" or "Hotel" is ORG;
- a small list of awards and indices ("Goldener Bär", "Oscar", "DAX",
  "Euro Stoxx 50") is MISC;
- German only: a language ("in perfektem Deutsch") is MISC, and, where the
  model found nothing, a hyphenated compound of a name and a head noun
  that names a kind of institution or place ("Bild-Zeitung",
  "Sangihe-Inseln") takes the head's label.

They rank above the model and the gazetteer in the merge (see merge.py).
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc

from enrich.nlp import common_nouns
from enrich.nlp.components.common import add_span, stop_words, token_strings

_CLUB_WORDS = frozenset(
    """FC SC SV VfB VfL TSV TSG SpVgg SSV FSV BSC Borussia Eintracht Fortuna Hertha Werder
    Bayer Dynamo Real Atlético Atletico Olympique RB Union AFC CF""".split()
)
_SCORE = re.compile(r"^\d{1,2}:\d{1,2}$")
_AGAINST = frozenset("gegen against beim vs. vs versus".split())
_WORK_KINDS = (
    "film filme films roman romans buch buches buchs serie album albums song songs lied "
    "theaterstück stück oper musical dokumentarfilm dokumentation doku sendung show "
    "podcast hörspiel gedicht bestseller novel book series documentary play opera"
).split()
# German only: 3/3, 3/3 and 4/5 quoted names after them are MISC in the training split.
_DE_WORK_KINDS = ("single", "artikel", "ausstellung")
# A quoted name after a kind of newspaper ("Tageszeitung", "Wochenblatt"), after
# "laut" or "Hotel" is an organisation in GermEval: 6/6 after "Tageszeitung", 5/5
# after "Zeitschrift" and after "laut", 3/3 after "Hotel" in the training split.
_PRESS_KINDS = ("zeitung", "zeitschrift", "blatt")
_PRESS_WORDS = frozenset({"laut", "hotel"})
_MAX_PRESS = 6
_OPEN_QUOTES = frozenset('„"“»‚')
_CLOSE_QUOTES = frozenset('“"”«‘')
_MAX_TITLE = 12
_AWARDS = (
    "Goldener Bär|Goldenen Bären|Goldene Bär|Silberner Bär|Silbernen Bären|Oscar|Oscars"
    "|Golden Globe|Golden Globes|Grammy|Grammys|Emmy|Emmys|Nobelpreis|Friedensnobelpreis"
    "|Literaturnobelpreis|Pulitzer-Preis|Pulitzerpreis|Ballon d'Or|Palme d'Or|Goldene Palme"
    "|Goldenen Palme|DAX|Dax|MDax|MDAX|SDax|SDAX|TecDax|TecDAX|Euro Stoxx 50|Dow Jones"
    "|Nasdaq|Nikkei|FTSE 100|S&P 500"
).split("|")


# GermEval tags a language named as a noun as OTH (MISC): "Deutsch" 19 and "Englisch"
# 20 times in 20 and 21 mid-sentence uses of the training split.
_LANGUAGES = frozenset(
    """Deutsch Englisch Französisch Spanisch Italienisch Russisch Latein Chinesisch Arabisch
    Japanisch Portugiesisch Niederländisch Polnisch Türkisch Griechisch Schwedisch Dänisch
    Norwegisch Finnisch Ungarisch Tschechisch Hebräisch Koreanisch Persisch Kurdisch Albanisch
    Rumänisch Bulgarisch Serbisch Kroatisch Ukrainisch Altgriechisch Hochdeutsch Plattdeutsch
    Niederdeutsch Schweizerdeutsch Jiddisch Esperanto""".split()
)
# Head nouns of hyphenated names and the label the whole word takes: the common
# nouns whose hyphenated compounds ("Axel-Springer-Verlag", "Gaza-Streifen") are
# inside a name in at least 80% of their (>= 3) uses in the training split, with
# the label most of the one-word ones have there.
_HEADS = {
    **dict.fromkeys(
        """Verlag Klinikum Krankenhaus Schule Gymnasium Universität Museum Institut Agentur
        Bundesliga Cup""".split(),
        "ORG",
    ),
    **dict.fromkeys(
        "Inseln Brücke Kirche Kanal Straße Park Kreis Streifen Arena See".split(), "LOC"
    ),
    **dict.fromkeys("Krieg Dollar Mark Future".split(), "MISC"),
}
# A noun that says what kind of thing the name after it is ("die Firma Kessler",
# "der Sender Arte", "das Projekt Babylon"): in the training split the name is ORG
# after "Firma" 23/24, "Sender" 9/9, "Fernsehsender" 5/5, "Label" 8/8, "Zeitschrift"
# 6/7, "Magazin" 4/4, "Marke" 7/8, "Partei" 7/8, "Zeitung" 7/9 times, and MISC
# after "Projekt" 10/10, "Operation" 4/5, "Album" 16/16, "Debütalbum" 2/2,
# "Studioalbum" 1/1, "Fernsehserie" 3/3, "Kinofilm" 2/2, "Titel" 16/20, "Buch" 6/8
# and "Lied" 4/4 times.
_TYPE_NOUNS = {
    **dict.fromkeys(
        """Firma Sender Fernsehsender Label Zeitschrift Magazin Zeitung Marke Partei""".split(),
        "ORG",
    ),
    **dict.fromkeys(
        """Projekt Operation Album Debütalbum Studioalbum Fernsehserie Kinofilm Titel Buch
        Lied""".split(),
        "MISC",
    ),
}
_SENTENCE_ENDS = frozenset('.!?:;"„“”«»')


@Language.factory("kontext_typed_names", default_config={"lang": ""})
def make_typed_names(nlp: Language, name: str, lang: str) -> TypedNames:
    return TypedNames(nlp, lang or nlp.lang or "")


class TypedNames:
    """Adds ORG clubs and MISC works and awards to the "typed" span group."""

    def __init__(self, nlp: Language, lang: str) -> None:
        self.lang = lang
        self.awards: dict[tuple[str, ...], int] = {}
        for award in _AWARDS:
            words = tuple(t.text for t in nlp.make_doc(award))
            self.awards[words] = len(words)
        self.award_starts = {w[0] for w in self.awards}

    def __call__(self, doc: Doc) -> Doc:
        texts, _ = token_strings(doc)
        n = len(texts)
        taken = bytearray(n)

        def add(start: int, end: int, label: str, rule: str) -> None:
            if end > start and not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                add_span(doc, "typed", start, end, label, rule=rule)

        score_sentences = self._score_sentences(texts)
        model = bytearray(n)
        ent_ends: dict[int, int] = {}
        for ent in doc.ents:
            model[ent.start : ent.end] = b"\x01" * (ent.end - ent.start)
            ent_ends[ent.start] = ent.end
        german = self.lang == "de"
        nouns = common_nouns.load() if german else frozenset()
        for i, text in enumerate(texts):
            if taken[i]:
                continue
            if german and text in _TYPE_NOUNS and i + 1 < n and not model[i]:
                end = ent_ends.get(i + 1) or self._untagged_name(texts, i + 1, model, nouns)
                if end > i + 1:
                    add(i + 1, end, _TYPE_NOUNS[text], "type")
                continue
            if german and (text in _LANGUAGES or "-" in text):  # cheap test first
                kind = self._language_or_compound(texts, i, nouns, bool(model[i]))
                if kind is not None:
                    add(i, i + 1, kind[0], kind[1])
                    continue
            if text in self.award_starts:
                for words, size in sorted(self.awards.items(), key=lambda kv: -kv[1]):
                    if tuple(texts[i : i + size]) == words:
                        add(i, i + size, "MISC", "award")
                        break
            if text in _CLUB_WORDS or (text == "1." and i + 1 < n and texts[i + 1] in _CLUB_WORDS):
                start = i
                j = i + 1 if text != "1." else i + 2
                end = self._capitalised_run(texts, j, 2)
                if end > j:
                    add(start, end, "ORG", "club")
                continue
            if text.lower() in _AGAINST and i in score_sentences:
                end = self._capitalised_run(texts, i + 1, 2)
                if end > i + 1 and texts[i + 1] not in common_nouns.load():  # "gegen Ende"
                    add(i + 1, end, "ORG", "club")
                continue
            if text in _OPEN_QUOTES and i > 0:
                quoted = self._quoted_kind(texts[i - 1])
                if quoted is None:
                    continue
                label, rule, most = quoted
                close = next(
                    (k for k in range(i + 2, min(n, i + 2 + most)) if texts[k] in _CLOSE_QUOTES),
                    None,
                )
                if close is not None:
                    add(i + 1, close, label, rule)
        return doc

    @staticmethod
    def _language_or_compound(
        texts: list[str], i: int, nouns: frozenset[str], tagged: bool
    ) -> tuple[str, str] | None:
        """(label, rule) for a language or a name-head compound at ``i``, else None.

        A language wins over the model: its MISC "Deutsch" would otherwise be
        taken for a related form of Germany in the merge. A compound only
        fills a gap the model left (``tagged``: the model has a name here).
        """
        text = texts[i]
        if text in _LANGUAGES:
            before = texts[i - 1] if i else "."
            after = texts[i + 1] if i + 1 < len(texts) else "."
            # Not at a sentence start, not in a name ("Ernst Deutsch", "Deutsch Wagram").
            initial = before in _SENTENCE_ENDS or before[:1].isupper()
            if initial or (after[:1].isupper() and after[:1].isalpha()):
                return None
            return "MISC", "language"
        first, dash, head = text.partition("-")
        head = head.rpartition("-")[2]
        named = first[:1].isupper() and first.isalpha() and first not in nouns
        if tagged or not dash or head not in _HEADS:
            return None
        if named and first not in common_nouns.non_names():
            return _HEADS[head], "compound"
        return None

    def _quoted_kind(self, word: str) -> tuple[str, str, int] | None:
        """(label, rule, longest title) for a quote after ``word``, or None."""
        low = word.lower()
        if any(low.endswith(kind) for kind in _WORK_KINDS):
            return "MISC", "work", _MAX_TITLE
        if self.lang != "de":
            return None
        if low.endswith(_DE_WORK_KINDS):
            return "MISC", "work", _MAX_TITLE
        if low in _PRESS_WORDS or low.endswith(_PRESS_KINDS):
            return "ORG", "press", _MAX_PRESS
        return None

    @staticmethod
    def _untagged_name(
        texts: list[str], start: int, model: bytearray, nouns: frozenset[str]
    ) -> int:
        """End of up to 3 capitalised words from ``start`` that no one tagged and that
        are no common nouns or function words ("Projekt Lichtblick"), else ``start``."""
        stops = stop_words("de")
        end = start
        while end < len(texts) and end - start < 3 and not model[end]:
            word = texts[end]
            if not (word[:1].isupper() and word.isalpha()) or word in nouns:
                break
            if word.lower() in stops or word in common_nouns.non_names():
                break
            end += 1
        # An abbreviation split from its dot ("unter dem Titel Dr . Hope", as in
        # pre-tokenised text): the name goes on past it, so no name here.
        if end == start + 1 and len(texts[start]) <= 3 and end < len(texts) and texts[end] == ".":
            return start
        return end

    @staticmethod
    def _capitalised_run(texts: list[str], start: int, most: int) -> int:
        """End of up to ``most`` capitalised words from ``start``."""
        end = start
        while end < len(texts) and end - start < most:
            word = texts[end]
            if not (word[:1].isupper() or word.isupper()) or not word[:1].isalpha():
                break
            end += 1
        return end

    @staticmethod
    def _score_sentences(texts: list[str]) -> set[int]:
        """Token indices of sentences that contain a match score ("2:1")."""
        inside: set[int] = set()
        start = 0
        for i, text in enumerate([*texts, "."]):
            if text in (".", "!", "?") or text.isspace():
                if any(_SCORE.match(texts[k]) for k in range(start, min(i, len(texts)))):
                    inside.update(range(start, i))
                start = i + 1
        return inside
