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

Two exceptions to the order, because a longer span says more: a glossary
term strictly inside a longer name or pattern ("Oblast" in "Oblast
Kaliningrad", "howitzers" in "155mm howitzers") gives way to it, and so
does any span strictly inside a longer rule span with the same label (the
model's "Kursk" inside the gazetteer's "Oblast Kursk"). A longer model span
gets no such say: its boundaries are the least reliable.

A model span that covers exactly the tokens of a gazetteer place takes the
place's key, so "Nordkorea" from the model and "nordkoreanische" from the
demonym rule end up in one entity.

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


def _drop_contained(candidates: list[tuple[int, Span]]) -> list[tuple[int, Span]]:
    """Remove glossary spans, and spans of the same label, strictly inside a longer one."""
    longer: dict[int, list[Span]] = {}  # token -> non-related spans covering it
    for _, span in candidates:
        if not span.id_.endswith(":demonym"):
            for i in range(span.start, span.end):
                longer.setdefault(i, []).append(span)

    def contained(span: Span) -> bool:
        glossary = span.id_.startswith("glossary:")
        return any(
            other.start <= span.start
            and span.end <= other.end
            and (other.end - other.start) > (span.end - span.start)
            and not other.id_.startswith(("glossary:", "model:"))
            and (glossary or other.label_ == span.label_)
            for other in longer.get(span.start, ())
        )

    return [(p, s) for p, s in candidates if s.id_.endswith(":demonym") or not contained(s)]


def _model_spans(doc: Doc) -> list[tuple[Span, str, str]]:
    """(span, label, place key) for the model's entities, cut back to known places.

    A model LOC that starts with a gazetteer place and runs on into the next
    capitalised noun ("Russlands Armee", "Kiew Bomben") is cut back to the
    place; one that covers exactly a place takes the place's key; one that is
    exactly a demonym is left to the demonym rule, which knows its country.
    """
    places = {}
    for s in doc.spans.get(GROUPS["place"], []):
        if s.end > places.get(s.start, (0, ""))[0]:
            places[s.start] = (s.end, s.kb_id_)
    demonyms = {(s.start, s.end) for s in doc.spans.get(GROUPS["related"], [])}
    out = []
    for ent in doc.ents:
        label = map_label(ent.label_)
        # "Polish" is a related form of Poland here, not a MISC name of its own.
        if label is None or (ent.start, ent.end) in demonyms:
            continue
        span, key = ent, ""
        if label == "LOC" and ent.start in places:
            end, place_key = places[ent.start]
            if end <= ent.end:
                span, key = doc[ent.start : end], place_key
        out.append((span, str(label), key))
    return out


@Language.factory("kontext_merge")
def make_merge(nlp: Language, name: str) -> MergeComponent:
    return MergeComponent()


def _candidate(span: Span, label: str, key: str, tag: str) -> Span:
    return Span(span.doc, span.start, span.end, label=label, kb_id=key, span_id=tag)


class MergeComponent:
    """Keeps the best non-overlapping candidates by the priorities above."""

    def __call__(self, doc: Doc) -> Doc:
        candidates: list[tuple[int, Span]] = [
            (MODEL_PRIORITY, _candidate(span, label, key, "model:ner"))
            for span, label, key in _model_spans(doc)  # doc.ents: from a statistical NER
        ]
        for group, source, priority in _ORDER:
            for span in doc.spans.get(GROUPS[group], []):
                key, rule = span.kb_id_, span.id_
                candidates.append(
                    (priority, _candidate(span, span.label_, key, f"{source}:{rule}"))
                )
        candidates = _drop_contained(candidates)
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
