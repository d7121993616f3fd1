"""Document-level consistency of names: after the merge, before clustering.

The model tags one sentence at a time, so an article's main person is
found as "Anna Berger" in the first paragraph and missed as "Berger" or
"Bergers" later. Here the article as a whole decides, on the kept mentions
(global character offsets) and the text:

1. a sentence-initial capitalised function word or common noun ("Solange",
   "Jede Nacht") is never a name on its own, and in German neither is a
   hyphenated word made of common nouns only ("Stadt-Museum");
2. a person span extends leftward over a known first name right before it
   ("Theresa" + "May" → "Theresa May"), and in German a lone first name
   rightward over a listed surname ("Mathias" + "Meister"); a Korean name
   the model cut after its first given-name syllable runs on over the
   second ("Kim Jong" + "Un", "Moon Jae" + "In"); in German a name right
   after "St." or "Sankt" starts there, and is a place if it was a person
   ("St. Moritz");
3. the surname of every multi-word person, and its genitive, is that person
   wherever it stands, sentence-initial included;
4. a single word the model tagged (not at a sentence start) with one label
   only gets that label where it stands alone elsewhere; so do the last word
   of a multi-word organisation ("City" of "Manchester City") and a listed
   short form of one ("BVB" of "Borussia Dortmund"), as ORG;
5. a name of the article at the start of a hyphenated compound ("FDP-Chef",
   "Ukraine-Kriegs") is a related mention of it (GermEval's ``part``): the
   card and navigation find it, the scores do not count it.

Nothing here knows any article: the rules use the name lists, spaCy's stop
words and the common nouns learned from the training data.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable

from enrich.nlp import common_nouns, name_lists
from enrich.nlp.clustering import RawMention
from enrich.nlp.components.common import MONTHS_AND_DAYS, stop_words
from enrich.nlp.components.titles import is_title

# Articles may start a name ("Die Linke", "Der Spiegel"); other function words may not.
_ARTICLES = frozenset("der die das den dem des ein eine the a an".split())
_SENTENCE_END = frozenset('.!?:;"„“”«»‚‘\n')
_WHOLE_WORD = re.compile(r"(?<![\w-])[^\W\d_]\w*(?![\w-])")
_COMPOUND_HEAD = re.compile(r"(?<![\w-])(\w+)-(?=\w)")
_WORD = re.compile(r"[^\W\d_][\w]*(?:-[\w]+)*")
_PARTICLES = frozenset("von van de der den da di du la le bin al zu".split())


def _sentence_initial(text: str, start: int) -> bool:
    """Nothing but opening punctuation and space between the last sentence end and here."""
    i = start - 1
    while i >= 0 and text[i] in " \t\"„“‚'(«»":
        i -= 1
    return i < 0 or text[i] in _SENTENCE_END or text[i] == "\n"


def _is_common(word: str, lang: str) -> bool:
    low = word.lower()
    if low in stop_words(lang) and low not in _ARTICLES:
        return True
    if lang != "de":
        return False
    listed = common_nouns.load()
    return word in listed or low in listed


def _drop_initial_non_names(text: str, mentions: list[RawMention], lang: str) -> list[RawMention]:
    """Drop "Solange" and "Jede Nacht"; trim "Jede" off "Jede Nacht Berger"."""
    out = []
    for m in mentions:
        words = m.text.split(" ")
        if (
            m.source != "model"
            or m.kind != "mention"
            or not _sentence_initial(text, m.start)
            or not _is_common(words[0], lang)
            or (len(words[0]) > 1 and words[0].isupper())  # "MAN" is no "man"
        ):
            out.append(m)
            continue
        rest = words[1:]
        if not rest or _is_common(rest[0], lang) or rest[0].lower() in MONTHS_AND_DAYS:
            continue
        if words[0].lower() in _ARTICLES or not all(w[:1].isupper() for w in rest):
            out.append(m)  # "Die Linke"; or a span the model got wrong in another way
            continue
        start = m.start + len(words[0]) + 1
        out.append(RawMention(start, m.end, text[start : m.end], m.label, m.source, m.rule))
    return out


def _word_before(text: str, start: int) -> tuple[int, str] | None:
    """(start, word) of the word right before ``start``, separated by one space."""
    if start < 2 or text[start - 1] != " ":
        return None
    j = start - 1
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "-"):
        j -= 1
    word = text[j : start - 1]
    return (j, word) if word else None


@functools.cache
def _first_names(lang: str) -> frozenset[str]:
    """First names that may start a person: "Kaiser" and "Pastor" are first names
    in some locale, but the training data shows them mostly outside names."""
    first = name_lists.load(name_lists.FIRST_FILE)
    first = frozenset(w for w in first if not is_title(w, lang))  # "General", "Major"
    return first - common_nouns.non_names() if lang == "de" else first


def _extend_over_first_names(text: str, mentions: list[RawMention], lang: str) -> list[RawMention]:
    first = _first_names(lang)
    by_end = {m.end: m for m in mentions}
    drop: set[tuple[int, int]] = set()
    out = []
    for m in mentions:
        if m.label != "PER" or m.kind != "mention" or (m.start, m.end) in drop:
            out.append(m)
            continue
        before = _word_before(text, m.start)
        if before is None or before[1] not in first:
            out.append(m)
            continue
        j, _word = before
        left = by_end.get(m.start - 1)
        if left is not None and (left.start, left.end) != (j, m.start - 1):
            out.append(m)  # the word is part of a longer mention: leave both
            continue
        if left is not None:
            if left.label != "PER" or len(left.text.split()) != 1:
                out.append(m)
                continue
            drop.add((left.start, left.end))
        out.append(RawMention(j, m.end, text[j : m.end], "PER", m.source, m.rule, m.key, m.kind))
    return [m for m in out if (m.start, m.end) not in drop]


_NEXT_WORD = re.compile(r" ([^\W\d_][\w]*)(?![\w-])")


def _extend_over_last_names(text: str, mentions: list[RawMention], lang: str) -> list[RawMention]:
    """German: a lone first name tagged PER runs on over a listed surname right
    after it ("Mathias Meister"); the model stops short when the surname is also
    a word. Not over a genitive ("Daniels Cousine") or into another mention."""
    if lang != "de":
        return mentions
    first = _first_names(lang)
    last = name_lists.load(name_lists.LAST_FILE)
    covered = _Covered(len(text), mentions)
    out = []
    for m in mentions:
        word = m.text
        if (
            m.label == "PER"
            and m.kind == "mention"
            and word in first
            and not (word.endswith("s") and word[:-1] in first)
            and (nxt := _NEXT_WORD.match(text, m.end)) is not None
            and nxt.group(1) in last
            and nxt.group(1)[0].isupper()
            and not nxt.group(1).isupper()
            and covered.free(nxt.start(1), nxt.end(1))
        ):
            end = nxt.end(1)
            covered.add(m.end, end)
            name = text[m.start : end]
            m = RawMention(m.start, end, name, "PER", m.source, m.rule, m.key, m.kind)
        out.append(m)
    return out


# Romanised Korean family names (our own list, the common ones in both
# Koreas' romanisations) and the shape of one romanised syllable.
_KOREAN_SURNAMES = frozenset(
    """Kim Gim Lee Yi Ri Rhee Park Pak Bak Choi Choe Jung Jeong Chung Kang Gang Cho Jo
    Yoon Yun Jang Chang Lim Im Rim Han Oh Seo Suh Shin Sin Kwon Gwon Hwang Ahn Song Ryu
    Yoo Hong Jeon Chun Ko Koh Moon Mun Yang Sohn Bae Baek Paek Heo Hur Nam Noh Roh Kwak
    Cha Joo Ju Woo Min Jin Chae Won Hyon Hyun Pyon Ri""".split()
)
_KOREAN_SYLLABLE = re.compile(
    r"(?:kk|tt|pp|ss|jj|ch|sh|[gkndtrlmbpsjhyw])?"
    r"(?:yae|wae|yeo|ae|ya|eo|ye|wa|oe|yo|wo|we|wi|yu|eu|ui|oo|ee|ou|a|e|o|u|i)"
    r"(?:ng|[kntlmp])?",
    re.IGNORECASE,
)


def _korean_syllable(word: str) -> bool:
    return (
        len(word) <= 5
        and word[0].isupper()
        and word[1:].islower()
        and _KOREAN_SYLLABLE.fullmatch(word) is not None
    )


def _extend_korean_names(text: str, mentions: list[RawMention]) -> list[RawMention]:
    """A person of a Korean family name and one given-name syllable runs on over a
    second syllable right after it: Korean given names have two ("Kim Jong Un",
    "Moon Jae In"), and the model, which sees "Un" and "In" as words, stops short."""
    covered = _Covered(len(text), mentions)
    out = []
    for m in mentions:
        words = m.text.split(" ")
        if (
            m.label == "PER"
            and m.kind == "mention"
            and len(words) == 2
            and words[0] in _KOREAN_SURNAMES
            and _korean_syllable(words[1])
            and (nxt := _NEXT_WORD.match(text, m.end)) is not None
            and _korean_syllable(nxt.group(1))
            and covered.free(nxt.start(1), nxt.end(1))
        ):
            end = nxt.end(1)
            covered.add(m.end, end)
            m = RawMention(
                m.start, end, text[m.start : end], "PER", m.source, m.rule, m.key, m.kind
            )
        out.append(m)
    return out


# "St." or "Sankt" right before a name ("St. Moritz", "St . Marien" as GermEval spaces it).
_SAINT_BEFORE = re.compile(r"(?:(?<![\w.])St ?\. ?|(?<!\w)Sankt )$")


def _extend_over_saint(text: str, mentions: list[RawMention], lang: str) -> list[RawMention]:
    """German: a name right after "St." or "Sankt" starts there, and a person so
    named is a place: "St. Moritz", the church "St. Marien", "FC St. Pauli". The
    model sees the name's word as a given name ("Moritz", "Pauli") and leaves
    the abbreviation out; in the training part 52 of the 59 names that start
    with "St." or "Sankt" are places (docs/model-card.md, sixth version)."""
    if lang != "de":
        return mentions
    covered = _Covered(len(text), mentions)
    out = []
    for m in mentions:
        saint = _SAINT_BEFORE.search(text, max(0, m.start - 7), m.start)
        if m.kind == "mention" and saint is not None and covered.free(saint.start(), m.start):
            covered.add(saint.start(), m.start)
            label = "LOC" if m.label == "PER" else m.label
            m = RawMention(
                saint.start(),
                m.end,
                text[saint.start() : m.end],
                label,
                m.source,
                m.rule,
                m.key,
                m.kind,
            )
        out.append(m)
    return out


def _drop_common_compounds(mentions: list[RawMention], lang: str) -> list[RawMention]:
    """German: a hyphenated word of common nouns ("Stadt-Museum",
    "Landes-Bibliothek") is a noun, not a name, whatever the model says: its
    first parts are words the training data shows mostly outside names, its
    head such a word or a generic head noun."""
    if lang != "de":
        return mentions
    plain = common_nouns.non_names()
    heads = plain | common_nouns.generic_nouns()  # "Museum" heads names too

    def common(word: str) -> bool:
        *parts, head = word.split("-")
        return bool(parts) and all(p in plain for p in parts) and head in heads

    return [
        m for m in mentions if not (m.kind == "mention" and " " not in m.text and common(m.text))
    ]


def _occurrences(text: str, words: Iterable[str], genitive: bool) -> Iterable[tuple[int, int, str]]:
    """(start, end, word) of whole-word occurrences of any of ``words``, with a
    German genitive ("Bergers") if asked; never inside compounds. One pass over
    the words of the text and set lookups, however many names there are."""
    wanted = frozenset(words)
    if not wanted:
        return
    for start, end, word in _scan(text):
        if word in wanted:
            yield start, end, word
        elif genitive and word.endswith("s") and word[:-1] in wanted:
            yield start, end, word[:-1]


_last_scan: tuple[str, list[tuple[int, int, str]]] = ("", [])


def _scan(text: str) -> list[tuple[int, int, str]]:
    """The whole words of ``text``, found once per article for all the rules here.

    The last text's words are kept (one tuple, swapped whole, so threads that
    annotate different articles at once each get their own text's words).
    """
    global _last_scan
    last = _last_scan
    if last[0] is text:
        return last[1]
    words = [(m.start(), m.end(), m.group()) for m in _WHOLE_WORD.finditer(text)]
    _last_scan = (text, words)
    return words


class _Covered:
    """Which characters of the text a mention already covers (O(length) checks)."""

    def __init__(self, size: int, mentions: Iterable[RawMention]) -> None:
        self.mask = bytearray(size + 1)
        for m in mentions:
            self.add(m.start, m.end)

    def free(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) < 0

    def add(self, start: int, end: int) -> None:
        self.mask[start:end] = b"\x01" * (end - start)


def _next_is_number(text: str, end: int) -> bool:
    rest = text[end : end + 3].lstrip()
    return bool(rest) and rest[0].isdigit()


def _propagate_surnames(text: str, mentions: list[RawMention], lang: str) -> list[RawMention]:
    first = name_lists.load(name_lists.FIRST_FILE)
    surnames: dict[str, str] = {}
    for m in mentions:
        words = m.text.split()
        if m.label != "PER" or m.kind != "mention" or len(words) < 2:
            continue
        last = words[-1]
        if (
            len(last) > 1
            and last[0].isupper()
            and not last.isupper()
            and last.lower() not in stop_words(lang)
            and words[-2].lower() not in _PARTICLES | {"-"}
        ):
            surnames.setdefault(last, m.text)
    if not surnames:
        return mentions
    relabel: dict[tuple[int, int], RawMention] = {}
    single = {(m.start, m.end): m for m in mentions if len(m.text.split()) == 1}
    covered = _Covered(len(text), mentions)
    added: list[RawMention] = []
    for start, end, surname in _occurrences(text, surnames, lang == "de"):
        if _next_is_number(text, end):
            continue  # "May 2019"
        before = _word_before(text, start)
        if (
            before is not None
            and before[1][:1].islower()
            and (_is_common(surname, lang) or surname.lower() in MONTHS_AND_DAYS)
        ):
            continue  # "der Koch", "in May": the word, not the person
        if before is not None and before[1] in first and before[1] not in surnames:
            # Another person of the same family name: a name of its own.
            if covered.free(before[0], end):
                added.append(
                    RawMention(before[0], end, text[before[0] : end], "PER", "rule", "surname")
                )
                covered.add(before[0], end)
            continue
        if covered.free(start, end):
            added.append(RawMention(start, end, text[start:end], "PER", "rule", "surname"))
            covered.add(start, end)
            continue
        other = single.get((start, end))
        if other is not None and other.label != "PER" and other.source == "model":
            relabel[(start, end)] = RawMention(
                start, end, other.text, "PER", "rule", "surname", "", other.kind
            )
    kept = [relabel.get((m.start, m.end), m) for m in mentions]
    return sorted([*kept, *added], key=lambda m: (m.start, m.end))


def _propagate_labels(text: str, mentions: list[RawMention], lang: str) -> list[RawMention]:
    labels: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        if m.kind != "mention":
            continue
        for word in m.text.split():
            labels[word].add("" if len(m.text.split()) > 1 else m.label)
    confident = {
        m.text
        for m in mentions
        if m.source == "model"
        and m.kind == "mention"
        and " " not in m.text
        and m.text[:1].isupper()
        and len(m.text) > 2
        and labels[m.text] == {m.label}
        and not _sentence_initial(text, m.start)
        and not _is_common(m.text, lang)
    }
    if not confident:
        return mentions
    label_of = {m.text: m.label for m in mentions if m.text in confident}
    covered = _Covered(len(text), mentions)
    added: list[RawMention] = []
    for start, end, word in _occurrences(text, confident, False):
        if not covered.free(start, end) or _next_is_number(text, end):
            continue
        if _capitalised_neighbour(text, start, end):
            continue  # part of a longer name the model did not tag: leave it
        added.append(RawMention(start, end, word, label_of[word], "rule", "propagated"))
        covered.add(start, end)
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _propagate_short_forms(text: str, mentions: list[RawMention], lang: str) -> list[RawMention]:
    """ "City" after "Manchester City", "BVB" after "Borussia Dortmund": ORG where alone.

    The last word of a multi-word organisation (not a common noun, a function
    word or a place: "Deutsche Bank" gives no "Bank", "Bayer Leverkusen" no
    "Leverkusen") and a listed short form of one of the article's
    organisations (``short_forms.toml``) are that organisation where they
    stand alone; the clustering then joins them to it.
    """
    from enrich.nlp.places import place_tables
    from enrich.nlp.short_forms import long_forms

    orgs = [m for m in mentions if m.label == "ORG" and m.kind == "mention"]
    if not orgs:
        return mentions
    places = place_tables(lang).names
    wanted: set[str] = set()
    for m in orgs:
        words = m.text.split()
        last = words[-1]
        if (
            len(words) > 1
            and len(last) > 2
            and last[:1].isupper()
            and not last.isupper()
            and not _is_common(last, lang)
            and last not in places
            and (lang != "de" or last not in common_nouns.generic_nouns())
        ):
            wanted.add(last)
    long_names = {" ".join(m.text.split()) for m in orgs}
    for short, names in long_forms().items():
        if " " not in short and long_names.intersection(names):
            wanted.add(short)
    if not wanted:
        return mentions
    covered = _Covered(len(text), mentions)
    added: list[RawMention] = []
    for start, end, word in _occurrences(text, wanted, False):
        if not covered.free(start, end) or _next_is_number(text, end):
            continue
        if _capitalised_neighbour(text, start, end):
            continue
        added.append(RawMention(start, end, word, "ORG", "rule", "short-form"))
        covered.add(start, end)
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def _capitalised_neighbour(text: str, start: int, end: int) -> bool:
    after = _WORD.match(text, end + 1) if text[end : end + 1] == " " else None
    before = _word_before(text, start)
    left = before is not None and before[1][:1].isupper() and not _sentence_initial(text, before[0])
    return bool(after and after.group()[:1].isupper()) or left


def _link_compounds(text: str, mentions: list[RawMention]) -> list[RawMention]:
    names = {
        m.text: m.label
        for m in mentions
        if m.kind == "mention" and " " not in m.text and "-" not in m.text and len(m.text) > 1
    }
    if not names:
        return mentions
    covered = _Covered(len(text), mentions)
    added = []
    for match in _COMPOUND_HEAD.finditer(text):
        name = match.group(1)
        start, end = match.span(1)
        if name in names and covered.free(start, end):
            added.append(
                RawMention(start, end, name, names[name], "rule", "compound", "", "related")
            )
    return sorted([*mentions, *added], key=lambda m: (m.start, m.end))


def apply(text: str, mentions: list[RawMention], lang: str) -> list[RawMention]:
    """The article's mentions made consistent (see the module docstring)."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    mentions = _drop_initial_non_names(text, mentions, lang)
    mentions = _drop_common_compounds(mentions, lang)
    mentions = _extend_over_first_names(text, mentions, lang)
    mentions = _extend_over_last_names(text, mentions, lang)
    mentions = _extend_korean_names(text, mentions)
    mentions = _extend_over_saint(text, mentions, lang)
    mentions = _propagate_surnames(text, mentions, lang)
    mentions = _propagate_labels(text, mentions, lang)
    mentions = _propagate_short_forms(text, mentions, lang)
    return _link_compounds(text, mentions)
