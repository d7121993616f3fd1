"""Replay the student's corrections over the recognizers' entities.

Corrections are an ordered log, applied last, so they win over every
recognizer, survive re-annotation with another model, and undo is "drop the
last one and replay". A correction finds its target by offsets first and by
its text second, so it still applies when the offsets moved.
"""

from __future__ import annotations

import bisect
import dataclasses
from collections.abc import Iterable

from enrich.model import Annotation, Entity, Label, Mention
from enrich.session.model import Correction


def apply_corrections(annotation: Annotation, corrections: Iterable[Correction]) -> Annotation:
    entities = list(annotation.entities)
    warnings: list[str] = []
    text = annotation.article.text
    for c in corrections:
        if c.op == "add":
            entities = _add(entities, text, c, warnings, annotation.article.language)
        else:
            entities = _change(entities, c, warnings)
    return dataclasses.replace(
        annotation,
        entities=tuple(entities),
        warnings=(*annotation.warnings, *warnings),
    )


def _label(c: Correction, warnings: list[str]) -> Label | None:
    try:
        return Label(c.label)
    except ValueError:
        warnings.append(f"Skipped a correction of {c.text!r}: unknown label {c.label!r}.")
        return None


def _find(entities: list[Entity], c: Correction) -> tuple[int, int] | None:
    """(entity index, mention index) of the correction's target, or None."""
    for i, e in enumerate(entities):
        for j, m in enumerate(e.mentions):
            if m.start == c.start and m.end == c.end and m.text == c.text:
                return i, j
    for i, e in enumerate(entities):  # offsets moved: the same surface still names it
        for j, m in enumerate(e.mentions):
            if m.text == c.text:
                return i, j
    return None


def _change(entities: list[Entity], c: Correction, warnings: list[str]) -> list[Entity]:
    found = _find(entities, c)
    if found is None:
        warnings.append(f"Skipped a correction ({c.op}) of {c.text!r}: it is no longer found.")
        return entities
    i, j = found
    entity = entities[i]
    if c.op == "reject":
        if c.scope == "entity":
            return entities[:i] + entities[i + 1 :]
        rest = entity.mentions[:j] + entity.mentions[j + 1 :]
        if not any(m.kind == "mention" for m in rest):
            return entities[:i] + entities[i + 1 :]
        return [*entities[:i], dataclasses.replace(entity, mentions=rest), *entities[i + 1 :]]
    label = _label(c, warnings)
    if label is None:
        return entities
    mentions = tuple(dataclasses.replace(m, label=label) for m in entity.mentions)
    return [
        *entities[:i],
        dataclasses.replace(entity, label=label, mentions=mentions),
        *entities[i + 1 :],
    ]


def _overlaps(m: Mention, start: int, end: int) -> bool:
    return m.start < end and start < m.end


def _free(occurrences: list[tuple[int, int]], taken: Iterable[tuple[int, int]]) -> list[bool]:
    """For each occurrence (sorted, not overlapping): does no taken span overlap it?

    One pass over the mentions, each looked up by bisection among the
    occurrences: O(mentions × log occurrences), not mentions × occurrences.
    """
    starts = [s for s, _ in occurrences]
    free = [True] * len(occurrences)
    for start, end in taken:
        j = bisect.bisect_left(starts, end) - 1  # the last occurrence starting before ``end``
        while j >= 0 and occurrences[j][1] > start:
            free[j] = False
            j -= 1
    return free


def _is_word(ch: str) -> bool:
    """What ``\\w`` matches: alphanumerics and the underscore."""
    return ch.isalnum() or ch == "_"


def _occurrences(text: str, surface: str) -> list[tuple[int, int]]:
    """Whole-word occurrences of ``surface``: adding "Yonhap" once marks every "Yonhap".

    ``str.find`` instead of a regex with look-arounds: ten times faster on a
    100,000-word article, with the same word boundaries as ``(?<!\\w)…(?!\\w)``.
    """
    spans: list[tuple[int, int]] = []
    size, n = len(text), len(surface)
    if not n:
        return spans
    at = text.find(surface)
    while at >= 0:
        end = at + n
        if (at == 0 or not _is_word(text[at - 1])) and (end == size or not _is_word(text[end])):
            spans.append((at, end))
            at = text.find(surface, end)
        else:
            at = text.find(surface, at + 1)
    return spans


def _add(
    entities: list[Entity], text: str, c: Correction, warnings: list[str], lang: str = ""
) -> list[Entity]:
    label = _label(c, warnings)
    if label is None:
        return entities
    start, end = c.start, c.end
    occurrences = _occurrences(text, c.text) if c.text.strip() else []
    if text[start:end] != c.text or not c.text.strip():
        if not occurrences:
            warnings.append(f"Skipped adding {c.text!r}: it is no longer in the text.")
            return entities
        start, end = occurrences[0]
    # The student's span wins over any recognizer mention it overlaps.
    kept: list[Entity] = []
    for e in entities:
        rest = tuple(m for m in e.mentions if not _overlaps(m, start, end))
        if any(m.kind == "mention" for m in rest):
            kept.append(
                e if len(rest) == len(e.mentions) else dataclasses.replace(e, mentions=rest)
            )
    spans = [(start, end)]
    if c.scope == "entity" and lang == "de" and len(c.text) > 3 and c.text[-1:].isalpha():
        # The genitive ("Baerbocks") is the same entity, even where a recognizer
        # made it one of its own.
        genitives = set(_occurrences(text, c.text + "s"))
        occurrences = sorted([*occurrences, *genitives])
        kept = [
            dataclasses.replace(
                e, mentions=tuple(m for m in e.mentions if (m.start, m.end) not in genitives)
            )
            for e in kept
        ]
        kept = [e for e in kept if any(m.kind == "mention" for m in e.mentions)]
    if c.scope == "entity":
        # The student's own span is taken too: an occurrence overlapping it is not another one.
        taken = [(start, end), *((m.start, m.end) for e in kept for m in e.mentions)]
        free = _free(occurrences, taken)
        spans += [span for span, ok in zip(occurrences, free, strict=True) if ok]
    mentions = [Mention(s, t, text[s:t], label, "user") for s, t in sorted(spans)]
    for i, e in enumerate(kept):  # the same name and label: one entity, not two
        if e.label == label and e.name.casefold() == c.text.casefold():
            merged = tuple(sorted((*e.mentions, *mentions), key=lambda m: (m.start, m.end)))
            kept[i] = dataclasses.replace(e, mentions=merged)
            return kept

    from enrich.nlp.clustering import slug  # not at the reader's start-up

    used = {e.id for e in kept}
    base = f"{label.lower()}-{slug(c.text)}"
    ident, n = base, 1
    while ident in used:
        n += 1
        ident = f"{base}-{n}"
    kept.append(Entity(ident, c.text, label, tuple(mentions)))
    kept.sort(key=lambda e: min((m.start for m in e.mentions), default=0))
    return kept
