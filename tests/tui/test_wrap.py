"""The word wrap's one-cell fast path gives exactly the cell-counting loop's lines."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.reader.widgets import wrap

ONE_CELL = st.sampled_from([*"abcXYZäöüßÄ0129.,;-–„“€", " ", " ", " ", "\n", "\t", "\xa0"])


def _loop(text: str, width: int) -> list[tuple[int, int]]:
    """The cell-counting loop: the fast path is off while every character counts as unsafe."""
    saved = wrap._NOT_ONE_CELL
    wrap._NOT_ONE_CELL = re.compile(r"[\s\S]")
    try:
        return wrap.wrap_paragraph(text, 0, len(text), width)
    finally:
        wrap._NOT_ONE_CELL = saved


@settings(max_examples=400, deadline=None)
@given(
    words=st.lists(st.text(ONE_CELL, min_size=1, max_size=30), min_size=1, max_size=40),
    width=st.integers(min_value=2, max_value=40),
)
def test_fast_path_matches_the_cell_counting_loop(words: list[str], width: int) -> None:
    text = "".join(words).lstrip() or "x"
    assert wrap._NOT_ONE_CELL.search(text) is None
    assert wrap.wrap_paragraph(text, 0, len(text), width) == _loop(text, width)


def test_lines_never_exceed_the_width_except_trailing_spaces() -> None:
    text = "Der Bundestag hat am Donnerstag ein Gesetz beschlossen, " * 20 + "x" * 95
    lines = wrap.wrap_paragraph(text, 0, len(text), 30)
    assert "".join(text[s:e] for s, e in lines) == text
    assert all(len(text[s:e].rstrip()) <= 30 for s, e in lines)
    assert text[lines[-1][0] : lines[-1][1]] == "x" * 5  # a 95-letter word is cut 30+30+30+5


def test_wide_characters_still_count_two_cells() -> None:
    text = "東京 " * 20
    lines = wrap.wrap_paragraph(text, 0, len(text), 10)
    assert all(sum(2 if c != " " else 1 for c in text[s:e].rstrip()) <= 10 for s, e in lines)
