"""Notes and tags on entities: typed in a modal, shown on the card, saved in the session file."""

from __future__ import annotations

import json

from tests.tui.helpers import demo_annotation, make_app, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.screens.note import NoteScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard

DEMO = demo_annotation()


def _app() -> KontextApp:
    return make_app(DEMO.article, annotate=lambda a: DEMO)


def _card(app: KontextApp) -> str:
    return app.query_one(EntityCard).plain


async def _saved(pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    await settle(pilot)


async def test_a_note_typed_in_the_modal_shows_on_the_card_and_is_saved() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("per-rutte")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert "Note on “Mark Rutte” (Person)" in screen_text(app)
        await pilot.press(*"Chef der NATO [bold]seit[/bold] 2024")
        await pilot.press("tab", *"exam, nato, exam")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        card = _card(app)
        assert "Your note" in card
        assert "Chef der NATO [bold]seit[/bold] 2024" in card  # literal, not markup
        assert "Tags: exam, nato" in card
        assert "Chef der NATO [bold]seit[/bold] 2024" in screen_text(app)
        await pilot.press("s")
        await _saved(pilot)
        assert app.reader.state is not None and not app.reader.state.dirty
        data = json.loads(app.reader.store.path(app.reader.state.name).read_text(encoding="utf-8"))
        note = data["notes"]["per-rutte"]
        assert note["note"] == "Chef der NATO [bold]seit[/bold] 2024"
        assert note["tags"] == ["exam", "nato"]
        assert note["name"] == "Mark Rutte"


async def test_escape_keeps_the_typed_note_as_a_draft() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("a", *"halb fertig", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert "Your note" not in _card(app)
        # Not a note yet, but the session keeps the draft (saved with it, so quitting
        # never loses it): that is an unsaved change until the next save.
        assert app.reader.state is not None and app.reader.state.dirty
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert app.screen.query_one("#note-text").text == "halb fertig"  # type: ignore[attr-defined]
        await pilot.press(*" und jetzt fertig", "ctrl+s")
        await pilot.pause()
        assert "halb fertig und jetzt fertig" in _card(app)


async def test_emptying_a_note_removes_it() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("a", *"kurz", "ctrl+s")
        await pilot.pause()
        assert "kurz" in _card(app)
        await pilot.press("a", "ctrl+a", "ctrl+k", "ctrl+s")  # TextArea: line start, delete
        await pilot.pause()
        assert "Your note" not in _card(app)
        assert app.reader.state is not None and app.reader.state.note("org-nato") is None
