"""Kontext's headless library: load an article, annotate it, enrich it.

Importing ``enrich`` is cheap: spaCy is imported only when ``annotate`` runs,
so a UI can show the article before NLP starts. ``enrich`` never imports textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from enrich.errors import KontextError, ModelError, SourceError
from enrich.model import Annotation, Article, Entity, Label, Mention, Paragraph

if TYPE_CHECKING:
    from enrich.annotator import annotate
    from enrich.loaders import load_article

__all__ = [
    "Annotation",
    "Article",
    "Entity",
    "KontextError",
    "Label",
    "Mention",
    "ModelError",
    "Paragraph",
    "SourceError",
    "annotate",
    "load_article",
]


def __getattr__(name: str) -> Any:
    """Import heavy entry points lazily (PEP 562)."""
    if name == "annotate":
        from enrich.annotator import annotate

        return annotate
    if name == "load_article":
        from enrich.loaders import load_article

        return load_article
    raise AttributeError(name)
