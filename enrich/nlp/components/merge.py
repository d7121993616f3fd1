"""Resolve overlapping candidates from all recognizers into one span list.

Priorities, highest first (a lower number wins an overlap; on a tie the
longer span wins, then the earlier one):

0. user corrections (applied later, in the session layer)
1. abbreviation definitions: the text itself says what the short form means
2. glossary terms: curated by us or by the student
3. domain-term patterns (calibre + weapon noun, system designations)
4. person titles: "Präsident X" is stronger evidence than a model's guess;
   likewise clubs, quoted works and awards (typed_names.py)
5. the statistical model
6. gazetteer places: they need the model's context, not the other way round
7. bare surnames of titled people ("Selenskyj"): weaker than a place name
8. bare acronyms, and names in news-source constructions ("über Yonhap gemeldet");
   a source span on exactly the model's tokens wins, though: the model says
   "a name", the construction says which kind
9. related mentions (demonyms) and English nationality words ("Canadian"):
   never displace a longer name ("American Football League")

Two exceptions to the order, because a longer span says more: a glossary
term strictly inside a longer name or pattern ("Oblast" in "Oblast
Kaliningrad", "howitzers" in "155mm howitzers") gives way to it, and so
does any span strictly inside a longer rule span with the same label (the
model's "Kursk" inside the gazetteer's "Oblast Kursk"). A longer model span
gets a say in two cases, each measured in its own language. In German it
removes a glossary term of its own label ("Bundestag" in the model's ORG
"Deutschen Bundestag", which GermEval counts as the name). In English a
TERM strictly inside a model name gives way to it ("Armistice Day",
"EF-111 Raven"), as wikigold marks such names whole. Otherwise its
boundaries are the least reliable.

A model span that covers exactly the tokens of a gazetteer place takes the
place's key, so "Nordkorea" from the model and "nordkoreanische" from the
demonym rule end up in one entity. A model span on exactly a demonym or an
English nationality word is left to that rule, which knows its place.

The result goes to ``doc.spans["kontext"]`` (every kept span, ``id_`` is
"<source>:<rule>") and ``doc.ents`` (kept spans except related ones), so
displaCy and other spaCy tools see Kontext's entities.
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span

from enrich.nlp import common_nouns, place_clusters
from enrich.nlp.components.common import FINAL_GROUP, GROUPS
from enrich.nlp.labels import map_label, org_by_head

# (group, source, priority)
_ORDER = (
    ("abbreviation", "abbreviation", 1),
    ("glossary", "glossary", 2),
    ("term", "rule", 3),
    ("title", "rule", 4),
    ("typed", "rule", 4),
    ("place", "rule", 6),
    ("surname", "rule", 7),
    ("acronym", "rule", 8),
    ("source", "rule", 8),
    ("related", "rule", 9),
    ("nationality", "rule", 9),
)
MODEL_PRIORITY = 5


class _Candidate(NamedTuple):
    """A span competing in the merge; a spaCy ``Span`` is made only for the winners."""

    priority: int
    start: int
    end: int
    label: str
    key: str
    tag: str  # "<source>:<rule>", the kept span's id_


def _drop_contained(candidates: list[_Candidate], lang: str) -> list[_Candidate]:
    """Remove glossary spans, and spans of the same label, strictly inside a longer one.

    A longer model name counts only as measured per language: in German it
    removes a glossary span of its own label ("Deutschen Bundestag"); in
    English it removes any TERM inside it: "Armistice" (a glossary alias)
    and "EF-111" (a designation) are parts of "Armistice Day" and "EF-111
    Raven", the names wikigold marks.
    """
    longer: dict[int, list[_Candidate]] = {}  # token -> non-related spans covering it
    for span in candidates:
        if not span.tag.endswith(":demonym"):
            for i in range(span.start, span.end):
                longer.setdefault(i, []).append(span)

    def contained(span: _Candidate) -> bool:
        glossary = span.tag.startswith("glossary:")
        return any(
            other.start <= span.start
            and span.end <= other.end
            and (other.end - other.start) > (span.end - span.start)
            and not other.tag.startswith("glossary:")
            and (
                (glossary or other.label == span.label)
                if not other.tag.startswith("model:")
                else (lang == "en" and span.label == "TERM")
                or (lang == "de" and glossary and other.label == span.label)
            )
            for other in longer.get(span.start, ())
        )

    return [s for s in candidates if s.tag.endswith(":demonym") or not contained(s)]


def _model_spans(doc: Doc) -> list[tuple[Span, str, str]]:
    """(span, label, place key) for the model's entities, cut back to known places.

    A model LOC that starts with a gazetteer place and runs on into the next
    capitalised noun ("Russlands Armee", "Kiew Bomben") is cut back to the
    place; one that covers exactly a place takes the place's key; one that is
    exactly a demonym (or an English nationality word) is left to that rule,
    which knows its country.
    In German, only a run into a common noun is cut: "Palermo Viejo",
    "Chicago River" and "Omaha Beach" are names of their own.
    """
    nouns = common_nouns.load() if doc.lang_ == "de" else None
    places: dict[int, tuple[int, str]] = {}  # start -> (end, place key)
    for s in doc.spans.get(GROUPS["place"], []):
        if s.end > places.get(s.start, (0, ""))[0]:
            places[s.start] = (s.end, s.kb_id_)
    demonyms = {
        (s.start, s.end)
        for group in ("related", "nationality")
        for s in doc.spans.get(GROUPS[group], [])
    }
    out = []
    for ent in doc.ents:
        label = map_label(ent.label_)
        if label is not None:  # the model's "European Defence Agency" MISC is an ORG
            label = org_by_head([t.text for t in ent], label, doc.lang_)
        # German "polnische" is a related form of Polen; English "Polish" a keyed MISC.
        if label is None or (ent.start, ent.end) in demonyms:
            continue
        span, key = ent, ""
        if label == "LOC" and ent.start in places:
            end, place_key = places[ent.start]
            if end == ent.end or (end < ent.end and (nouns is None or doc[end].text in nouns)):
                span, key = doc[ent.start : end], place_key
        out.append((span, str(label), key))
    return out


def _common_word_city(span: Span) -> bool:
    """A one-word gazetteer city whose Brown cluster is not one of place names.

    "Gold", "Siegen", "Hang" and "Favoriten" are towns somewhere and common
    nouns here. Of the cities that only the gazetteer found, none was a gold
    name: 5 on the held-out 5% of the training data (all dropped here) and 12 on
    3,000 training sentences (9 dropped; the other 3 are real places GermEval
    left unannotated, in a place cluster; docs/model-card.md). Where the model tags the word,
    its span wins anyway and still takes the place's key (``_model_spans``).
    """
    if span.id_ != "city" or len(span) != 1:
        return False
    word = span.text
    # An all-caps dateline ("MOSKAU") is judged by the word's usual spelling.
    return not place_clusters.in_place_cluster(word.capitalize() if word.isupper() else word)


@Language.factory("kontext_merge")
def make_merge(nlp: Language, name: str) -> MergeComponent:
    return MergeComponent()


class MergeComponent:
    """Keeps the best non-overlapping candidates by the priorities above."""

    def __call__(self, doc: Doc) -> Doc:
        candidates = [
            _Candidate(MODEL_PRIORITY, span.start, span.end, label, key, "model:ner")
            for span, label, key in _model_spans(doc)  # doc.ents: from a statistical NER
        ]
        german = doc.lang_ == "de"
        for group, source, priority in _ORDER:
            for span in doc.spans.get(GROUPS[group], []):
                if german and group == "place" and _common_word_city(span):
                    continue
                candidates.append(
                    _Candidate(
                        priority,
                        span.start,
                        span.end,
                        span.label_,
                        span.kb_id_,
                        f"{source}:{span.id_}",
                    )
                )
        candidates = _drop_contained(candidates, doc.lang_)
        # The model says "a name here", a news-source construction ("über X
        # gemeldet") says what kind: on exactly the same tokens, the kind wins.
        model_spans = {(c.start, c.end) for c in candidates if c.priority == MODEL_PRIORITY}
        candidates = [
            c._replace(priority=MODEL_PRIORITY - 1)
            if c.tag.startswith("rule:source-") and (c.start, c.end) in model_spans
            else c
            for c in candidates
        ]
        candidates.sort(key=lambda c: (c.priority, -(c.end - c.start), c.start))
        taken = bytearray(len(doc))
        kept: list[_Candidate] = []
        for c in candidates:
            if any(taken[c.start : c.end]):
                continue
            taken[c.start : c.end] = b"\x01" * (c.end - c.start)
            kept.append(c)
        kept.sort(key=lambda c: c.start)
        spans = [Span(doc, c.start, c.end, label=c.label, kb_id=c.key, span_id=c.tag) for c in kept]
        doc.spans[FINAL_GROUP] = spans
        doc.ents = [s for s in spans if not s.id_.endswith(":demonym")]
        return doc
