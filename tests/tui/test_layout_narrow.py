"""The reader in a narrow terminal (80×24): help and quit stay on screen, the list
lies over the article, the header keeps its count and online state."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Footer

from tests.tui.helpers import demo_annotation, make_app, screen_text, settle, write_config
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_panel import EntityPanel
from tui.reader.widgets.reader_header import ReaderHeader

DEMO = demo_annotation()


# What the short footer says for help and quit, and the help's closing words.
FOOTER_WORDS = {
    "en": ("? Help", "q Quit", "esc to close"),
    "de": ("? Hilfe", "q Beenden", "esc schließen"),
}


def _assert_help_and_quit(pilot: Pilot[None], state: str, lang: str = "en") -> None:
    text = screen_text(pilot.app)
    help_words, quit_words, _ = FOOTER_WORDS[lang]
    assert help_words in text, f"{state}: no {help_words!r} on screen:\n{text}"
    assert quit_words in text, f"{state}: no {quit_words!r} on screen:\n{text}"


async def test_help_and_quit_on_screen_in_every_state_at_80x24(ui_language: str) -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _assert_help_and_quit(pilot, "main", ui_language)
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.query_one(EntityPanel).display
        _assert_help_and_quit(pilot, "entity list open", ui_language)
        await pilot.press("escape")
        await pilot.pause()
        app.reader.focus_article()
        await pilot.press("1", "enter")
        await pilot.pause()
        assert app.reader.card.has_class("shown")
        _assert_help_and_quit(pilot, "card open", ui_language)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("slash", "N", "A")
        await pilot.pause()
        _assert_help_and_quit(pilot, "search", ui_language)
        await pilot.press("escape", "escape")
        await pilot.pause()
        await pilot.press("question_mark")
        await pilot.pause()
        assert app.screen is not app.reader
        # The help lies over the reader (whose footer stays below it): it says how to
        # close it, and closing it brings help and quit back.
        assert FOOTER_WORDS[ui_language][2] in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        _assert_help_and_quit(pilot, "help closed again", ui_language)


async def test_entity_list_lies_over_the_article_at_80x24() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.screen.query_one(ArticleView)
        rows_before = view.size.height
        await pilot.press("l")
        await pilot.pause()
        panel = app.screen.query_one(EntityPanel)
        assert panel.display and panel.region.height >= 10
        # The article keeps its rows; the list covers it instead of taking them.
        assert view.size.height == rows_before >= 10
        assert panel.region.overlaps(view.region)


async def test_card_is_collapsed_until_opened_at_80x24() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        card = app.reader.card
        assert card.outer_size.height <= 5
        assert app.screen.query_one(ArticleView).size.height >= 10
        await pilot.press("1", "enter")
        await pilot.pause()
        assert card.outer_size.height > 5


@pytest.mark.parametrize("width", [60, 80, 120])
async def test_header_cuts_the_title_not_the_count_and_online_state(
    width: int, ui_language: str
) -> None:
    count = {"en": "7 entities", "de": "7 Einträge"}[ui_language]
    article = DEMO.article
    long_title = "Ein sehr langer Titel über die Schattenflotte in der Ostsee " * 3
    app = make_app(article, annotate=lambda a: DEMO)
    async with app.run_test(size=(width, 24)) as pilot:
        await settle(pilot)
        app.title = long_title
        await pilot.pause()
        header_row = screen_text(app).splitlines()[0]
        assert count in header_row and "offline" in header_row, header_row
        assert "…" in header_row
        assert header_row.lstrip().startswith("Ein sehr langer Titel")
        assert app.screen.query_one(ReaderHeader).title_text == long_title


async def test_the_focus_hint_goes_when_the_page_gets_the_focus() -> None:
    """`kontext serve`: the hint shown while the page has no focus leaves on AppFocus."""
    from textual import events

    from tui.reader.reader_screen import FOCUS_HINT

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert FOCUS_HINT not in screen_text(app)  # a terminal always has the keys
        app.reader.show_page_focus(False)  # as on mount in a browser tab
        await pilot.pause()
        assert FOCUS_HINT in screen_text(app)
        app.post_message(events.AppFocus())
        await pilot.pause()
        assert FOCUS_HINT not in screen_text(app)


async def test_a_footer_too_long_for_a_wide_terminal_becomes_the_short_one(
    kontext_home: Path,
) -> None:
    """Long remapped keys at 100 columns: the full footer would cut help and quit."""
    write_config(
        kontext_home,
        '[keys]\nnext-mention = "ctrl+shift+right"\nprevious-mention = "ctrl+shift+left"\n'
        'open-card = "ctrl+shift+down"\n',
    )

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.pause()
        _assert_help_and_quit(pilot, "100 columns, long keys")
        await pilot.resize_terminal(200, 30)
        await pilot.pause()
        await pilot.pause()
        assert app.screen.query_one(Footer).display  # room again: the full footer
        _assert_help_and_quit(pilot, "200 columns, long keys")
