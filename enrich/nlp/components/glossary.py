"""Glossary hook: an EntityRuler-style span ruler fed from term lists → TERM etc.

The enrichment layer fills it with the bundled, user and article-local
glossaries; here it only needs to turn terms into token patterns. Terms
match case-insensitively unless they are short all-caps forms, where case
carries meaning ("WHO" vs "who").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from spacy.language import Language

from enrich.model import Label

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


def add_glossary_ruler(nlp: Language, *, before: str | None = None) -> None:
    """Add the (empty) glossary span ruler to a pipeline."""
    config = {"spans_key": "kontext_glossary", "validate": False, "overwrite": False}
    nlp.add_pipe("span_ruler", name=GLOSSARY_PIPE, config=config, before=before)


def add_glossary_terms(nlp: Language, terms: Iterable[GlossaryTerm]) -> int:
    """Feed terms to the glossary ruler; returns how many patterns were added."""
    ruler = nlp.get_pipe(GLOSSARY_PIPE)
    patterns = []
    for term in terms:
        tokens = nlp.make_doc(term.term)
        if not len(tokens):
            continue
        attr = "ORTH" if term.case_sensitive else "LOWER"
        pattern = [{attr: t.text if attr == "ORTH" else t.lower_} for t in tokens]
        key = term.key or f"glossary:{term.term.lower()}"
        patterns.append({"label": str(term.label), "pattern": pattern, "id": key})
    if patterns:
        ruler.add_patterns(patterns)
    return len(patterns)
