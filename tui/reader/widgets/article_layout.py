"""The article's wrapped lines: (start, end) character ranges, one per screen line.

Rebuilt only when the width changes. Offsets stay offsets into
``Article.text``, so a reading position survives a resize as an offset, not
as a line number.
"""

from __future__ import annotations

from bisect import bisect_right

from enrich.model import Article
from tui.reader.widgets.wrap import drawn_cells, wrap_paragraph

MAX_WIDTH = 88  # readable line length, in cells
BLANK = (-1, -1)  # the empty line between two paragraphs


class ArticleLayout:
    """Wrapped lines of one article at one width, and the maps between lines and offsets."""

    def __init__(self, article: Article, width: int) -> None:
        self.text = article.text
        self.width = width
        self.wrap_width = min(MAX_WIDTH, max(10, width - 2))
        self.margin = max(1, (width - self.wrap_width) // 2) if width > self.wrap_width else 0
        lines: list[tuple[int, int]] = []
        for i, p in enumerate(article.paragraphs):
            if i:
                lines.append(BLANK)
            lines.extend(wrap_paragraph(self.text, p.start, p.end, self.wrap_width))
        self.lines = lines
        # A blank line "starts" where the paragraph before it ends.
        self.starts = [
            s if s >= 0 else (lines[i - 1][1] if i else 0) for i, (s, _) in enumerate(lines)
        ]

    def __len__(self) -> int:
        return len(self.lines)

    def line_of(self, offset: int) -> int:
        """Index of the wrapped line showing character ``offset``."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def text_start(self, index: int) -> int:
        """Offset of the first character shown on line ``index`` or, if blank, after it."""
        for start, _ in self.lines[index:]:
            if start >= 0:
                return start
        return len(self.text)

    def column_of(self, offset: int) -> int:
        """Screen column (after the margin) of character ``offset`` on its line."""
        start, _ = self.lines[self.line_of(offset)]
        return 0 if start < 0 else drawn_cells(self.text[start:offset])

    def offset_at(self, index: int, column: int, *, clamp: bool = False) -> int | None:
        """Offset of the character at ``column`` of line ``index``.

        None outside the text, or with ``clamp`` the line's last character.
        """
        if not 0 <= index < len(self.lines):
            return None
        start, end = self.lines[index]
        if start < 0 or (column < 0 and not clamp):
            return None
        cells = 0
        for i in range(start, end):
            cells += drawn_cells(self.text[i])
            if cells > column:
                return i
        if not clamp:
            return None
        stripped = self.text[start:end].rstrip()
        return start + max(0, len(stripped) - 1)
