"""Readers for the NER corpora Kontext trains and evaluates on.

All of them become ``Sentence`` records: tokens, whether a space follows
each token, and labelled token spans. Label mapping to Kontext's labels
happens here, once: GermEval's OTH is MISC; its ``deriv``/``part`` spans
(e.g. "nordkoreanische" = LOCderiv) are kept apart as ``ignored`` because
Kontext reports them as related mentions, not as names.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

BASE_LABELS = {"PER": "PER", "LOC": "LOC", "ORG": "ORG", "OTH": "MISC", "MISC": "MISC"}


@dataclass(slots=True)
class Sentence:
    tokens: list[str]
    spaces: list[bool]
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, label
    ignored: list[tuple[int, int]] = field(default_factory=list)  # deriv/part spans

    @property
    def text(self) -> str:
        return "".join(
            t + (" " if s else "") for t, s in zip(self.tokens, self.spaces, strict=True)
        )

    def char_offsets(self) -> list[tuple[int, int]]:
        offsets, pos = [], 0
        for token, space in zip(self.tokens, self.spaces, strict=True):
            offsets.append((pos, pos + len(token)))
            pos += len(token) + (1 if space else 0)
        return offsets


def _spans_from_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """(start, end, raw label) spans from BIO2 or IOB1 tags.

    An I- tag after O or after another label starts a span, which reads IOB1
    (wikigold) correctly and is lenient with stray I- tags in BIO2 data.
    """
    spans: list[tuple[int, int, str]] = []
    start, label = None, None
    for i, tag in enumerate([*tags, "O"]):
        prefix, _, raw = tag.partition("-")
        begins = prefix == "B" or (prefix == "I" and label != raw)
        if start is not None and (prefix == "O" or begins or raw != label):
            spans.append((start, i, label or ""))
            start, label = None, None
        if prefix in ("B", "I") and start is None:
            start, label = i, raw
    return spans


def _to_sentence(
    tokens: list[str],
    spaces: list[bool],
    raw_spans: list[tuple[int, int, str]],
    mapping: dict[str, str],
) -> Sentence:
    sentence = Sentence(tokens, spaces)
    for start, end, raw in raw_spans:
        if raw in mapping:
            sentence.spans.append((start, end, mapping[raw]))
        elif raw.endswith(("deriv", "part")) and raw[:3] in BASE_LABELS:
            sentence.ignored.append((start, end))
    return sentence


def read_germeval(path: Path) -> Iterator[Sentence]:
    """GermEval 2014 TSV: ``idx<TAB>token<TAB>outer<TAB>inner``; outer spans only."""
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in [*fh, "\n"]:
            if line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 3 and cols[0].isdigit():
                tokens.append(cols[1])
                tags.append(cols[2])
                continue
            if tokens:
                spans = _spans_from_bio(tags)
                yield _to_sentence(tokens, [True] * len(tokens), spans, BASE_LABELS)
                tokens, tags = [], []


def read_conll(
    path: Path, *, column: int = -1, mapping: dict[str, str] | None = None
) -> Iterator[Sentence]:
    """Whitespace/TAB CoNLL: one token per line, tag in ``column``, blank line between."""
    mapping = mapping or BASE_LABELS
    tokens: list[str] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in [*fh, "\n"]:
            cols = line.split()
            if cols and not cols[0].startswith("-DOCSTART-"):
                tokens.append(cols[0])
                tags.append(cols[column])
                continue
            if tokens:
                spans = _spans_from_bio(tags)
                yield _to_sentence(tokens, [True] * len(tokens), spans, mapping)
                tokens, tags = [], []


def read_newseye(path: Path) -> Iterator[Sentence]:
    """HIPE-2022 TSV (NewsEye): NE-COARSE-LIT column, sentences end at EndOfSentence."""
    mapping = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}  # HumanProd has no Kontext label
    tokens: list[str] = []
    spaces: list[bool] = []
    tags: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith(("#", "TOKEN\t")) or not line.strip():
                continue
            cols = line.rstrip("\n").split("\t")
            misc = cols[-1]
            tokens.append(cols[0])
            tags.append(cols[1])
            spaces.append("NoSpaceAfter" not in misc)
            if "EndOfSentence" in misc:
                yield _to_sentence(tokens, spaces, _spans_from_bio(tags), mapping)
                tokens, spaces, tags = [], [], []
    if tokens:
        yield _to_sentence(tokens, spaces, _spans_from_bio(tags), mapping)
