"""The command palette offers search and selection commands only while their mode is on."""

from __future__ import annotations

import ast
import inspect
import textwrap

from textual.app import App
from textual.command import CommandPalette
from textual.pilot import Pilot

from tests.tui.helpers import demo_annotation, make_app, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.bindings import SEARCH_BINDINGS, SELECTION_BINDINGS
from tui.reader.widgets.article_view import ArticleView
from tui.ui_text import GERMAN

DEMO = demo_annotation()
SEARCH_TITLES = {b.tooltip for b in SEARCH_BINDINGS}
SELECTION_TITLES = {b.tooltip for b in SELECTION_BINDINGS}


def _titles(app: KontextApp) -> set[str]:
    return {str(c.title) for c in app.get_system_commands(app.screen)}


async def _palette_shows(pilot: Pilot[None], query: str) -> str:
    """Open the palette, type ``query``, return what the screen shows, close it."""
    await pilot.press("ctrl+p")
    await settle(pilot)  # the palette's search worker has listed its hits
    await pilot.press(*query)
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    shown = screen_text(pilot.app)
    await pilot.press("escape")
    await pilot.pause()
    return shown


async def test_mode_commands_appear_only_in_their_mode() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reading = _titles(app)
        assert "Next entity mention" in reading and "Search the text" in reading
        assert not reading & (SEARCH_TITLES | SELECTION_TITLES)
        assert "Next search match" not in await _palette_shows(pilot, "next search")

        await pilot.press("slash", *"Ostsee", "enter")
        await pilot.pause()
        searching = _titles(app)
        assert searching >= SEARCH_TITLES and not searching & SELECTION_TITLES
        assert "Next search match" in await _palette_shows(pilot, "next search")
        view = app.query_one(ArticleView)
        assert view.search_result is not None
        before = view.search_result.current
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Next search match"
        )
        await command.callback()
        await pilot.pause()
        assert view.search_result.current != before

        await pilot.press("escape")  # search ends: its commands go
        await pilot.pause()
        assert not _titles(app) & SEARCH_TITLES

        await pilot.press("n", "v")  # a keyboard selection to add an entity
        await pilot.pause()
        selecting = _titles(app)
        assert selecting >= SELECTION_TITLES
        await pilot.press("escape")
        await pilot.pause()
        assert not _titles(app) & SELECTION_TITLES


async def test_no_reader_commands_over_a_dialog() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "a")  # the note dialog
        await pilot.pause()
        assert app.screen.is_modal
        titles = _titles(app)
        assert "Theme" in titles and "Next entity mention" not in titles


async def test_the_palette_speaks_the_interface_language(german_ui: None) -> None:
    """ui_language = "de": the reader's commands and their key hints in German."""
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pairs = {(str(c.title), str(c.help)) for c in app.get_system_commands(app.screen)}
        commands = {title for title, _ in pairs}
        assert ("Nächste Erwähnung", "Taste: n") in pairs  # and "Taste: tab" for tab
        assert "Im Text suchen" in commands and "Über Kontext" in commands
        assert "Next entity mention" not in commands
        shown = await _palette_shows(pilot, "nächste erw")
        assert "Nächste Erwähnung" in shown


async def test_textuals_own_commands_speak_german_too(german_ui: None) -> None:
    """Theme, Quit, Keys and Screenshot in a German palette are German as well."""
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        commands = {str(c.title): str(c.help) for c in app.get_system_commands(app.screen)}
        assert commands["Farbschema"] == "Das Farbschema wechseln"
        assert "Beenden" in commands and "Bildschirmfoto" in commands
        assert "Theme" not in commands and "Quit" not in commands
        shown = await _palette_shows(pilot, "farbsch")
        assert "Farbschema" in shown


def test_every_textual_command_has_german_words() -> None:
    """Every title and help text Textual's palette can offer (in any state: Keys shown or
    hidden, Maximize or Minimize) has German; a Textual upgrade that adds one fails here."""
    tree = ast.parse(textwrap.dedent(inspect.getsource(App.get_system_commands)))
    texts = {
        arg.value
        for call in ast.walk(tree)
        if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "SystemCommand"
        for arg in call.args[:2]
        if isinstance(arg, ast.Constant) and isinstance(arg.value, str)
    }
    assert "Theme" in texts and "Screenshot" in texts  # the scan finds them at all
    assert sorted(t for t in texts if t not in GERMAN) == []
