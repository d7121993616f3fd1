"""The article map (``m``): per entity, a strip across the article's length with a
mark where each mention falls, in its label's style, sorted by count, and the
entities it shares paragraphs with most often. Enter dismisses with the entity
(the reader jumps to it), escape with None; keyboard only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar

from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from enrich.article_map import MapRow, bins
from enrich.model import Label
from tui.reader.bindings import ARTICLE_MAP_BINDINGS
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.app import ComposeResult

NAME_CELLS = 22
STRIP_CELLS = 32
MARKS = " ▂▄▆█"  # none, then one, two, three, four or more mentions in a cell


def strip_text(row: MapRow, length: int, style: Style, width: int = STRIP_CELLS) -> Text:
    """The strip: a baseline, and a bar where mentions fall (taller for more)."""
    text = Text()
    for n in bins(row.positions, length, width):
        if n:
            text.append(MARKS[min(n, len(MARKS) - 1)], style=style)
        else:
            text.append("·", style="dim")
    return text


def row_text(row: MapRow, length: int, style: Style, width: int) -> Text:
    """Name, count, strip and "with …" on one line of ``width`` cells: plain Text
    (names are untrusted)."""
    name = row.name if len(row.name) <= NAME_CELLS else row.name[: NAME_CELLS - 1] + "…"
    text = Text(no_wrap=True, overflow="ellipsis")  # one line a row, however many partners
    text.append(f"{name:<{NAME_CELLS}}", style=style)
    text.append(f"{row.count:>4} ")
    text.append_text(strip_text(row, length, style))
    if row.appears_with:
        text.append(tr("  with "), style="dim")
        text.append(", ".join(f"{n} ({k})" for n, k in row.appears_with))
    text.truncate(width, overflow="ellipsis")
    return text


class ArticleMapScreen(ModalScreen[str | None]):
    """One row per entity; up/down to move, enter to jump, escape to close."""

    DEFAULT_CSS = """
    ArticleMapScreen { align: center middle; }
    ArticleMapScreen > Vertical {
        width: 95%;
        height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    ArticleMapScreen OptionList, ArticleMapScreen OptionList:focus {
        border: none;
        padding: 0;
        height: 1fr;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(ARTICLE_MAP_BINDINGS)

    def __init__(self, rows: list[MapRow], length: int, styles: Mapping[Label, Style]) -> None:
        """``styles`` are the article's label styles (colour, or text style under NO_COLOR)."""
        super().__init__()
        self.rows = rows
        self.length = length
        self.label_styles = styles

    def compose(self) -> ComposeResult:
        with Vertical():
            heading = Text(tr("Article map"), style="bold")
            heading.append(
                tr(
                    "  start {line} end   enter: go there · escape: close",
                    line="─" * (STRIP_CELLS - 10),
                ),
                style="dim",
            )
            yield Static(heading)
            width = max(int(self.app.size.width * 0.95) - 6, NAME_CELLS + STRIP_CELLS + 6)
            options = [
                Option(
                    row_text(r, self.length, self.label_styles[Label(r.label)], width),
                    id=r.entity_id,
                )
                for r in self.rows
            ]
            if not options:
                options = [
                    Option(Text(tr("No entities in this article."), style="dim"), disabled=True)
                ]
            yield OptionList(*options, id="article-map")

    def on_mount(self) -> None:
        map_list = self.query_one(OptionList)
        map_list.highlighted = 0 if self.rows else None
        map_list.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.dismiss(message.option.id)

    def action_close(self) -> None:
        self.dismiss(None)
