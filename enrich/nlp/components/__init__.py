"""Kontext's spaCy components. Importing this package registers their factories."""

from enrich.nlp.components import (  # noqa: F401  (imported for factory registration)
    abbreviations,
    acronyms,
    crf_ner,
    merge,
    places,
    sources,
    terms,
    titles,
    typed_names,
)
from enrich.nlp.components.glossary import GlossaryTerm, add_glossary_terms

__all__ = ["GlossaryTerm", "add_glossary_terms"]
