"""Annotate an Article: run the pipeline over paragraph chunks, then cluster.

Long articles are cut into chunks at paragraph boundaries (and an oversized
paragraph at sentence or word boundaries), so no Doc is huge and spaCy's
length limit never bites. Definitions and titled names are document-level
facts, so they are collected from every chunk and propagated to all chunks
before the merge step; the chunk Docs are kept until then.
"""

from __future__ import annotations

import functools
import gc
import re
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from enrich.model import Annotation, Article

if TYPE_CHECKING:
    from collections.abc import Callable

    from spacy.tokens import Doc

    from enrich.index.rules import Rule
    from enrich.nlp.pipeline import Recognizer

CHUNK_CHARS = 20_000
_BREAK = re.compile(r"[.!?…]\s+|\s+")


def _pieces(article: Article) -> Iterator[tuple[int, int]]:
    """(start, end) ranges: whole paragraphs, or parts of one too long for a chunk."""
    text = article.text
    for p in article.paragraphs:
        start = p.start
        while p.end - start > CHUNK_CHARS:
            limit = start + CHUNK_CHARS
            # Prefer the last sentence end before the limit, else the last space.
            cut = max((m.end() for m in _BREAK.finditer(text, limit - 2_000, limit)), default=0)
            cut = cut if cut > start else limit
            yield start, cut
            start = cut
        yield start, p.end


def _chunks(article: Article) -> Iterator[tuple[int, str]]:
    """(offset, text) chunks of about CHUNK_CHARS, made of whole pieces."""
    first = last = None
    for start, end in _pieces(article):
        if first is not None and end - first > CHUNK_CHARS:
            yield first, article.text[first:last]
            first = None
        if first is None:
            first = start
        last = end
    if first is not None:
        yield first, article.text[first:last]


@functools.lru_cache(maxsize=4)
def _default_glossary(lang: str, user_stamp: float) -> tuple[tuple[object, ...], tuple[str, ...]]:
    """Bundled + user glossary terms, reloaded when the user glossary changes."""
    from enrich.glossary import load_glossary

    glossary, warnings = load_glossary()
    return glossary.terms(lang), tuple(warnings)


def default_glossary(lang: str) -> tuple[tuple[object, ...], tuple[str, ...]]:
    """(terms, warnings) of the glossary ``annotate`` uses when given none."""
    from enrich.glossary import user_glossary_path

    path = user_glossary_path()
    stamp = path.stat().st_mtime if path.exists() else 0.0
    return _default_glossary(lang, stamp)


def annotate(
    article: Article,
    *,
    model: str | None = None,
    glossary: Sequence[object] | None = None,
    rules: Sequence[Rule] | None = None,
) -> Annotation:
    """Find and cluster the entities of ``article``.

    ``model`` overrides the statistical NER (package name or directory);
    ``glossary`` is a sequence of ``GlossaryTerm`` for the glossary ruler:
    None means the bundled and user glossaries, ``()`` none at all.
    ``rules`` are personal rules applied before clustering: None means the
    student's (``enrich.index``), ``()`` none.
    Raises ``ModelError`` if an explicitly requested model cannot be loaded.
    """
    notes: tuple[str, ...] = ()
    if glossary is None:
        glossary, notes = default_glossary(article.language)
    from enrich.nlp import consistency
    from enrich.nlp.clustering import RawMention, cluster
    from enrich.nlp.components.abbreviations import DEFINITIONS_KEY, DefinitionPropagator
    from enrich.nlp.components.common import FINAL_GROUP, NAMES_KEY
    from enrich.nlp.components.titles import NAMES_KEY as PERSON_NAMES
    from enrich.nlp.components.titles import NamePropagator
    from enrich.nlp.hostile_runs import neutralise
    from enrich.nlp.pipeline import load_recognizer

    recognizer = _load_without_gc(load_recognizer, article.language, model, tuple(glossary))
    nlp = recognizer.nlp
    pieces = list(_chunks(article))
    # Same-length blanking of hostile runs: the chunk offsets stay valid.
    docs = list(nlp.pipe((neutralise(text) for _, text in pieces), disable=["kontext_merge"]))

    if len(docs) > 1:  # document-level facts found in one chunk apply to all chunks
        definitions = [d for doc in docs for d in doc.user_data.get(DEFINITIONS_KEY, [])]
        people = [n for doc in docs for n in doc.user_data.get(PERSON_NAMES, [])]
        propagators: list[Callable[[Doc], None]] = []
        if definitions:
            propagators.append(DefinitionPropagator(nlp.vocab, definitions))
        if people:
            # The pipeline was loaded for the article's language (spaCy types nlp.lang as optional).
            propagators.append(NamePropagator(nlp.vocab, nlp.lang or article.language, people))
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
            start, end = offset + span.start_char, offset + span.end_char
            raw.append(
                RawMention(
                    start=start,
                    end=end,
                    text=article.text[start:end],  # the article's own characters
                    label=span.label_,
                    source=source,
                    rule=rule,
                    key=span.kb_id_,
                    kind="related" if rule == "demonym" else "mention",
                )
            )
    raw = consistency.apply(article.text, raw, article.language)
    from enrich.index.apply import apply_personal_rules

    chunks = [(offset, doc) for (offset, _), doc in zip(pieces, docs, strict=True)]
    raw, rule_notes = apply_personal_rules(raw, chunks, nlp, article, rules)
    entities = cluster(raw, names, article.language)
    warnings = notes + rule_notes
    if not recognizer.has_model and article.language not in ("de", "en"):
        warnings += (
            f"no NER model for language '{article.language}': only rules ran; "
            "install a spaCy pipeline for it and pass --model",
        )
    return Annotation(article, recognizer.description, tuple(entities), warnings)


def _load_without_gc(load: Callable[..., Recognizer], *args: Any) -> Recognizer:
    """Load with the cyclic GC paused: building the gazetteers creates millions of
    objects, and full collections in between cost 0.2 s each and stall the UI
    thread too (bench: start to annotation 2.9 s -> 1.7 s). ``load_recognizer``
    freezes the result, so later collections skip it."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return load(*args)
    finally:
        if enabled:
            gc.enable()
