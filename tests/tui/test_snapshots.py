"""Snapshot tests (pytest-textual-snapshot): update with `pytest --snapshot-update`."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.helpers import demo_annotation, make_app, settle
from tests.tui.test_settings_theme import _pick_theme
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard

# Snapshots use hand-made entities: a retrained model must not change them.
DEMO = demo_annotation()


def test_demo_screen_after_annotation(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("1")
        await pilot.pause()

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_help_screen(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_narrow_terminal(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("3", "right_square_bracket")
        await pilot.pause()

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=(80, 30), run_before=run_before)


def test_empty_card(snap_compare: Any) -> None:
    """No entity chosen: the card says which keys to press; the legend is the line below
    the article, in words (no second legend with label codes in the card)."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=(120, 30), run_before=run_before)


@pytest.mark.parametrize(
    "size", [(120, 40), (100, 30), (80, 24), (60, 20)], ids=["120x40", "100x30", "80x24", "60x20"]
)
def test_reader_at_size(snap_compare: Any, size: tuple[int, int]) -> None:
    """Header with count and online state, legend line, footer (short below 100 columns)."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("1")
        await pilot.pause()

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_entity_list_over_the_article_at_80x24(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_light_theme_after_a_live_switch(snap_compare: Any) -> None:
    """Started in textual-dark, switched to textual-light in the command palette as a
    student would: article, legend line, card title and footer all in the light palette."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        assert pilot.app.theme == "textual-dark"
        await pilot.press("1")
        await settle(pilot)
        await _pick_theme(pilot, "textual-light")
        assert pilot.app.theme == "textual-light"
        pilot.app.clear_notifications()  # "Theme … saved in <tmp path>" differs per run
        await pilot.pause()

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_german_interface_with_a_card(snap_compare: Any, german_ui: None) -> None:
    """ui_language = "de": header, legend, card heads, footer and the list in German."""

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.query_one(ArticleView).select_entity("loc-russland")
        await settle(pilot)
        card = pilot.app.query_one(EntityCard).plain
        assert "Ort · 2 Erwähnungen" in card and "Fakten" in card, card

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
