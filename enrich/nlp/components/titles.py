"""Person titles: "der Abgeordnete Lee Sung-kwon", "President Joe Biden" → PER.

A title word is strong evidence that the capitalised words after it are a
person's name, which matters most while Kontext has no statistical model.
German titles are often compounds ("Verteidigungsminister"), so they are
matched by their ending.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

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

_DE_TITLE = re.compile(
    r"^[a-zäöüß\-]*?(?:präsident(?:in)?|minister(?:in)?|kanzler(?:in)?|sprecher(?:in)?"
    r"|botschafter(?:in)?|abgeordnete[rn]?|senator(?:in)?|bürgermeister(?:in)?"
    r"|gouverneur(?:in)?|general(?:in)?|generalmajor|generalleutnant|admiral|oberst"
    r"|kommandeur(?:in)?|befehlshaber(?:in)?|chef(?:in)?|vorsitzende[rn]?|sekretär(?:in)?"
    r"|beauftragte[rn]?|diplomat(?:in)?|papst|könig(?:in)?|prinz(?:essin)?|premier"
    r"|machthaber(?:in)?|diktator(?:in)?|anführer(?:in)?|richter(?:in)?|kommissar(?:in)?"
    r"|direktor(?:in)?|leiter(?:in)?|gründer(?:in)?|analyst(?:in)?|experte|expertin"
    r"|journalist(?:in)?|aktivist(?:in)?|oppositionsführer(?:in)?|politiker(?:in)?)$"
)
_DE_PLAIN = {"herr", "frau", "dr", "dr.", "prof", "prof.", "kardinal", "bischof"}
_EN_TITLES = {
    "president",
    "minister",
    "chancellor",
    "senator",
    "sen.",
    "lawmaker",
    "legislator",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "mayor",
    "general",
    "gen.",
    "admiral",
    "adm.",
    "colonel",
    "col.",
    "major",
    "lieutenant",
    "lt.",
    "captain",
    "capt.",
    "commander",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "cardinal",
    "bishop",
    "dr",
    "dr.",
    "prof",
    "prof.",
    "professor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "leader",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "judge",
    "justice",
    "premier",
    "analyst",
    "dictator",
    "commissioner",
    "representative",
    "rep.",
    "sheikh",
    "emir",
    "sultan",
}
# Capitalised words that end a name: institutions after "General", "Secretary"...
_NOT_NAME = {
    "assembly",
    "council",
    "court",
    "office",
    "ministry",
    "committee",
    "staff",
    "motors",
    "electric",
    "hospital",
    "house",
    "department",
    "administration",
    "government",
    "party",
    "versammlung",
    "rat",
    "amt",
    "ministerium",
    "stab",
    "partei",
    "regierung",
    "kommission",
    "bundestag",
    "parlament",
    "parliament",
    "says",
    "said",
    "sagte",
    "erklärte",
    "betonte",
}
_PARTICLES = {"von", "van", "de", "der", "den", "da", "di", "du", "la", "le", "bin", "al", "zu"}
_MAX_NAME_TOKENS = 4
# Family names that come first; with a hyphenated given name ("Ji-hoon") the
# order is clear even without this list.
EAST_ASIAN_SURNAMES = frozenset(
    """Kim Lee Park Choi Jung Kang Cho Yoon Jang Lim Han Shin Moon Seo Kwon Hwang Ahn Song
    Xi Li Wang Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Lin Luo
    Nguyen Tran Pham Le Hoang Vu Dang Bui Do Ho Ngo Duong Ly""".split()
)
_EAST_ASIAN_GIVEN = re.compile(r"^[A-Z][a-z]+-[a-z]+$")


def _is_title(token: Token | str, lang: str) -> bool:
    low = token.lower() if isinstance(token, str) else token.lower_
    if lang == "de":
        return bool(_DE_TITLE.match(low)) or low in _DE_PLAIN
    if lang == "en":
        return low in _EN_TITLES
    return False


def _name_token(token: Token, stops: frozenset[str]) -> bool:
    low = token.lower_
    return (
        is_cap(token)
        and any(c.isalpha() for c in token.text)
        and low not in stops
        and low not in MONTHS_AND_DAYS
        and low not in _NOT_NAME
        and not token.text.isupper()
    )


def _name_end(doc: Doc, start: int, lang: str, stops: frozenset[str]) -> int:
    """End (exclusive) of the name starting at ``start``, or ``start`` if none."""
    i, count = start, 0
    end = start
    while i < len(doc) and count < _MAX_NAME_TOKENS:
        tok = doc[i]
        if _name_token(tok, stops) and not _is_title(tok, lang):
            count += 1
            i += 1
            end = i
            continue
        # "Lee Sung - kwon": a hyphen glued to both neighbours joins name parts.
        prev = doc[i - 1]
        if (
            tok.text == "-"
            and not prev.whitespace_
            and not tok.whitespace_
            and i + 1 < len(doc)
            and doc[i + 1].is_alpha
            and end == i
        ):
            i += 2
            end = i
            continue
        # Particles inside a name: "Ursula von der Leyen".
        if tok.lower_ in _PARTICLES and count and i + 1 < len(doc):
            i += 1
            continue
        break
    return end


@Language.factory("kontext_titles")
def make_titles(nlp: Language, name: str) -> TitleRecognizer:
    return TitleRecognizer(nlp.lang)


class TitleRecognizer:
    """Marks the name after a person title as PER."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.stops = stop_words(lang)

    def __call__(self, doc: Doc) -> Doc:
        texts, _ = token_strings(doc)  # strings, not Token objects, in the hot loop
        i = 0
        while i < len(doc) - 1:
            if not texts[i][:1].isalpha() or not _is_title(texts[i], self.lang):
                i += 1
                continue
            start = i + 1
            # "Präsident General Kim ...", "Prime Minister ...", "Secretary-General ..."
            while start < len(doc):
                if _is_title(doc[start], self.lang):
                    start += 1
                elif (
                    doc[start].text == "-"
                    and start + 1 < len(doc)
                    and _is_title(doc[start + 1], self.lang)
                ):
                    start += 2
                else:
                    break
            end = _name_end(doc, start, self.lang, self.stops)
            if end > start:
                add_span(doc, "title", start, end, "PER", rule="title")
                doc.user_data.setdefault(NAMES_KEY, []).append(
                    tuple((t.text, bool(t.whitespace_)) for t in doc[start:end])
                )
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
    and again across the chunks of a long article.
    """

    def __init__(self, vocab: Vocab, lang: str, names: Iterable[PersonName]) -> None:
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

    def __call__(self, doc: Doc) -> None:
        spans = doc.spans.get(GROUPS["title"], [])
        covered = {i for s in spans for i in range(s.start, s.end)}
        for match_id, start, end in sorted(self.matcher(doc), key=lambda m: (m[1], -m[2])):
            if any(i in covered for i in range(start, end)):
                continue
            add_span(doc, "title", start, end, "PER", rule=doc.vocab.strings[match_id])
            covered.update(range(start, end))
