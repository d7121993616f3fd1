"""Remapped keys from config.toml's [keys] table: they work, and help and footer show them."""

from __future__ import annotations

from pathlib import Path

from tests.tui.helpers import (
    demo_annotation,
    make_app,
    notifications,
    screen_text,
    settle,
    toasts,
    write_config,
)
from tui.reader.app import KontextApp
from tui.reader.screens.help import HelpScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard

DEMO = demo_annotation()


def _footer(app: KontextApp) -> str:
    return screen_text(app).splitlines()[-1]


def _help_row(app: KontextApp, binding_id: str) -> str:
    """The help screen's row for a binding as drawn: its keys, then what they do."""
    screen = app.screen
    assert isinstance(screen, HelpScreen)
    row = next(r for _, group in screen.groups for r in group if binding_id in r.ids)
    line = next(
        line
        for line in screen_text(app).splitlines()
        if f" {row.keys} " in line and f" {row.does.split()[0]}" in line
    )
    return line[line.index(f" {row.keys} ") + 1 :]


async def test_remapped_keys_work_and_are_shown(kontext_home: Path) -> None:
    write_config(kontext_home, '[keys]\nnext-mention = "j,down"\nhelp = "f1"\n')

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert notifications(app) == [  # j scrolled, down scrolled and extended a selection
            "config.toml [keys] next-mention: down is also selection-line-down's key; "
            "only one of them works",
            "config.toml [keys] next-mention: down is also scroll-down-arrow's key; "
            "only one of them works",
            "config.toml [keys] next-mention: j is also scroll-down's key; only one of them works",
        ]
        assert " j Next " in _footer(app) and " n Next " not in _footer(app)
        assert "Press j or ↓ for the first entity" in app.query_one(EntityCard).plain
        await pilot.press("n")  # no longer next-mention
        await pilot.pause()
        assert view.current is None
        await pilot.press("j")
        await pilot.pause()
        first = view.current
        assert first is not None
        name = app.reader.entities[view.current_entity or ""].name
        assert app.query_one(EntityCard).plain.splitlines()[0] == name
        await pilot.press("down")
        await pilot.pause()
        assert view.current is not None and view.current != first
        await pilot.press("question_mark")  # help moved to f1
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert _help_row(app, "next-mention").split()[:3] == ["j", "or", "↓"]
        assert _help_row(app, "help").split()[0] == "f1"
        assert _help_row(app, "previous-mention").split()[0] == "p"


async def test_remapping_a_reading_key_keeps_the_search_modes_key(kontext_home: Path) -> None:
    """n is both next-mention and, while searching, next-match: moving one keeps the other."""
    write_config(kontext_home, '[keys]\nnext-mention = "m"\n')

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"Ostsee", "enter")
        await pilot.pause()
        result = view.search_result
        assert result is not None and len(result.matches) >= 2
        before = result.current
        await pilot.press("n")
        await pilot.pause()
        assert view.search_result is not None and view.search_result.current != before
        await pilot.press("escape", "m")
        await pilot.pause()
        assert view.current_entity is not None


async def test_an_unknown_binding_id_is_one_warning_naming_the_valid_ids(
    kontext_home: Path,
) -> None:
    write_config(kontext_home, '[keys]\nnext-mentoin = "j"\nprevious-mention = "k"\n')

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        warning = next(n for n in toasts(app) if "next-mentoin" in str(n.message))
        text = str(warning.message)
        assert warning.severity == "warning" and "\n" not in text
        assert "unknown binding id 'next-mentoin'" in text
        valid = text.split("valid ids: ", 1)[1].split(", ")
        assert {"next-mention", "previous-mention", "help", "quit", "dialog-cancel"} <= set(valid)
        # The valid line still applies.
        await pilot.press("n", "n", "k")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.current == view.mention_indices[0]


async def test_a_key_name_that_is_no_key_and_a_clash_are_reported(kontext_home: Path) -> None:
    write_config(kontext_home, '[keys]\nsave = "ctlr+s"\nnote = "n"\n')

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(140, 50)) as pilot:
        await settle(pilot)
        messages = notifications(app)
        assert any("save: 'ctlr+s' is not a key" in m for m in messages)
        assert any(
            "note: n is also next-mention's key; only one of them works" in m for m in messages
        )
        await pilot.press("s")  # the default is kept
        await settle(pilot)
        assert any(m.startswith("Saved session") for m in notifications(app))
