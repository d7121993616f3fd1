"""Word wrap for the article view, in screen cells, keeping offsets into the text."""

from __future__ import annotations

import re

from rich.cells import cell_len

_WORD = re.compile(r"(\S+)(\s*)")


def drawn_cells(text: str) -> int:
    """Cells ``text`` takes on screen: tabs and newlines inside a paragraph are drawn as
    one space each, though ``cell_len`` counts them as zero."""
    return cell_len(text) + sum(1 for c in text if c in "\t\n\r")


def wrap_paragraph(text: str, start: int, end: int, width: int) -> list[tuple[int, int]]:
    """Greedy word wrap of ``text[start:end]`` into (start, end) ranges of at most ``width`` cells.

    Words longer than a line are cut. Offsets stay offsets into ``text``.
    """
    width = max(1, width)
    lines: list[tuple[int, int]] = []
    line_start, cells = start, 0  # cells of text[line_start:pos], trailing spaces included
    for match in _WORD.finditer(text, start, end):
        word_start, word_end, space_end = match.start(), match.end(1), match.end()
        word_cells = cell_len(text[word_start:word_end])
        if word_start > line_start and cells + word_cells > width:
            lines.append((line_start, word_start))
            line_start, cells = word_start, 0
        if word_cells > width:
            piece, piece_cells = line_start, cells
            for i in range(word_start, word_end):
                ch = cell_len(text[i])
                if piece_cells + ch > width and i > piece:
                    lines.append((piece, i))
                    piece, piece_cells = i, 0
                piece_cells += ch
            line_start, cells = piece, piece_cells
        else:
            cells += word_cells
        cells += drawn_cells(text[word_end:space_end])
    if line_start < end or not lines:
        lines.append((line_start, end))
    return lines
