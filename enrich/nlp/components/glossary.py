"""Glossary hook: a phrase ruler fed from term lists → TERM etc.

The enrichment layer fills it with the bundled and user glossaries; here it
only turns terms into phrase patterns. Terms match case-insensitively unless
they are short all-caps forms, where case carries meaning ("WHO" vs "who").
Two PhraseMatchers (LOWER and ORTH) do the work: spaCy's span_ruler would
compile thousands of token patterns into one slow Matcher.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from enrich.model import Label
from enrich.nlp.components.common import add_span

GLOSSARY_PIPE = "kontext_glossary"


@dataclass(frozen=True, slots=True)
class GlossaryTerm:
    """One surface form to highlight; ``key`` joins all forms of one entry."""

    term: str
    label: Label = Label.TERM
    key: str = ""

    @property
    def case_sensitive(self) -> bool:
        return self.term.isupper() and len(self.term) <= 6


@Language.factory(GLOSSARY_PIPE)
def make_glossary(nlp: Language, name: str) -> GlossaryRuler:
    return GlossaryRuler(nlp)


class GlossaryRuler:
    """Marks glossary terms; a span's ``kb_id_`` is the entry key, so forms cluster."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.matchers = {
            "LOWER": PhraseMatcher(nlp.vocab, attr="LOWER"),
            "ORTH": PhraseMatcher(nlp.vocab, attr="ORTH"),
        }
        self.labels: dict[str, str] = {}  # match key -> label

    def add(self, terms: Iterable[GlossaryTerm]) -> int:
        count = 0
        for term in terms:
            doc = self.nlp.make_doc(term.term)
            if not len(doc):
                continue
            key = term.key or f"glossary:{term.term.lower()}"
            self.labels.setdefault(key, str(term.label))
            self.matchers["ORTH" if term.case_sensitive else "LOWER"].add(key, [doc])
            count += 1
        return count

    def __call__(self, doc: Doc) -> Doc:
        for matcher in self.matchers.values():
            for match_id, start, end in matcher(doc):
                key = doc.vocab.strings[match_id]
                add_span(doc, "glossary", start, end, self.labels[key], key=key, rule="glossary")
        return doc


def add_glossary_ruler(nlp: Language, *, before: str | None = None) -> None:
    """Add the (empty) glossary ruler to a pipeline."""
    nlp.add_pipe(GLOSSARY_PIPE, before=before)


def add_glossary_terms(nlp: Language, terms: Iterable[GlossaryTerm]) -> int:
    """Feed terms to the glossary ruler; returns how many patterns were added."""
    # spaCy types every pipe as a Doc -> Doc callable; this name is always a GlossaryRuler.
    ruler = cast(GlossaryRuler, nlp.get_pipe(GLOSSARY_PIPE))
    return ruler.add(terms)
