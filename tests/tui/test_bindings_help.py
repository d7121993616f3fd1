"""Every binding of the reader has an id and a tooltip, and the help screen lists each one.

The bindings are found by walking the code, not by asking the help screen: the
app, and every widget and screen class defined in tui/reader/widgets and tui/reader/screens.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect
import pkgutil

from textual.binding import Binding
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


def _help_rows(app: KontextApp) -> dict[str, list[str]]:
    """Binding id -> the help screen's rows for it, wrapped lines joined, the id left out."""
    entries: list[list[str]] = []
    shared: list[list[str]] = []  # more ids of the entry's row (same key, same text)
    for line in screen_text(app).splitlines():
        if "│" not in line or not (raw := line.split("│")[1]).strip():
            continue
        if raw[:12].strip() or not entries:  # a key (or a title) in the first column
            entries.append(raw.split())
            shared.append([])
        elif not raw[:-26].strip():  # only the id column: one more binding on this row
            shared[-1].append(raw.strip())
        else:  # the tooltip went on to this line
            entries[-1].extend(["\0", *raw.split()])
    rows: dict[str, list[str]] = {}
    for words, more_ids in zip(entries, shared, strict=True):
        first_line = words[: words.index("\0")] if "\0" in words else words
        binding_id = words.pop(len(first_line) - 1)  # the first line's last column
        text = [w for w in words if w != "\0"]
        for each in (binding_id, *more_ids):
            rows.setdefault(each, []).append(" ".join(text) + " ")
    return rows


def test_the_help_screen_lists_every_binding_with_its_key_and_tooltip() -> None:
    bindings = [item for _, item in declared_bindings() if isinstance(item, Binding)]

    async def scenario() -> None:
        app = make_app(DEMO.article, annotate=lambda a: DEMO)
        async with app.run_test(size=(130, 200)) as pilot:  # tall enough: no scrolling
            await settle(pilot)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            shown = screen_text(app)
            for title in ("Reading the article", "Entity list", "Entity card", "Dialogs"):
                assert title in shown
            rows = _help_rows(app)
            missing = [b.id for b in bindings if b.id not in rows]
            assert not missing, f"not on the help screen: {missing}"
            for binding in bindings:
                key = binding.key_display or app.get_key_display(binding)
                assert any(
                    row.startswith(f"{key} ") and f" {binding.tooltip} " in row
                    for row in rows[binding.id or ""]
                ), (binding.id, rows[binding.id or ""])

    asyncio.run(scenario())


def test_help_lists_esc_end_the_search_once_and_the_search_then_v_way_to_add() -> None:
    async def scenario() -> None:
        app = make_app(DEMO.article, annotate=lambda a: DEMO)
        async with app.run_test(size=(130, 200)) as pilot:
            await settle(pilot)
            await pilot.press("question_mark")
            await pilot.pause()
            shown = screen_text(app)
            assert shown.count("End the search") == 1, shown
            assert "search, then v" in shown

    asyncio.run(scenario())
