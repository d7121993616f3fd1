"""Literal text search for the article view: case- and accent-insensitive.

The article is folded once (``str.casefold``, compatibility decomposition, no
combining marks), so "strasse" finds "Straße" and "muller" finds "Müller".
Most characters fold to one character and are translated in C; the few that
fold to more or fewer ("ß" to "ss", a lone combining mark to nothing) are
recorded as segments, so match offsets map back to offsets into
``Article.text``. A query is then one ``re.finditer`` over the folded text:
a common letter in a 100,000-word article takes milliseconds, not a frame.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field


def fold_char(char: str) -> str:
    """What one character looks like to the search: lower case, no accents."""
    decomposed = unicodedata.normalize("NFKD", char.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """``text`` as the search compares it (also used to filter the entity list)."""
    return "".join(fold_char(c) for c in text)


class FoldedText:
    """The folded article plus the map from folded offsets back to the original."""

    def __init__(self, text: str) -> None:
        self.text = text
        table: dict[int, str] = {}
        irregular: dict[str, str] = {}
        for char in set(text):
            folded = fold_char(char)
            if folded == char:
                continue
            if len(folded) == 1:
                table[ord(char)] = folded
            else:
                irregular[char] = folded
        base = text.translate(table)
        # Combining marks left in the text belong to the character before them.
        self._marks = any(unicodedata.combining(c) for c in irregular)
        # Segments where the lengths differ: folded start, original offset, folded length.
        self._fstarts: list[int] = []
        self._ostarts: list[int] = []
        self._flens: list[int] = []
        if not irregular:
            self.folded = base
            return
        pieces: list[str] = []
        pattern = re.compile("[" + "".join(re.escape(c) for c in irregular) + "]")
        orig, shift = 0, 0  # shift = folded offset - original offset
        for match in pattern.finditer(text):
            pos = match.start()
            pieces.append(base[orig:pos])
            folded = irregular[match.group()]
            pieces.append(folded)
            self._fstarts.append(pos + shift)
            self._ostarts.append(pos)
            self._flens.append(len(folded))
            shift += len(folded) - 1
            orig = pos + 1
        pieces.append(base[orig:])
        self.folded = "".join(pieces)

    def to_original(self, folded_start: int, folded_end: int) -> tuple[int, int]:
        """The original (start, end) of a folded range: whole characters, marks included."""
        return self.ranges_to_original([folded_start], folded_end - folded_start)[0]

    def ranges_to_original(self, starts: list[int], length: int) -> list[tuple[int, int]]:
        """Original ranges of folded ranges ``[s, s + length)``, in one tight loop."""
        if not self._fstarts:
            ranges = [(s, s + length) for s in starts]
        else:
            ranges = self._map_ranges(starts, length)
        if not self._marks:
            return ranges
        text, size = self.text, len(self.text)
        widened = []
        for start, end in ranges:
            while end < size and unicodedata.combining(text[end]):
                end += 1
            widened.append((start, end))
        return widened

    def _map_ranges(self, starts: list[int], length: int) -> list[tuple[int, int]]:
        """Ranges between two expansions share one shift: map those slices in bulk."""
        index, last = self._original_index, length - 1
        ranges: list[tuple[int, int]] = []
        lo, shift = 0, 0
        for fstart, flen in [*zip(self._fstarts, self._flens, strict=True), (1 << 62, 1)]:
            plain_end = bisect_right(starts, fstart - length, lo)  # fits before the expansion
            ranges += [(s - shift, s + length - shift) for s in starts[lo:plain_end]]
            lo = bisect_left(starts, fstart + flen, plain_end)
            ranges += [(index(s), index(s + last) + 1) for s in starts[plain_end:lo]]
            shift += flen - 1
        return ranges

    @property
    def has_expansions(self) -> bool:
        return bool(self._fstarts)

    def _original_index(self, pos: int) -> int:
        """The original character that folded character ``pos`` comes from."""
        i = bisect_right(self._fstarts, pos) - 1
        if i < 0:
            return pos
        fstart, ostart, flen = self._fstarts[i], self._ostarts[i], self._flens[i]
        if pos < fstart + flen:  # inside an expansion such as "ss" for "ß"
            return ostart
        return ostart + 1 + (pos - fstart - flen)


@dataclass
class SearchResult:
    """The matches of one query, in text order (never overlapping), and the current one."""

    query: str
    matches: list[tuple[int, int]] = field(default_factory=list)
    current: int | None = None
    starts: list[int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.starts = [s for s, _ in self.matches]

    def in_range(self, start: int, end: int) -> range:
        """Indices of the matches overlapping [start, end)."""
        first = max(0, bisect_left(self.starts, start) - 1)
        if first < len(self.matches) and self.matches[first][1] <= start:
            first += 1
        return range(first, bisect_left(self.starts, end))

    def status(self) -> str:
        """What the search bar shows: "3/17" or "no match"."""
        if not self.query:
            return ""
        if not self.matches:
            return "no match"
        return f"{(self.current or 0) + 1}/{len(self.matches)}"

    def step(self, step: int) -> int | None:
        """Make the next (or previous) match current, wrapping around."""
        if not self.matches:
            return None
        if self.current is None:
            self.current = 0 if step > 0 else len(self.matches) - 1
        else:
            self.current = (self.current + step) % len(self.matches)
        return self.current

    def first_from(self, offset: int) -> int | None:
        """Make the first match at or after ``offset`` current (wrapping to the first)."""
        if not self.matches:
            return None
        i = bisect_left(self.starts, offset)
        self.current = i if i < len(self.matches) else 0
        return self.current


def search(folded: FoldedText, query: str) -> SearchResult:
    """Every occurrence of ``query`` as literal text, case and accents ignored."""
    needle = fold(query)
    if not needle:
        return SearchResult(query)
    starts = [m.start() for m in re.finditer(re.escape(needle), folded.folded)]
    ranges = folded.ranges_to_original(starts, len(needle))
    if not folded.has_expansions:
        return SearchResult(query, ranges)
    matches: list[tuple[int, int]] = []
    last_end = 0
    for start, end in ranges:
        if start >= last_end:  # "s" twice inside one "ß" is one match
            matches.append((start, end))
            last_end = end
    return SearchResult(query, matches)
