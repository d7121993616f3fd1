"""Keyboard selection of a passage: word steps and trimming, independent of the screen.

A selection is a half-open character range into ``Article.text``. The keys
move its end (arrows, ``w``/``b``) or its start (shift+arrows); when the start
passes the end the selection becomes the one word there, so shift+right walks
a one-word selection through the text. What is chosen is trimmed: a missed
entity loses the quotes, brackets and punctuation around it, a bookmark only
the whitespace.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word: letters/digits joined by inner hyphens or apostrophes ("Sung-kwon", "O'Brien").
_WORD = re.compile(r"\w+(?:[-'’]\w+)*")
_WORD_START = re.compile(r"(?<!\w)(?<!\w[-'’])\w")
_WINDOW = 400  # how far back a step looks for word boundaries

# Quotes, brackets and punctuation that surround a name rather than belong to it.
_AROUND = frozenset("\"'„“”‚‘’«»‹›()[]{}<>¿¡*_-–—/,;:!?…")
_PAIRS = {")": "(", "]": "[", "}": "{"}


@dataclass(frozen=True, slots=True)
class Selection:
    """What the student is selecting, and what for ("add-entity", "bookmark", ...)."""

    purpose: str
    start: int
    end: int


def word_at(text: str, offset: int) -> tuple[int, int]:
    """The word at ``offset``, else the next one, else the one before; a character if none."""
    offset = max(0, min(offset, len(text)))
    for match in _WORD.finditer(text, max(0, offset - _WINDOW)):
        if match.end() > offset:
            return match.start(), match.end()
    before = list(_WORD.finditer(text, max(0, offset - _WINDOW), offset))
    if before:
        return before[-1].start(), before[-1].end()
    return offset, min(len(text), offset + 1)


def next_word_end(text: str, pos: int) -> int:
    """End of the first word ending after ``pos`` (``pos`` if there is none)."""
    match = _WORD.search(text, pos)
    return match.end() if match is not None else pos


def previous_word_end(text: str, pos: int, floor: int) -> int:
    """End of the last word ending after ``floor`` and before ``pos`` (else ``pos``)."""
    ends = [m.end() for m in _WORD.finditer(text, max(floor, pos - _WINDOW), pos)]
    ends = [e for e in ends if floor < e < pos]
    return ends[-1] if ends else pos


def next_word_start(text: str, pos: int) -> int:
    """Start of the first word starting after ``pos`` (``pos`` if there is none)."""
    match = _WORD_START.search(text, pos + 1)
    return match.start() if match is not None else pos


def previous_word_start(text: str, pos: int) -> int:
    """Start of the last word starting before ``pos`` (``pos`` if there is none)."""
    starts = [m.start() for m in _WORD_START.finditer(text, max(0, pos - _WINDOW), pos)]
    return starts[-1] if starts else pos


def trim(text: str, start: int, end: int, purpose: str) -> tuple[int, int]:
    """The chosen range without surrounding whitespace (and, for entities, punctuation)."""
    entity = purpose == "add-entity"

    def around(char: str) -> bool:
        return char.isspace() or (entity and (char in _AROUND or char == "."))

    while start < end and around(text[start]):
        start += 1
    while end > start and around(text[end - 1]):
        last = text[end - 1]
        if last in _PAIRS and _PAIRS[last] in text[start : end - 1]:
            break  # "Mitte (rechts)": the bracket belongs to the name
        if last == "." and _is_abbreviation(text[start:end]):
            break
        end -= 1
    return start, end


def _is_abbreviation(chosen: str) -> bool:
    """ "U.S.", "z. B." or a lone initial keep their final full stop."""
    token = chosen.rsplit(None, 1)[-1]
    return len(token) == 2 or "." in token[:-1]
