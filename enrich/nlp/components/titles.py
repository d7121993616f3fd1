"""Person titles: "der Abgeordnete Lee Sung-kwon", "President Joe Biden" → PER.

A title word is strong evidence that the capitalised words after it are a
person's name, which matters most while Kontext has no statistical model.
German titles are often compounds ("Verteidigungsminister"), so the safe
ones are matched by their ending; risky endings ("-leiter" in "Halbleiter")
only as whole words. Every German noun is capitalised, so a name stops at a
place the gazetteer knows, at a typical noun ending, and after three words.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from enrich.nlp import common_nouns
from enrich.nlp.components.common import (
    GROUPS,
    MONTHS_AND_DAYS,
    add_span,
    is_cap,
    stop_words,
    token_strings,
)

NAMES_KEY = "kontext_person_names"  # doc.user_data: list of PersonName
# A name as its tokens with their trailing-space flags, so that the surname of
# "Kosiniak-Kamysz" stays one word although it is three tokens.
PersonName = tuple[tuple[str, bool], ...]

_REGNAL = re.compile(r"^(?:[IVX]{1,5})\.?$")
_DE_COMPOUND_TITLE = re.compile(
    r"^[a-zäöüß\-]*?(?:präsident|minister|kanzler|sprecher|botschafter|senator|bürgermeister"
    r"|gouverneur|sekretär|kommissar|machthaber|kommandeur|befehlshaber|diplomat)(?:in)?$"
    r"|^[a-zäöüß\-]*?(?:abgeordnete|beauftragte|vorsitzende)[rn]?$"
)
_DE_WORD_TITLES = frozenset(
    """general generalin generalmajor generalleutnant generalstabschef admiral oberst major
    chef chefin regierungschef regierungschefin staatschef staatschefin parteichef parteichefin
    armeechef geheimdienstchef leiter leiterin oppositionsführer oppositionsführerin anführer
    anführerin richter richterin direktor direktorin gründer gründerin analyst analystin
    experte expertin journalist journalistin aktivist aktivistin politiker politikerin könig
    königin prinz prinzessin kronprinz papst premier diktator diktatorin herr frau dr dr.
    prof prof. kardinal bischof""".split()
)
_EN_TITLES = frozenset(
    """president minister chancellor senator sen. lawmaker legislator congressman congresswoman
    governor gov. mayor general gen. admiral adm. colonel col. major lieutenant lt. captain
    capt. commander secretary spokesman spokeswoman spokesperson ambassador envoy king queen
    prince princess pope cardinal bishop dr dr. prof prof. professor mr mr. mrs mrs. ms ms.
    leader chief director chairman chairwoman chair judge justice premier analyst dictator
    commissioner representative rep. sheikh emir sultan""".split()
)
# Capitalised words that end a name: institutions after "General", verbs of saying.
_NOT_NAME = frozenset(
    """assembly council court office ministry committee staff motors electric hospital house
    department administration government party league versammlung rat amt ministerium stab
    partei regierung kommission bundestag parlament parliament says said sagte erklärte
    betonte""".split()
)
# Endings of German common nouns that are almost never part of a person's name.
_DE_NOUN_ENDING = re.compile(
    r"(?:ung|ungen|heit|heiten|keit|keiten|schaft|schaften|tion|tionen|ismus|tät|täten|nis"
    r"|nisse|tum|ment|mente|ium|ierung|waffen|truppen|soldaten|kräfte)$"
)
_INITIAL = re.compile(r"^[A-Z]\.$")
_PARTICLES = frozenset("von van de der den da di du la le bin al zu".split())
# "den Achäischen Bund": an inflected adjective after a particle is no name part.
_DE_ADJECTIVE = re.compile(r"(?:isch|ig|lich)(?:e|en|er|es|em)$")
_MAX_NAME_WORDS = 3
# Family names that come first; with a hyphenated given name ("Ji-hoon") the
# order is clear even without this list.
EAST_ASIAN_SURNAMES = frozenset(
    """Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin Moon Seo Kwon Hwang Ahn Song
    Xi Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo
    Nguyen Tran Pham Le Hoang Vu Dang Bui Do Ho Ngo Duong Ly""".split()
)
_EAST_ASIAN_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


@functools.lru_cache(maxsize=100_000)
def is_title(text: str, lang: str) -> bool:
    """A person title in ``lang`` (cached: it is asked for every token)."""
    low = text.lower()
    if lang == "de":
        return low in _DE_WORD_TITLES or bool(_DE_COMPOUND_TITLE.match(low))
    if lang == "en":
        # "MS Windows", "DR Congo": an all-caps word is an acronym, not "Ms" or "Dr".
        if len(text) > 1 and text.isupper():
            return False
        # English keeps "Secretary-General" one token (pipeline.py): titles joined by hyphens.
        return low in _EN_TITLES or ("-" in low and all(p in _EN_TITLES for p in low.split("-")))
    return False


def _name_token(token: Token, lang: str, stops: frozenset[str]) -> bool:
    text, low = token.text, token.lower_
    if _INITIAL.match(text):
        return True
    return (
        is_cap(token)
        and any(c.isalpha() for c in text)
        and not text.isupper()
        and low not in stops
        and low not in MONTHS_AND_DAYS
        and low not in _NOT_NAME
        and not is_title(text, lang)
        and not (lang == "de" and _DE_NOUN_ENDING.search(low))
    )


@Language.factory("kontext_titles", default_config={"lang": ""})
def make_titles(nlp: Language, name: str, lang: str) -> TitleRecognizer:
    return TitleRecognizer(lang or nlp.lang or "")


class TitleRecognizer:
    """Marks the name after a person title as PER, then its later bare uses."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.stops = stop_words(lang)

    def _name_end(self, doc: Doc, start: int, places: set[int]) -> int:
        """End (exclusive) of the name starting at ``start``, or ``start`` if none."""
        i, words, end = start, 0, start
        while i < len(doc) and words < _MAX_NAME_WORDS:
            tok = doc[i]
            if i in places and words:  # "Kanzler Scholz Kiew": a place ends the name
                break
            if _name_token(tok, self.lang, self.stops):
                words += 0 if _INITIAL.match(tok.text) else 1
                i += 1
                end = i
                continue
            # "Lee Sung - kwon": a hyphen glued to both neighbours joins name parts.
            if (
                tok.text == "-"
                and end == i
                and not doc[i - 1].whitespace_
                and not tok.whitespace_
                and i + 1 < len(doc)
                and doc[i + 1].is_alpha
            ):
                i += 2
                end = i
                continue
            # A regnal number ends a name: "Königin Elisabeth II.", "Ludwig XIV".
            if words and end == i and _REGNAL.match(tok.text):
                end = i + 1
                break
            # Particles inside a name: "Ursula von der Leyen"; but not "Max Kern
            # der Nachrichtenagentur": a common noun after the particle ends it.
            if tok.lower_ in _PARTICLES and words and i + 1 < len(doc):
                if not self._after_particle(doc[i + 1]):
                    break
                i += 1
                continue
            break
        return end

    def _after_particle(self, token: Token) -> bool:
        """Can this word go on a name after "von", "der", "de"?"""
        if self.lang != "de":
            return True
        text = token.text
        return text not in common_nouns.load() and not _DE_ADJECTIVE.search(text)

    def __call__(self, doc: Doc) -> Doc:
        texts, _ = token_strings(doc)  # strings, not Token objects, in the hot loop
        places = {i for s in doc.spans.get(GROUPS["place"], []) for i in range(s.start, s.end)}
        # Titles are rare: find their positions from the distinct words first.
        lang = self.lang
        titles = {t for t in set(texts) if t[:1].isalpha() and is_title(t, lang)}
        i = 0
        for at in [k for k, text in enumerate(texts) if text in titles]:
            if at < i:
                continue  # inside the name just marked
            if at >= len(doc) - 1:
                break
            i = at
            start = i + 1
            # "Präsident General Kim ...", "Prime Minister ...", "Secretary-General ..."
            while start < len(doc):
                if is_title(texts[start], self.lang):
                    start += 1
                elif (
                    texts[start] == "-"
                    and start + 1 < len(doc)
                    and is_title(texts[start + 1], self.lang)
                ):
                    start += 2
                else:
                    break
            # The rule's boundary, not a model's: our small CRF tends to run a name
            # on into the next capitalised noun ("Selenskyj Waffen").
            end = self._name_end(doc, start, places)
            if end > start:
                add_span(doc, "title", start, end, "PER", rule="title")
                name = tuple((t.text, bool(t.whitespace_)) for t in doc[start:end])
                doc.user_data.setdefault(NAMES_KEY, []).append(name)
                i = end
            else:
                i = start
        if NAMES_KEY in doc.user_data:
            NamePropagator(doc.vocab, self.lang, doc.user_data[NAMES_KEY])(doc)
        return doc


def _surname(name: PersonName, stops: frozenset[str]) -> PersonName:
    """The part of a multi-word name that can stand alone as a reference.

    Usually the last space-separated word ("Rutte", "Kosiniak-Kamysz"). East
    Asian names put the family name first: "Park Ji-hoon" → "Park".
    """
    cuts = [i + 1 for i, (_, space) in enumerate(name[:-1]) if space]
    if not cuts:
        return ()
    first_word = name[: cuts[0]]
    last_word = name[cuts[-1] :]
    given = "".join(t for t, _ in last_word)
    if first_word[0][0] in EAST_ASIAN_SURNAMES or _EAST_ASIAN_GIVEN.match(given):
        surname = first_word
    else:
        surname = last_word
    text = "".join(t for t, _ in surname)
    if len(text) < 3 or text.lower() in stops:
        return ()
    return surname


def _as_doc(vocab: Vocab, tokens: PersonName) -> Doc:
    return Doc(vocab, words=[t for t, _ in tokens], spaces=[s for _, s in tokens])


class NamePropagator:
    """Marks later bare uses of a titled person's full name or surname as PER.

    Built once per set of names and applied per Doc: inside the component,
    and again across the chunks of a long article. These spans have their own
    group with a priority below the model and the gazetteer: a surname that
    is also a place ("Washington") stays a place.
    """

    def __init__(self, vocab: Vocab, lang: str, names: Iterable[PersonName]) -> None:
        self.lang = lang
        stops = stop_words(lang)
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        for name in set(names):
            self.matcher.add("name", [_as_doc(vocab, name)])
            surname = _surname(name, stops)
            if surname:
                self.matcher.add("surname", [_as_doc(vocab, surname)])
                last, space = surname[-1]
                if not last.endswith("s"):  # German genitive: "Ruttes Vorschlag"
                    genitive = (*surname[:-1], (last + "s", space))
                    self.matcher.add("surname", [_as_doc(vocab, genitive)])

    def _part_of_other_name(self, doc: Doc, start: int, end: int) -> bool:
        """ "Lee" in "Lee Jae-myung" or "Müller" in "Thomas Müller" is someone else."""
        if end < len(doc) and _EAST_ASIAN_GIVEN.match(doc[end].text):
            return True
        if start == 0:
            return False
        prev = doc[start - 1]
        sentence_start = start == 1 or doc[start - 2].text in {".", "!", "?", "\n", ":"}
        return (
            is_cap(prev)
            and prev.is_alpha
            and not sentence_start
            and prev.lower_ not in stop_words(self.lang)
            and not is_title(prev.text, self.lang)
        )

    def __call__(self, doc: Doc) -> None:
        taken = {
            i
            for group in ("title", "surname")
            for s in doc.spans.get(GROUPS[group], [])
            for i in range(s.start, s.end)
        }
        for match_id, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -m[2])):
            if any(i in taken for i in range(start, end)):
                continue
            rule = doc.vocab.strings[match_id]
            if rule == "surname" and self._part_of_other_name(doc, start, end):
                continue
            add_span(doc, "surname", start, end, "PER", rule=rule)
            taken.update(range(start, end))
