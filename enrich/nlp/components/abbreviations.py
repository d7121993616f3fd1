"""In-text abbreviation definitions, Schwartz–Hearst style.

"Der Vereinigte Generalstab Südkoreas (JCS)" defines JCS for this article:
the long form and every later "JCS" become one entity. The long form is
found by Schwartz & Hearst's letter alignment (2003) when the letters match
("Bundesamt für Verfassungsschutz (BfV)"). German news often keeps the
English acronym (JCS = Joint Chiefs of Staff), so when the letters do not
align, the model's entity or the capitalised phrase before the bracket is
taken instead.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.vocab import Vocab

from enrich.model import Label
from enrich.nlp.components.common import (
    GROUPS,
    add_span,
    is_cap,
    register_name,
    stop_words,
    token_strings,
)
from enrich.nlp.labels import map_label, org_by_head

DEFINITIONS_KEY = "kontext_definitions"  # doc.user_data: list[Definition]

_SHORT_FORM = re.compile(r"^[A-Za-zÄÖÜäöü][A-Za-zÄÖÜäöü0-9&\-]{1,9}$")
_INNER_PREFIX = {"kurz", "engl", "englisch", "abgekürzt", "auch", "short", "for", "or", "aka"}
_BOUNDARY = {".", "!", "?", ";", ":", ",", "„", "“", "”", '"', "«", "»", "(", ")", "[", "]", "–"}
_ORG_HEADS = re.compile(
    r"(?:amt|behörde|ministerium|rat|stab|kommando|agentur|organisation|union|bund|partei|bank"
    r"|gericht|gerichtshof|institut|kommission|verband|gesellschaft|konzern|gruppe|armee"
    r"|streitkräfte|marine|luftwaffe|dienst|polizei|regierung|parlament|versammlung|ausschuss"
    r"|büro|zentrum|stiftung|akademie|universität|hochschule|allianz|bündnis|vereinigung|front"
    r"|bewegung|komitee|fonds|programm|agency|office|council|committee|staff|chiefs|command"
    r"|ministry|department|party|court|institute|commission|association|society|company"
    r"|corporation|army|forces|navy|force|service|police|government|parliament|assembly"
    r"|bureau|center|centre|foundation|academy|university|alliance|organization|movement"
    r"|fund|programme|program|board|authority|administration|federation|league)$"
)


@dataclass(frozen=True, slots=True)
class Definition:
    """A short form defined in the text, with the words of its long form."""

    short: str
    long_words: tuple[str, ...]
    long: str
    label: str
    key: str


def is_short_form(text: str) -> bool:
    return bool(_SHORT_FORM.match(text)) and sum(c.isupper() for c in text) >= 2


def schwartz_hearst(short: str, candidate: str) -> int | None:
    """Start index in ``candidate`` of the long form for ``short``, or None.

    The classic right-to-left alignment: every alphanumeric character of the
    short form must appear in order, and its first character must start a word.
    """
    s_idx, l_idx = len(short) - 1, len(candidate) - 1
    while s_idx >= 0:
        c = short[s_idx].lower()
        if not c.isalnum():
            s_idx -= 1
            continue
        while l_idx >= 0 and (
            candidate[l_idx].lower() != c
            or (s_idx == 0 and l_idx > 0 and candidate[l_idx - 1].isalnum())
        ):
            l_idx -= 1
        if l_idx < 0:
            return None
        l_idx -= 1
        s_idx -= 1
    spaces = [m.end() for m in re.finditer(r"\s+", candidate[: l_idx + 1])]
    return spaces[-1] if spaces else 0


def _dateline(ent: Span) -> bool:
    """A one-word place opening a sentence before the bracket: "Erbil (AFP)" names
    the news agency that filed the story, it does not define it."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start else None
    at_start = before is None or before.is_space or before.text in (".", "!", "?", ":")
    return len(ent) == 1 and _kontext_label(ent.label_) == "LOC" and at_start


def guess_label(words: list[str], model_label: str | None, place_key: str | None) -> str:
    """Label for a defined entity when nothing better is known."""
    if model_label:
        return model_label
    if place_key:
        return "LOC"
    if any(_ORG_HEADS.search(w.lower()) for w in words):
        return "ORG"
    capitalised = [w for w in words if w[:1].isupper()]
    return "ORG" if len(capitalised) >= 2 else "TERM"


@Language.factory("kontext_abbreviations", default_config={"lang": ""})
def make_abbreviations(nlp: Language, name: str, lang: str) -> AbbreviationRecognizer:
    return AbbreviationRecognizer(lang or nlp.lang or "")


class AbbreviationRecognizer:
    """Finds "long form (SF)" definitions and every later use of SF.

    A long form whose letters do not align with the short form is only
    accepted when it names an organisation or a place: "Friedrich Merz
    (CDU)" states a party, not a definition. A short form defined two
    different ways in one article is ambiguous and defines nothing.
    """

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.stops = stop_words(lang)
        self.lang = lang

    def __call__(self, doc: Doc) -> Doc:
        texts, _ = token_strings(doc)
        ctx = _Context(doc)
        found = [
            c
            for i, t in enumerate(texts)
            if t == "(" and (c := self._candidate(ctx, i)) is not None
        ]
        meanings: dict[str, set[str]] = {}
        for *_, definition in found:
            meanings.setdefault(definition.short, set()).add(definition.long.casefold())
        definitions: list[Definition] = doc.user_data.setdefault(DEFINITIONS_KEY, [])
        for long_span, short_i, d in found:
            if len(meanings[d.short]) > 1:
                continue
            register_name(doc, d.key, d.long)
            add_span(
                doc,
                "abbreviation",
                long_span.start,
                long_span.end,
                d.label,
                key=d.key,
                rule="definition",
            )
            add_span(
                doc, "abbreviation", short_i, short_i + 1, d.label, key=d.key, rule="short-form"
            )
            definitions.append(d)
        if definitions:
            DefinitionPropagator(doc.vocab, definitions)(doc)
        return doc

    def _candidate(self, ctx: _Context, open_i: int) -> tuple[Span, int, Definition] | None:
        doc = ctx.doc
        close = next(
            (j for j in range(open_i + 1, min(open_i + 8, len(doc))) if doc[j].text == ")"), None
        )
        if close is None or close - open_i < 2:
            return None
        short_tok = doc[close - 1]
        inner = [t.lower_.rstrip(".:") for t in doc[open_i + 1 : close - 1]]
        if not is_short_form(short_tok.text) or any(w and w not in _INNER_PREFIX for w in inner):
            return None
        long_span = self._long_form(ctx, open_i, short_tok.text)
        if long_span is None or ctx.overlaps_person(long_span):
            return None
        model_label = _kontext_label(ctx.ents.get((long_span.start, long_span.end)))
        place_key = ctx.places.get((long_span.start, long_span.end))
        words = [t.text for t in long_span]
        if model_label:  # "European Defence Agency" is an ORG whatever the model said
            model_label = str(org_by_head(words, Label(model_label), self.lang))
        label = guess_label(words, model_label, place_key)
        key = place_key or f"abbr:{short_tok.text}"
        definition = Definition(short_tok.text, tuple(words), long_span.text, label, key)
        return long_span, short_tok.i, definition

    def _long_form(self, ctx: _Context, open_i: int, short: str) -> Span | None:
        doc = ctx.doc
        limit = min(len(short) + 5, 2 * len(short))
        start = open_i
        while (
            start > 0
            and open_i - start < limit
            and doc[start - 1].text not in _BOUNDARY
            and not doc[start - 1].is_space
        ):
            start -= 1
        if start == open_i:
            return None
        window = doc[start:open_i]
        offset = schwartz_hearst(short, window.text)
        if offset is not None:
            char = window.start_char + offset
            span = doc.char_span(char, window.end_char, alignment_mode="expand")
            if span is not None and self._plausible(span, short):
                return self._trim(span)
        # The letters do not align (German text, English acronym): only an
        # organisation or a place can be defined this way. A capitalised
        # phrase that names one beats a shorter model entity at its end
        # ("Vereinigte Generalstab Südkoreas", not just "Südkoreas").
        phrase = self._named_phrase(ctx, start, open_i, short)
        ent = ctx.ents_by_end.get(open_i)
        if ent is not None and (phrase is None or len(ent) >= len(phrase)):
            dateline = self.lang == "de" and _dateline(ent)
            usable = ent.start >= start and ent.text != short and not dateline
            return ent if usable and _kontext_label(ent.label_) in ("ORG", "MISC", "LOC") else None
        return phrase

    def _named_phrase(self, ctx: _Context, start: int, open_i: int, short: str) -> Span | None:
        """The capitalised phrase before the bracket, if it names an organisation or place."""
        doc = ctx.doc
        begin = open_i
        while begin > start and (is_cap(doc[begin - 1]) or doc[begin - 1].lower_ in self.stops):
            begin -= 1
        span = self._trim(doc[begin:open_i])
        if span is None or not self._plausible(span, short):
            return None
        words = [t.lower_ for t in span]
        if any(_ORG_HEADS.search(w) for w in words) or (span.start, span.end) in ctx.places:
            return span
        return None

    def _trim(self, span: Span) -> Span | None:
        """Drop leading and trailing function words and punctuation ("Der", "of", "„")."""
        start, end = span.start, span.end
        doc = span.doc
        while start < end and (
            doc[start].lower_ in self.stops or doc[start].is_punct or doc[start].is_space
        ):
            start += 1
        while end > start and (doc[end - 1].lower_ in self.stops or doc[end - 1].is_space):
            end -= 1
        return doc[start:end] if end > start else None

    @staticmethod
    def _plausible(span: Span, short: str) -> bool:
        return (
            any(is_cap(t) or t.is_lower for t in span)
            and span.text != short
            and (len(span) > 1 or len(span.text) > len(short) + 2)
        )


class _Context:
    """Per-Doc lookups built once, so each definition costs O(1), not O(entities)."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.ents = {(e.start, e.end): e.label_ for e in doc.ents}
        self.ents_by_end = {e.end: e for e in doc.ents}
        self.places = {(s.start, s.end): s.kb_id_ for s in doc.spans.get(GROUPS["place"], [])}
        self.person_tokens = {
            i
            for span in (
                *doc.spans.get(GROUPS["title"], []),
                *(e for e in doc.ents if _kontext_label(e.label_) == "PER"),
            )
            for i in range(span.start, span.end)
        }

    def overlaps_person(self, span: Span) -> bool:
        return any(i in self.person_tokens for i in range(span.start, span.end))


def _kontext_label(label: str | None) -> str | None:
    if not label:
        return None

    mapped = map_label(label)
    return str(mapped) if mapped else None


class DefinitionPropagator:
    """Marks every use of defined short and long forms in a Doc.

    Built once per set of definitions and applied per Doc: inside the
    component, and again across the chunks of a long article, so that a
    definition in the first paragraph covers the last.
    """

    def __init__(self, vocab: Vocab, definitions: Iterable[Definition]) -> None:
        self.matcher = PhraseMatcher(vocab, attr="ORTH")
        self.by_key: dict[str, Definition] = {}
        for d in definitions:
            self.by_key[d.key] = d
            forms = [Doc(vocab, words=[d.short]), Doc(vocab, words=list(d.long_words))]
            self.matcher.add(d.key, forms)

    def __call__(self, doc: Doc) -> None:
        taken = {(s.start, s.end) for s in doc.spans.get(GROUPS["abbreviation"], [])}
        for match_id, start, end in self.matcher(doc):
            if (start, end) in taken:
                continue
            d = self.by_key[doc.vocab.strings[match_id]]
            short = end - start == 1 and doc[start].text == d.short
            add_span(
                doc,
                "abbreviation",
                start,
                end,
                d.label,
                key=d.key,
                rule="short-form" if short else "long-form",
            )
            register_name(doc, d.key, d.long)
            taken.add((start, end))
