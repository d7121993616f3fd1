"""`d`: the student's own glossary entry for the current entity, written to their glossary."""

from __future__ import annotations

import asyncio
from pathlib import Path

from enrich.glossary import load_glossary, user_glossary_path
from tests.tui.helpers import demo_annotation, make_app, screen_text, settle
from tui.app import KontextApp
from tui.screens.define import DefineScreen
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_card import EntityCard

DEMO = demo_annotation()


def _app() -> KontextApp:
    return make_app(DEMO.article, annotate=lambda a: DEMO)


def _card(app: KontextApp) -> str:
    return app.query_one(EntityCard).plain


def _notified(app: KontextApp) -> str:
    return "\n".join(str(n.message) for n in app._notifications)


def test_define_writes_the_user_glossary_and_the_card_shows_it() -> None:
    async def scenario() -> None:
        app = _app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.query_one(ArticleView).select_entity("per-rutte")
            await pilot.press("d")
            await pilot.pause()
            assert isinstance(app.screen, DefineScreen)
            assert "Your definition of “Mark Rutte”" in screen_text(app)
            await pilot.press(*"Generalsekretär der NATO seit 2024.", "ctrl+s")
            await settle(pilot)
            card = _card(app)
            assert "Glossary (user)" in card
            assert "Generalsekretär der NATO seit 2024." in card
            # Editing again starts from the saved text and replaces it.
            await pilot.press("d")
            await pilot.pause()
            area = app.screen.query_one("#definition")
            assert area.text == "Generalsekretär der NATO seit 2024."  # type: ignore[attr-defined]
            await pilot.press("ctrl+a", "ctrl+k", *"Niederländer, NATO-Chef.", "ctrl+s")
            await settle(pilot)
            assert "Niederländer, NATO-Chef." in _card(app)

    asyncio.run(scenario())
    glossary, warnings = load_glossary()
    assert not warnings
    match = glossary.resolve("Mark Rutte", "de")
    assert match is not None and match.source == "user"
    assert match.entry.definition("de") == "Niederländer, NATO-Chef."


def test_a_broken_user_glossary_is_reported_and_left_alone() -> None:
    path: Path = user_glossary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[[entry]\nthis is not toml", encoding="utf-8")

    async def scenario() -> None:
        app = _app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.query_one(ArticleView).select_entity("per-rutte")
            await pilot.press("d", *"Text", "ctrl+s")
            await settle(pilot)
            assert app.is_running
            assert "Saving the definition failed:" in _notified(app)

    asyncio.run(scenario())
    assert path.read_text(encoding="utf-8") == "[[entry]\nthis is not toml"
