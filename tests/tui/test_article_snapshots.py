"""Snapshots of the article's modes: search, label switches, list filter, selection, NO_COLOR.

Update with ``pytest --snapshot-update`` and look at the SVG diff.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.tui.helpers import demo_annotation, make_app, settle

DEMO = demo_annotation()


def _app() -> Any:
    return make_app(DEMO.article, annotate=lambda a: DEMO)


def test_search_mode_with_count(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("slash", *"ostsee", "enter", "n")
        await pilot.pause()

    assert snap_compare(_app(), terminal_size=(120, 30), run_before=run_before)


def test_label_switches_with_per_off(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("h", "1", "down")
        await pilot.pause()

    assert snap_compare(_app(), terminal_size=(120, 30), run_before=run_before)


def test_entity_list_filtered(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("l", "b")
        await settle(pilot)  # "b" goes to the filter by a message, then the list refilters

    assert snap_compare(_app(), terminal_size=(120, 30), run_before=run_before)


def test_selection_and_bookmark(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        view = pilot.app.query_one("#article")
        text = DEMO.article.text
        start = text.index("Die deutschen Fregatten")
        view.set_bookmarks([(start, text.index("Minenjagdboote"))])  # type: ignore[attr-defined]
        await pilot.press("1", "v", "w", "w")
        await pilot.pause()

    assert snap_compare(_app(), terminal_size=(120, 30), run_before=run_before)


def test_no_color_screen(snap_compare: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("1")
        await pilot.pause()

    assert snap_compare(_app(), terminal_size=(120, 30), run_before=run_before)
