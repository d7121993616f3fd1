"""Sessions for the store tests: a real annotation of a short article, then student edits."""

from __future__ import annotations

from enrich.model import Annotation, Entity, Label, Mention
from enrich.session import Bookmark, Correction, EntityNote, Session, new_session
from tests.helpers import make_article

TEXT = "Yonhap meldet, Kim Jong Un war in Pjöngjang.\nDie JCS schweigen."
OTHER_TEXT = "Die NATO tagt in Brüssel.\nMark Rutte spricht."


def _mention(text: str, surface: str, label: Label) -> Mention:
    start = text.index(surface)
    return Mention(start, start + len(surface), surface, label, "model")


def annotation(text: str = TEXT) -> Annotation:
    """The recognizers' output as the reader would save it (built, not run: offsets are known)."""
    article = make_article(text, "de", title=text.split("\n")[0][:30])
    entities = []
    for surface, label in (("Kim Jong Un", Label.PER), ("JCS", Label.ORG), ("NATO", Label.ORG)):
        if surface in text:
            ident = f"{label.lower()}-{surface.lower().replace(' ', '-')}"
            entities.append(Entity(ident, surface, label, (_mention(text, surface, label),)))
    return Annotation(article, "test-recognizer 1.0", tuple(entities))


def fresh(name: str = "seed", text: str = TEXT) -> Session:
    return new_session(name, annotation(text), model_version="test")


def note(entity_id: str, text: str, *tags: str) -> EntityNote:
    return EntityNote(entity_id=entity_id, name=entity_id, note=text, tags=list(tags))


def reject(surface: str, text: str = TEXT, at: str = "") -> Correction:
    start = text.index(surface)
    return Correction(op="reject", start=start, end=start + len(surface), text=surface, at=at)


def bookmark(ident: str, surface: str, text: str = TEXT, note_text: str = "") -> Bookmark:
    start = text.index(surface)
    return Bookmark(id=ident, start=start, end=start + len(surface), quote=surface, note=note_text)
