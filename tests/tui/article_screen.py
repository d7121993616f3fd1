"""Reading the article area off the rendered screen: text and cell styles, as shown.

The strips come from the compositor, so line filters (NO_COLOR) have been
applied: these are the styles the terminal would receive.
"""

from __future__ import annotations

from rich.cells import cell_len
from rich.style import Style
from textual.app import App

from tests.tui.helpers import screen_strips
from tui.reader.widgets.article_view import ArticleView


def article_rows(app: App[None]) -> list[tuple[str, list[tuple[str, Style]]]]:
    """Each screen row of the article view: its text and (text, style) segments."""
    region = app.query_one(ArticleView).region
    strips = screen_strips(app)
    rows = []
    for y in range(region.y, region.bottom):
        strip = strips[y].crop(region.x, region.right)
        segments = [(seg.text, seg.style or Style()) for seg in strip]
        rows.append(("".join(text for text, _ in segments), segments))
    return rows


def article_text(app: App[None]) -> str:
    return "\n".join(text.rstrip() for text, _ in article_rows(app))


def find(app: App[None], needle: str, nth: int = 0) -> tuple[int, int]:
    """(row, cell) of the ``nth`` occurrence of ``needle`` in the article area."""
    seen = 0
    for y, (text, _) in enumerate(article_rows(app)):
        start = text.find(needle)
        while start >= 0:
            if seen == nth:
                return y, cell_len(text[:start])
            seen += 1
            start = text.find(needle, start + 1)
    raise AssertionError(f"{needle!r} (#{nth}) is not on screen")


def style_at(app: App[None], row: int, cell: int) -> Style:
    x = 0
    for text, style in article_rows(app)[row][1]:
        width = cell_len(text)
        if x <= cell < x + width:
            return style
        x += width
    raise AssertionError(f"no cell {cell} in row {row}")


def style_of(app: App[None], needle: str, nth: int = 0, at: int = 0) -> Style:
    """Style of character ``at`` of the ``nth`` occurrence of ``needle`` on screen."""
    row, cell = find(app, needle, nth)
    return style_at(app, row, cell + cell_len(needle[:at]))


def text_style(style: Style) -> tuple[bool, ...]:
    """The non-colour attributes a terminal shows without colour."""
    return tuple(
        bool(getattr(style, flag))
        for flag in ("bold", "dim", "italic", "underline", "overline", "reverse", "strike")
    )
