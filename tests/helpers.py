"""Small helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

from enrich.model import Annotation, Article, Entity, Paragraph


def make_article(text: str, lang: str, title: str = "test") -> Article:
    """An Article whose paragraphs are the non-empty lines of ``text``."""
    paragraphs, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(Paragraph(pos, pos + len(line)))
        pos += len(line) + 1
    return Article(text, title, "test", lang, tuple(paragraphs))


def entities_with(annotation: Annotation, surface: str) -> list[Entity]:
    """Entities that have ``surface`` as a direct mention."""
    return [
        e
        for e in annotation.entities
        if any(m.text == surface and m.kind == "mention" for m in e.mentions)
    ]


def entity_of(annotation: Annotation, surface: str) -> Entity:
    """The one entity that has ``surface`` as a direct mention."""
    hits = entities_with(annotation, surface)
    assert len(hits) == 1, f"{surface!r} is in {[e.name for e in hits]}"
    return hits[0]


def has_entity(annotation: Annotation, surface: str) -> bool:
    return any(m.text == surface for e in annotation.entities for m in e.mentions)
