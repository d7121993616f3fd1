"""The sentence around an entity's first mention: the front of its Anki card.

A plain heuristic, not spaCy: exports must stay cheap and work without the
NLP stack. A sentence ends at ., !, ? or … followed by white space (closing
quotes allowed in between) or at a paragraph break.
"""

from __future__ import annotations

import re

from enrich.export.view import EntityView, ExportView
from enrich.text_clean import clean_text

_SENTENCE_END = re.compile(r"[.!?…]([\"'»«“”‘’)\]]*)\s+")


def context_of(view: ExportView, entity: EntityView, limit: int = 300) -> tuple[str, str, str]:
    """(before, name, after): the sentence of the entity's first mention, cleaned.

    Long sentences are cut to about ``limit`` characters around the mention.
    """
    m = entity.first
    if m is None:
        return "", entity.name, ""
    text = view.text
    lo = max((s for s, e in _ranges_of(view) if s <= m.start), default=0)
    hi = min((e for s, e in _ranges_of(view) if e >= m.end), default=len(text))
    ends = [x.end() for x in _SENTENCE_END.finditer(text, lo, m.start)]
    start = ends[-1] if ends else lo
    after = _SENTENCE_END.search(text, m.end, hi)
    end = after.start() + 1 + len(after.group(1)) if after else hi
    before, after_text = text[start : m.start], text[m.end : end]
    budget = max(0, limit - (m.end - m.start))
    if len(before) + len(after_text) > budget:  # share the budget, short side first
        keep_before = min(len(before), max(budget // 2, budget - len(after_text)))
        keep_after = budget - keep_before
        if len(before) > keep_before:
            before = "…" + before[len(before) - keep_before :].split(" ", 1)[-1]
        if len(after_text) > keep_after:
            after_text = after_text[:keep_after].rsplit(" ", 1)[0] + "…"
    name = _flat(text[m.start : m.end])
    return _flat(before).lstrip(), name, _flat(after_text).rstrip()


def _flat(raw: str) -> str:
    return re.sub(r"\s+", " ", clean_text(raw))


def _ranges_of(view: ExportView) -> list[tuple[int, int]]:
    return [(p[0].start, p[-1].end) for p in view.paragraphs if p]
