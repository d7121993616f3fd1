"""`d`: the student's own glossary entry for the current entity, written to their glossary."""

from __future__ import annotations

from pathlib import Path

from enrich.glossary import load_glossary, user_glossary_path
from enrich.session import SessionStore
from tests.tui.helpers import (
    MessageLog,
    busy_workers,
    demo_annotation,
    make_app,
    notified,
    screen_text,
    settle,
    wait_until_quit,
)
from tui.reader.app import KontextApp
from tui.reader.screens.define import DefineScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard

DEMO = demo_annotation()


def _app() -> KontextApp:
    return make_app(DEMO.article, annotate=lambda a: DEMO)


def _card(app: KontextApp) -> str:
    return app.query_one(EntityCard).plain


async def test_define_writes_the_user_glossary_and_the_card_shows_it() -> None:
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
        assert "Glossary · user" in card
        assert "Generalsekretär der NATO seit 2024." in card
        # Editing again starts from the saved text and replaces it.
        await pilot.press("d")
        await pilot.pause()
        area = app.screen.query_one("#definition")
        assert area.text == "Generalsekretär der NATO seit 2024."  # type: ignore[attr-defined]
        await pilot.press("ctrl+a", "ctrl+k", *"Niederländer, NATO-Chef.", "ctrl+s")
        await settle(pilot)
        assert "Niederländer, NATO-Chef." in _card(app)
    glossary, warnings = load_glossary()
    assert not warnings
    match = glossary.resolve("Mark Rutte", "de")
    assert match is not None and match.source == "user"
    assert match.entry.definition("de") == "Niederländer, NATO-Chef."


async def test_a_broken_user_glossary_is_reported_and_left_alone() -> None:
    path: Path = user_glossary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[[entry]\nthis is not toml", encoding="utf-8")

    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("per-rutte")
        await pilot.press("d", *"Text", "ctrl+s")
        await settle(pilot)
        assert app.is_running
        assert "Saving the definition failed:" in notified(app)
    assert path.read_text(encoding="utf-8") == "[[entry]\nthis is not toml"


def _definition(app: KontextApp) -> str:
    return app.screen.query_one("#definition").text  # type: ignore[attr-defined]


async def test_define_saves_every_language_typed() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("per-rutte")
        await pilot.press("d", *"Generalsekretär der NATO.")
        await pilot.click("#lang-en")
        await pilot.pause()
        assert _definition(app) == ""
        app.screen.query_one("#definition").focus()
        await pilot.press(*"Secretary General of NATO.", "ctrl+s")
        await settle(pilot)
        assert not isinstance(app.screen, DefineScreen)
    glossary, _ = load_glossary()
    match = glossary.resolve("Mark Rutte", "de")
    assert match is not None and match.source == "user"
    assert match.entry.definition("de") == "Generalsekretär der NATO."
    assert match.entry.definition("en") == "Secretary General of NATO."


async def test_escape_keeps_the_definition_as_a_draft_in_both_languages() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("per-rutte")
        await pilot.press("d", *"Niederländer")
        await pilot.click("#lang-en")
        app.screen.query_one("#definition").focus()
        await pilot.press(*"Dutch", "escape")
        await pilot.pause()
        assert not isinstance(app.screen, DefineScreen)
        assert "Definition not saved; d reopens it" in notified(app)
        await pilot.press("d")
        await pilot.pause()
        assert _definition(app) == "Niederländer"
        await pilot.click("#lang-en")
        await pilot.pause()
        assert _definition(app) == "Dutch"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("s")
        await settle(pilot)
        assert app.reader.state is not None
        saved = SessionStore().load(app.reader.state.name)
        assert saved.drafts["define:per-rutte"] == {"de": "Niederländer", "en": "Dutch"}
    match = load_glossary()[0].resolve("Mark Rutte", "de")
    assert match is None or match.source != "user"  # nothing written: it was cancelled


async def test_a_failed_definition_write_keeps_the_text_for_the_next_try() -> None:
    path: Path = user_glossary_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("[[entry]\nthis is not toml", encoding="utf-8")

    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("per-rutte")
        await pilot.press("d", *"Erst später speichern", "ctrl+s")
        await settle(pilot)
        assert "Saving the definition failed:" in notified(app)
        assert "Your definition is kept; d reopens it" in notified(app)
        path.unlink()  # the student fixes the file and tries again
        await pilot.press("d")
        await pilot.pause()
        assert _definition(app) == "Erst später speichern"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.reader.state is not None and app.reader.state.draft("define:per-rutte") is None
    match = load_glossary()[0].resolve("Mark Rutte", "de")
    assert match is not None and match.entry.definition("de") == "Erst später speichern"


async def test_quitting_waits_for_a_definition_still_to_be_written() -> None:

    app = _app()
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        with busy_workers():
            app.query_one(ArticleView).select_entity("per-rutte")
            await pilot.press("d", *"Kurz vor Schluss", "ctrl+s", "q")
            await pilot.pause()
            assert app.is_running
            assert "Finishing your definition before quitting" in notified(app)
        await wait_until_quit(log)  # it quits by itself once the definition was written
    match = load_glossary()[0].resolve("Mark Rutte", "de")
    assert match is not None and match.entry.definition("de") == "Kurz vor Schluss"
