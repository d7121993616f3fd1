"""The help screen (``?``): a key sheet of the reader, grouped by where the keys work.

The groups are read from the classes' own ``BINDINGS`` (most of them come
from ``tui.reader.bindings``), so a binding added to a widget or a dialog shows up
here by itself; ``tests/tui/test_bindings_help.py`` checks that none is missed.
Keys are shown as remapped in ``config.toml``'s ``[keys]`` table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
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
from tui.ui_text import tr, tr_binding

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


@dataclass(frozen=True)
class SheetRow:
    """One line of the key sheet: the keys, what they do, and the binding ids behind it."""

    keys: str
    does: str
    ids: tuple[str, ...]


def _action_name(binding: Binding) -> str:
    return binding.action.partition("(")[0]


def _common_prefix(texts: Sequence[str]) -> str:
    """The characters all ``texts`` begin with."""
    if not texts:
        return ""
    first = texts[0]
    for i, char in enumerate(first):
        if any(i >= len(t) or t[i] != char for t in texts[1:]):
            return first[:i]
    return first


def _join_texts(texts: Sequence[str]) -> str:
    """ "Jump to the next Person / Place" from "Jump to the next Person", "… Place"."""
    prefix = _common_prefix(list(texts))
    prefix = prefix[: prefix.rfind(" ") + 1] if " " in prefix else ""
    rests = [t[len(prefix) :] for t in texts]
    suffix = _common_prefix([r[::-1] for r in rests])[::-1]
    suffix = suffix[suffix.find(" ") :] if " " in suffix else ""
    middles = [r[: len(r) - len(suffix)] for r in rests]
    return prefix + " / ".join(middles) + suffix


def _pairs(key_a: str, key_b: str, does_a: str, does_b: str) -> bool:
    """Two bindings read well as one row: other keys, texts that differ in a word or two."""
    if key_a == key_b or key_a.isdigit():
        return False
    joined = _join_texts([does_a, does_b])
    return len(joined) <= max(len(does_a), len(does_b)) + 8


def _merge(rows: list[tuple[str, str, tuple[str, ...], str]]) -> list[SheetRow]:
    """Number keys for the five labels become "1–5"; pairs of one action (a word more
    and a word less) share a row. ``rows`` hold (keys, does, ids, action name)."""
    merged: list[SheetRow] = []
    i = 0
    while i < len(rows):
        keys, does, ids, action = rows[i]
        run = [rows[i]]
        while (
            i + len(run) < len(rows)
            and rows[i + len(run)][3] == action
            and (keys.isdigit() or len(run) < 2)
        ):
            run.append(rows[i + len(run)])
        if len(run) > 2 and all(r[0].isdigit() for r in run):
            merged.append(
                SheetRow(
                    f"{run[0][0]}–{run[-1][0]}",
                    _join_texts([r[1] for r in run]),
                    tuple(x for r in run for x in r[2]),
                )
            )
        elif len(run) == 2 and _pairs(run[0][0], run[1][0], run[0][1], run[1][1]):
            first, second = run[0][0], run[1][0]
            shared = _common_prefix([first, second])
            shared = shared[: shared.rfind("+") + 1]  # "shift+→ / ←"
            merged.append(
                SheetRow(
                    f"{first} / {second[len(shared) :]}",
                    _join_texts([r[1] for r in run]),
                    run[0][2] + run[1][2],
                )
            )
        else:
            run = run[:1]
            merged.append(SheetRow(keys, does, ids))
        i += len(run)
    return merged


def sheet_rows(bindings: Sequence[Binding], key_display: dict[str, str]) -> list[SheetRow]:
    """The group's rows: bindings that do the same thing share one row ("n / tab").

    Escape ends a search both while typing (the search bar's binding) and after
    enter (the article's); the student sees one "esc  End the search".
    """
    by_text: dict[str, tuple[list[str], list[str], str]] = {}
    for binding in bindings:
        key = key_display.get(binding.id or "", binding.key)
        keys, ids, _ = by_text.setdefault(
            tr_binding(binding.tooltip or binding.description), ([], [], _action_name(binding))
        )
        if key not in keys:
            keys.append(key)
        ids.append(binding.id or "")
    rows = [
        (" / ".join(keys), does, tuple(ids), action)
        for does, (keys, ids, action) in by_text.items()
    ]
    return _merge(rows)


def _group(title: str, rows: list[SheetRow], accent: str, key_width: int) -> Group:
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=key_width, no_wrap=True, overflow="fold")
    grid.add_column(ratio=1)
    for row in rows:
        grid.add_row(Text(row.keys, style=f"bold {accent}"), Text(row.does))
    return Group(Text(title, style="bold"), grid)


def _height(rows: list[SheetRow], width: int) -> int:
    """Lines a group takes in a column ``width`` wide for its texts (title included)."""
    return 1 + sum(max(1, -(-len(r.does) // max(width, 1))) for r in rows)


def key_sheet(groups: list[tuple[str, list[SheetRow]]], accent: str, width: int) -> Table:
    """The groups in two columns, filled in order so each column is about as tall."""
    key_width = min(14, max((len(r.keys) for _, rows in groups for r in rows), default=4))
    text_width = (width - 3) // 2 - key_width - 1
    heights = [_height(rows, text_width) for _, rows in groups]
    half, split, acc = sum(heights) / 2, len(groups), 0
    for i, h in enumerate(heights):
        if acc + h / 2 > half:
            split = i
            break
        acc += h
    sheet = Table.grid(padding=(0, 3), expand=True)
    sheet.add_column(ratio=1)
    sheet.add_column(ratio=1)
    columns = (groups[:split], groups[split:])
    sheet.add_row(
        *(Group(*(_group(t, rows, accent, key_width) for t, rows in col)) for col in columns)
    )
    return sheet


class HelpScreen(ModalScreen[None]):
    """The reader's keys as a sheet; any of escape, q or ? closes it."""

    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 120;
        max-width: 100%;
        height: auto;
        max-height: 100%;
        border: round $accent;
        border-title-color: $text;
        border-title-style: bold;
        border-subtitle-color: $text-muted;
        background: $surface;
        padding: 0 1;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(HELP_BINDINGS)

    def __init__(self, groups: list[BindingGroup], key_display: dict[str, str]) -> None:
        super().__init__()
        self.groups = [  # titles stay English in `kontext keys --list`, shown translated here
            (tr(title), sheet_rows(bindings, key_display)) for title, bindings in groups if bindings
        ]
        self.plain = "\n".join(
            f"{title}\n" + "\n".join(f"{r.keys}  {r.does}" for r in rows)
            for title, rows in self.groups
        )

    def compose(self) -> ComposeResult:
        scroll = VerticalScroll()
        scroll.border_title = tr("Kontext: keys")
        scroll.border_subtitle = Text(  # Text: "[keys]" is not markup
            tr(
                "esc to close · every key is in the palette (ctrl+p) · change them in "
                "config.toml [keys], ids: kontext keys --list"
            )
        )
        with scroll:
            yield Static(id="sheet")

    def on_mount(self) -> None:
        self.draw()

    def on_resize(self) -> None:
        self.draw()

    def draw(self) -> None:
        accent = self.app.get_css_variables().get("accent", "cyan")
        width = min(self.size.width, 120) - 4  # border and padding
        self.query_one("#sheet", Static).update(key_sheet(self.groups, accent, width))

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


def key_table_source() -> str:
    """``tui/key_table.py`` for the current bindings (``python -m tui.reader.screens.help``).

    ``kontext keys --list`` must not import textual, so it reads this plain copy;
    tests/tui/test_key_table.py fails when the copy no longer matches.
    """
    rows = [
        (title, b.id or "", b.key, b.tooltip or b.description)
        for title, bindings in binding_groups()
        for b in bindings
    ]
    lines = [
        '"""The reader\'s keys as plain data, for ``kontext keys --list`` (no textual import).',
        "",
        "Generated by ``python -m tui.reader.screens.help > tui/key_table.py`` from the",
        "bindings; tests/tui/test_key_table.py fails when it no longer matches them.",
        '"""',
        "",
        "from __future__ import annotations",
        "",
        "# (where the key works, binding id, keys as config.toml names them, what it does)",
        "KeyRow = tuple[str, str, str, str]",
        "",
        "KEYS: tuple[KeyRow, ...] = (",
        *(f"    {row!r}," for row in rows),
        ")",
    ]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(key_table_source(), end="")
