"""Between the document model (``Article``/``Annotation``) and a ``Session``."""

from __future__ import annotations

from enrich.model import SOURCES, Annotation, Article, Entity, Label, Mention, Paragraph, Source
from enrich.session.corrections import apply_corrections
from enrich.session.model import (
    ArticleSnapshot,
    EntityRecord,
    MentionRecord,
    Session,
    now_iso,
    text_hash,
)
from enrich.text_clean import clean_text, neutralise_in_place
from enrich.versions import installed_version, kontext_version


def model_version() -> str:
    """ "spaCy X.Y.Z", as ``annotate --save`` records it, read without importing spaCy.

    Cached: the reader asks in a worker first, so the event loop never waits for it.
    """
    spacy = installed_version("spacy", "")
    return f"spaCy {spacy}" if spacy else ""


def snapshot_article(article: Article) -> ArticleSnapshot:
    return ArticleSnapshot(
        text=article.text,
        source=article.source,
        title=article.title,
        language=article.language,
        paragraphs=[(p.start, p.end) for p in article.paragraphs],
        sha256=text_hash(article.text),
        warnings=list(article.warnings),
    )


def article_of(snapshot: ArticleSnapshot) -> Article:
    """The article as the reader shows it: a session file is untrusted (it may be
    hand-edited), so control characters are neutralised without moving offsets."""
    return Article(
        text=neutralise_in_place(snapshot.text),
        title=clean_text(snapshot.title),
        source=clean_text(snapshot.source),
        language=clean_text(snapshot.language),
        paragraphs=tuple(Paragraph(s, e) for s, e in snapshot.paragraphs),
        warnings=tuple(clean_text(w) for w in snapshot.warnings),
    )


def entity_records(entities: tuple[Entity, ...] | list[Entity]) -> list[EntityRecord]:
    return [
        EntityRecord(
            id=e.id,
            name=e.name,
            label=str(e.label),
            mentions=[
                MentionRecord(
                    start=m.start,
                    end=m.end,
                    text=m.text,
                    label=str(m.label),
                    source=m.source,
                    kind=m.kind,
                    rule=m.rule,
                )
                for m in e.mentions
            ],
            aliases=list(e.aliases),
            key=e.key,
        )
        for e in entities
    ]


def _label(value: str) -> Label:
    try:
        return Label(value)
    except ValueError:
        return Label.MISC  # a label from a newer or hand-edited file: keep the entity


def _source(value: str) -> Source:
    """A source from a newer or hand-edited file that Kontext does not know reads as
    "model": the mention is kept, and it is never taken for the student's own ("user")."""
    return next((known for known in SOURCES if known == value), "model")


def entities_of(records: list[EntityRecord]) -> tuple[Entity, ...]:
    return tuple(
        Entity(
            id=r.id,
            name=clean_text(r.name),
            label=_label(r.label),
            mentions=tuple(
                Mention(
                    m.start,
                    m.end,
                    neutralise_in_place(m.text),
                    _label(m.label),
                    _source(m.source),
                    "related" if m.kind == "related" else "mention",
                    m.rule,
                )
                for m in r.mentions
            ),
            aliases=tuple(clean_text(a) for a in r.aliases),
            key=r.key,
        )
        for r in records
    )


def new_session(name: str, annotation: Annotation, *, model_version: str = "") -> Session:
    """A fresh session for an annotated article (no corrections or notes yet)."""
    stamp = now_iso()
    return Session(
        name=name,
        app_version=kontext_version(),
        created=stamp,
        updated=stamp,
        article=snapshot_article(annotation.article),
        recognizer=annotation.recognizer,
        model_version=model_version,
        entities=entity_records(annotation.entities),
    )


def base_annotation(session: Session) -> Annotation:
    """The recognizers' entities as saved, before the student's corrections."""
    return Annotation(
        article=article_of(session.article),
        recognizer=clean_text(session.recognizer),
        entities=entities_of(session.entities),
    )


def annotation_of(session: Session) -> Annotation:
    """What the student sees: the saved entities with every correction replayed."""
    return apply_corrections(base_annotation(session), session.corrections)
