"""Annotate an Article: run the pipeline over paragraph chunks, then cluster.

Long articles are cut into chunks at paragraph boundaries, so memory stays
flat and spaCy's length limit never bites. Definitions and titled names are
document-level facts, so they are collected from every chunk and propagated
to all chunks before the merge step.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from enrich.model import Annotation, Article, Label

CHUNK_CHARS = 20_000


def _chunks(article: Article) -> Iterator[tuple[int, str]]:
    """(offset, text) pieces made of whole paragraphs, about CHUNK_CHARS each."""
    paragraphs = article.paragraphs
    i = 0
    while i < len(paragraphs):
        first = paragraphs[i]
        j = i
        while j + 1 < len(paragraphs) and paragraphs[j + 1].end - first.start <= CHUNK_CHARS:
            j += 1
        yield first.start, article.text[first.start : paragraphs[j].end]
        i = j + 1


def annotate(
    article: Article,
    *,
    model: str | None = None,
    glossary: Sequence[object] = (),
) -> Annotation:
    """Find and cluster the entities of ``article``.

    ``model`` overrides the statistical NER (package name or directory);
    ``glossary`` is a sequence of ``GlossaryTerm`` for the glossary ruler.
    Raises ``ModelError`` if an explicitly requested model cannot be loaded.
    """
    from enrich.nlp.clustering import RawMention, cluster
    from enrich.nlp.components.abbreviations import DEFINITIONS_KEY, DefinitionPropagator
    from enrich.nlp.components.common import FINAL_GROUP, NAMES_KEY
    from enrich.nlp.components.titles import NAMES_KEY as PERSON_NAMES
    from enrich.nlp.components.titles import NamePropagator
    from enrich.nlp.pipeline import load_recognizer

    recognizer = load_recognizer(article.language, model, tuple(glossary))  # type: ignore[arg-type]
    nlp = recognizer.nlp
    pieces = list(_chunks(article))
    docs = list(nlp.pipe((text for _, text in pieces), disable=["kontext_merge"]))

    if len(docs) > 1:  # document-level facts found in one chunk apply to all chunks
        definitions = [d for doc in docs for d in doc.user_data.get(DEFINITIONS_KEY, [])]
        people = [n for doc in docs for n in doc.user_data.get(PERSON_NAMES, [])]
        propagators = []
        if definitions:
            propagators.append(DefinitionPropagator(nlp.vocab, definitions))
        if people:
            propagators.append(NamePropagator(nlp.vocab, nlp.lang, people))
        for doc in docs:
            for propagate in propagators:
                propagate(doc)

    merge = nlp.get_pipe("kontext_merge")
    raw: list[RawMention] = []
    names: dict[str, str] = {}
    for (offset, _), doc in zip(pieces, docs, strict=True):
        merge(doc)
        for key, name in doc.user_data.get(NAMES_KEY, {}).items():
            names.setdefault(key, name)
        for span in doc.spans[FINAL_GROUP]:
            source, _, rule = span.id_.partition(":")
            raw.append(
                RawMention(
                    start=offset + span.start_char,
                    end=offset + span.end_char,
                    text=span.text,
                    label=span.label_,
                    source=source,
                    rule=rule,
                    key=span.kb_id_,
                    kind="related" if rule == "demonym" else "mention",
                )
            )
    entities = cluster(raw, names, article.language)
    warnings: tuple[str, ...] = ()
    if not recognizer.has_model and article.language not in ("de", "en"):
        warnings = (
            f"no NER model for language '{article.language}': only rules ran; "
            "install a spaCy pipeline for it and pass --model",
        )
    assert all(isinstance(e.label, Label) for e in entities)
    return Annotation(article, recognizer.description, tuple(entities), warnings)
