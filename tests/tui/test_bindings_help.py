"""Every binding of the reader has an id and a tooltip, and the help screen lists each one.

The bindings are found by walking the code, not by asking the help screen: the
app, and every widget and screen class defined in tui/reader/widgets and tui/reader/screens.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from typing import Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode

import tui.reader.screens
import tui.reader.widgets
from tests.tui.helpers import demo_annotation, make_app, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.screens.help import HelpScreen

DEMO = demo_annotation()


def declared_bindings() -> list[tuple[str, object]]:
    """(class name, item) for every item in a BINDINGS list of the reader's own classes."""
    classes: list[type] = [KontextApp]
    for package in (tui.reader.widgets, tui.reader.screens):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            classes += [
                cls
                for _, cls in inspect.getmembers(module, inspect.isclass)
                if issubclass(cls, DOMNode) and cls.__module__ == module.__name__
            ]
    found = []
    for cls in classes:
        for item in cls.__dict__.get("BINDINGS", ()):
            found.append((cls.__name__, item))
    return found


def test_the_walk_finds_the_bindings_of_widgets_and_dialogs() -> None:
    owners = {owner for owner, _ in declared_bindings()}
    assert {"KontextApp", "ArticleView", "EntityList", "EntityCard", "LabelPicker"} <= owners
    assert {"Dialog", "NoteScreen", "HelpScreen", "LabelsScreen", "SearchBar"} <= owners


def test_every_binding_has_an_id_a_description_and_a_tooltip() -> None:
    problems = []
    by_id: dict[str, Binding] = {}
    for owner, item in declared_bindings():
        if not isinstance(item, Binding):
            problems.append(f"{owner}: {item!r} is not a Binding (no id)")
            continue
        if not (item.id and item.description and item.tooltip):
            problems.append(f"{owner}: {item.key} -> {item.action} lacks id/description/tooltip")
        if item.id in by_id and by_id[item.id] != item:
            problems.append(f"{owner}: id {item.id} is used by two different bindings")
        by_id.setdefault(item.id or "", item)
    assert not problems, "\n".join(problems)


async def _open_help(size: tuple[int, int], check: Any) -> None:
    """Run ``check(app)`` with the help screen open at ``size``."""
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        check(app)


async def test_the_key_sheet_lists_every_binding_with_its_keys_beside_its_text() -> None:
    bindings = [item for _, item in declared_bindings() if isinstance(item, Binding)]

    def check(app: KontextApp) -> None:
        screen = app.screen
        assert isinstance(screen, HelpScreen)
        shown = screen_text(app)
        for title in ("Reading the article", "Entity list", "Entity card", "Dialogs"):
            assert title in shown
        rows = {i: row for _, group in screen.groups for row in group for i in row.ids}
        missing = [b.id for b in bindings if b.id not in rows]
        assert not missing, f"not on the help screen: {missing}"
        lines = shown.splitlines()
        for binding in bindings:
            row = rows[binding.id or ""]
            key = binding.key_display or app.get_key_display(binding)
            # Its key is in the row's keys (merged "n / tab", "shift+→ / ←", or "1–5").
            assert key in row.keys or key[-1:] in row.keys or row.keys[:1].isdigit(), (
                binding.id,
                row,
            )
            first_words = " ".join(row.does.split()[:3])
            assert any(f" {row.keys} " in line and f" {first_words}" in line for line in lines), (
                binding.id,
                row,
            )

    await _open_help((130, 200), check)


SHEET_WORDS = {
    "de": ("Die Hilfe schließen", "Nächste Erwähnung", "esc schließen", "Ort", "Im Artikel lesen"),
    "en": ("Close the help", "Next entity mention", "esc to close", "Place", "Reading the article"),
}


async def test_the_key_sheet_fits_120x40_has_no_id_column_and_says_how_to_close(
    ui_language: str,
) -> None:
    """In German and in English: the interface language's words, one page at 120×40."""
    close, next_mention, esc, place, reading = SHEET_WORDS[ui_language]
    other = SHEET_WORDS["en" if ui_language == "de" else "de"]
    ids = [
        item.id
        for _, item in declared_bindings()
        if isinstance(item, Binding) and item.id and "-" in item.id
    ]

    def check(app: KontextApp) -> None:
        shown = screen_text(app)
        scroll = app.screen.query_one(VerticalScroll)
        assert scroll.max_scroll_y == 0, "the help scrolls at 120×40"
        assert close in shown and next_mention in shown and reading in shown
        assert esc in shown
        assert other[0] not in shown and other[1] not in shown  # not the other language
        assert not [i for i in ids if i in shown], "binding ids on the help screen"
        assert "n / tab" in shown and "1–5" in shown
        assert "LOC" not in shown and place in shown  # label names in words

    await _open_help((120, 40), check)


async def test_help_lists_esc_end_the_search_once_and_the_search_then_v_way_to_add() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(130, 200)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        shown = screen_text(app)
        assert shown.count("End the search") == 1, shown
        assert "search, then v" in shown
