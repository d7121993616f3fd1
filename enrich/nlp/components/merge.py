"""Resolve overlapping candidates from all recognizers into one span list.

Priorities, highest first (a lower number wins an overlap; on a tie the
longer span wins, then the earlier one):

0. user corrections (applied later, in the session layer)
1. abbreviation definitions: the text itself says what the short form means
2. glossary terms: curated by us or by the student
3. domain-term patterns (calibre + weapon noun, system designations)
4. person titles: "Präsident X" is stronger evidence than a model's guess
5. the statistical model
6. gazetteer places: they need the model's context, not the other way round
7. bare surnames of titled people ("Selenskyj"): weaker than a place name
8. bare acronyms
9. related mentions (demonyms): never displace a name

One exception to the order: a glossary term strictly inside a longer name
or pattern ("Oblast" in "Oblast Kaliningrad", "howitzers" in "155mm
howitzers") gives way to it, because the longer span says more.

The result goes to ``doc.spans["kontext"]`` (every kept span, ``id_`` is
"<source>:<rule>") and ``doc.ents`` (kept spans except related ones), so
displaCy and other spaCy tools see Kontext's entities.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from enrich.nlp.components.common import FINAL_GROUP, GROUPS
from enrich.nlp.labels import map_label

# (group, source, priority)
_ORDER = (
    ("abbreviation", "abbreviation", 1),
    ("glossary", "glossary", 2),
    ("term", "rule", 3),
    ("title", "rule", 4),
    ("place", "rule", 6),
    ("surname", "rule", 7),
    ("acronym", "rule", 8),
    ("related", "rule", 9),
)
MODEL_PRIORITY = 5


def _drop_contained_glossary_terms(candidates: list[tuple[int, Span]]) -> list[tuple[int, Span]]:
    """Remove glossary spans that lie strictly inside a longer non-related candidate."""
    glossary = [s for _, s in candidates if s.id_.startswith("glossary:")]
    if not glossary:
        return candidates
    covered: dict[int, int] = {}  # token -> longest length of a covering non-glossary span
    for _, span in candidates:
        if span.id_.startswith("glossary:") or span.id_.endswith(":demonym"):
            continue
        for i in range(span.start, span.end):
            covered[i] = max(covered.get(i, 0), span.end - span.start)
    return [
        (priority, span)
        for priority, span in candidates
        if not span.id_.startswith("glossary:")
        or not all(covered.get(i, 0) > span.end - span.start for i in range(span.start, span.end))
    ]


@Language.factory("kontext_merge")
def make_merge(nlp: Language, name: str) -> MergeComponent:
    return MergeComponent()


def _candidate(span: Span, label: str, key: str, tag: str) -> Span:
    return Span(span.doc, span.start, span.end, label=label, kb_id=key, span_id=tag)


class MergeComponent:
    """Keeps the best non-overlapping candidates by the priorities above."""

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[tuple[int, Span]] = []
        for ent in doc.ents:  # written by a statistical NER earlier in the pipeline
            label = map_label(ent.label_)
            if label is not None:
                candidates.append((MODEL_PRIORITY, _candidate(ent, str(label), "", "model:ner")))
        for group, source, priority in _ORDER:
            for span in doc.spans.get(GROUPS[group], []):
                if group == "glossary":  # span_ruler puts the pattern id in id_
                    key, rule = span.id_, "glossary"
                else:
                    key, rule = span.kb_id_, span.id_
                candidates.append(
                    (priority, _candidate(span, span.label_, key, f"{source}:{rule}"))
                )
        candidates = _drop_contained_glossary_terms(candidates)
        candidates.sort(key=lambda c: (c[0], -(c[1].end - c[1].start), c[1].start))
        taken = bytearray(len(doc))
        kept: list[Span] = []
        for _, span in candidates:
            if any(taken[span.start : span.end]):
                continue
            taken[span.start : span.end] = b"\x01" * (span.end - span.start)
            kept.append(span)
        kept.sort(key=lambda s: s.start)
        doc.spans[FINAL_GROUP] = kept
        doc.ents = [s for s in kept if not s.id_.endswith(":demonym")]
        return doc
