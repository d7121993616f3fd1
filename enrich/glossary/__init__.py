"""Kontext's glossary: explanations of news terms, from three sources.

- article-local: abbreviations the article defines itself (``article_local``);
- the user's glossary, ``<config>/glossary.toml`` (``KONTEXT_HOME`` overrides);
- the bundled glossary, ``enrich/glossary/data/*.toml``.

``load_glossary()`` gives a ``Glossary`` (and warnings for broken files);
``terms(lang)`` feeds the glossary span ruler:
``annotate(article, glossary=terms(article.language))``. Importing this
package does not import spaCy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from enrich.glossary.edit import GlossaryFileError, add_entry, remove_entry
from enrich.glossary.glossary import SOURCES, Glossary, Match, article_local
from enrich.glossary.loader import load_glossary, user_glossary_path
from enrich.glossary.model import Entry, EntryError, Wikipedia

if TYPE_CHECKING:
    from enrich.nlp.components.glossary import GlossaryTerm

__all__ = [
    "SOURCES",
    "Entry",
    "EntryError",
    "Glossary",
    "GlossaryFileError",
    "Match",
    "Wikipedia",
    "add_entry",
    "article_local",
    "load_glossary",
    "remove_entry",
    "terms",
    "user_glossary_path",
]


def terms(lang: str) -> tuple[GlossaryTerm, ...]:
    """Ruler patterns from the bundled and the user glossary for a text in ``lang``.

    Warnings about broken files are dropped here; call ``load_glossary`` to show them.
    """
    glossary, _ = load_glossary()
    return glossary.terms(lang)
