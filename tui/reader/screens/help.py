"""The help screen (``?``): every binding of the reader, grouped by where it works.

The groups are read from the classes' own ``BINDINGS`` (most of them come
from ``tui.reader.bindings``), so a binding added to a widget or a dialog shows up
here by itself; ``tests/tui/test_bindings_help.py`` checks that none is missed.
Keys are shown as remapped in ``config.toml``'s ``[keys]`` table.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, ClassVar

from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.reader.bindings import (
    APP_BINDINGS,
    HELP_BINDINGS,
    READING_BINDINGS,
    SEARCH_BINDINGS,
    SELECTION_BINDINGS,
)

if TYPE_CHECKING:
    from textual.app import ComposeResult
    from textual.dom import DOMNode

BindingGroup = tuple[str, tuple[Binding, ...]]


def own_bindings(*classes: type[DOMNode]) -> tuple[Binding, ...]:
    """The bindings the classes declare themselves (not those they inherit from Textual)."""
    found: list[Binding] = []
    for cls in classes:
        for item in cls.__dict__.get("BINDINGS", ()):
            found.append(item if isinstance(item, Binding) else Binding(*item))
    return tuple(found)


def binding_groups() -> list[BindingGroup]:
    """Every binding of the reader, in help order: (where it works, bindings)."""
    from tui.reader.screens.article_map import ArticleMapScreen
    from tui.reader.screens.define import DefineScreen
    from tui.reader.screens.dialog import Dialog
    from tui.reader.screens.export import ExportScreen
    from tui.reader.screens.label_picker import LabelPicker
    from tui.reader.screens.labels import LabelsScreen
    from tui.reader.screens.note import NoteScreen
    from tui.reader.widgets.entity_card import EntityCard
    from tui.reader.widgets.entity_list import EntityList
    from tui.reader.widgets.entity_panel import EntityFilter
    from tui.reader.widgets.search_bar import SearchBar

    return [
        ("Reading the article", READING_BINDINGS),
        ("Anywhere in the reader", APP_BINDINGS),
        ("Searching (after /)", SEARCH_BINDINGS + own_bindings(SearchBar)),
        ("Selecting a passage (after v or b)", SELECTION_BINDINGS),
        ("Entity list and its filter (l)", own_bindings(EntityList, EntityFilter)),
        ("Entity card (enter)", own_bindings(EntityCard)),
        ("Label switches (h)", own_bindings(LabelsScreen)),
        ("Choosing a label (t, v)", own_bindings(LabelPicker)),
        ("Article map (m)", own_bindings(ArticleMapScreen)),
        ("Dialogs", own_bindings(Dialog, NoteScreen, DefineScreen, ExportScreen)),
        ("This help", own_bindings(HelpScreen)),
    ]


def help_table(
    title: str, bindings: Sequence[Binding], key_display: dict[str, str], *, header: bool
) -> Table:
    """One group; fixed column widths so the groups line up."""
    table = Table(
        box=None,
        show_header=header,
        header_style="bold",
        expand=True,
        title=Text(title, style="bold"),
        title_justify="left",
    )
    table.add_column("Key", width=16)
    table.add_column("Does", ratio=1)
    table.add_column("Id", style="dim", no_wrap=True, width=24)
    for key, does, ids in merged_rows(bindings, key_display):
        table.add_row(Text(key), Text(does), Text("\n".join(ids)))
    return table


def merged_rows(
    bindings: Sequence[Binding], key_display: dict[str, str]
) -> list[tuple[str, str, list[str]]]:
    """(key, what it does, ids): bindings with the same key and text share one row.

    Escape ends a search both while typing (the search bar's binding) and after
    enter (the article's); the student sees one "esc  End the search".
    """
    rows: dict[tuple[str, str], list[str]] = {}
    for binding in bindings:
        key = key_display.get(binding.id or "", binding.key)
        rows.setdefault((key, binding.tooltip or binding.description), []).append(binding.id or "")
    return [(key, does, ids) for (key, does), ids in rows.items()]


class HelpScreen(ModalScreen[None]):
    """Lists the reader's bindings; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 120;
        max-width: 100%;
        height: 90%;
        border: round $accent;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(HELP_BINDINGS)

    def __init__(self, groups: list[BindingGroup], key_display: dict[str, str]) -> None:
        super().__init__()
        self.groups = groups
        self.key_display = key_display
        self.plain = "\n".join(
            f"{key_display.get(b.id or '', b.key)} {b.description} {b.tooltip} {b.id}"
            for _, bindings in groups
            for b in bindings
        )

    def compose(self) -> ComposeResult:
        tables = [
            help_table(title, bindings, self.key_display, header=i == 0)
            for i, (title, bindings) in enumerate(self.groups)
            if bindings
        ]
        with VerticalScroll():
            yield Static(Text("Kontext: keys", style="bold"))
            yield Static(Group(*tables))
            yield Static(
                Text(
                    "Every reader key is also in the command palette (ctrl+p), and so is "
                    '“Theme”. Change keys in config.toml\'s [keys] table: id = "key,key".',
                    style="dim",
                )
            )

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)
