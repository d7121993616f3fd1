"""Adding a missed entity (`v`) and bookmarking a passage (`b`) with the keyboard selection."""

from __future__ import annotations

import json

from enrich.model import Label
from tests.tui.helpers import demo_annotation, make_app, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.screens.label_picker import LabelPicker
from tui.reader.screens.note import NoteScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard
from tui.reader.widgets.entity_list import EntityList

DEMO = demo_annotation()
TEXT = DEMO.article.text


def _app() -> KontextApp:
    return make_app(DEMO.article, annotate=lambda a: DEMO)


def _listed(app: KontextApp) -> list[str]:
    entity_list = app.query_one(EntityList)
    return [entity_list.get_option_at_index(i).id or "" for i in range(entity_list.option_count)]


async def test_v_adds_a_missed_entity_with_a_label_and_u_takes_it_back() -> None:
    brussel = TEXT.index("Brüssel")

    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.select_entity("per-rutte")
        await pilot.press("v")
        # "Mark Rutte" → "Rutte" → "sprach" → "in" → "Brüssel": the start a word later
        await pilot.press("shift+right", "shift+right", "shift+right", "shift+right")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LabelPicker)
        assert "Add “Brüssel” as…" in screen_text(app)
        await pilot.press("3")  # LOC
        await settle(pilot)
        added = [s for s in view.spans if s.start == brussel]
        assert [(s.end, s.label) for s in added] == [(brussel + len("Brüssel"), Label.LOC)]
        entity_id = added[0].entity_id
        assert entity_id in _listed(app)
        assert view.current_entity == entity_id
        card = app.query_one(EntityCard).plain
        assert card.splitlines()[0] == "Brüssel" and "Place · 1 mention" in card
        await pilot.press("u")
        await pilot.pause()
        assert not [s for s in view.spans if s.start == brussel]
        assert entity_id not in _listed(app)


async def test_b_bookmarks_a_passage_with_a_note_and_saves_it() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.select_entity("per-rutte")
        await pilot.press("b", "w", "w", "w")  # "Mark Rutte sprach in Brüssel"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        assert "Bookmark “Mark Rutte sprach in Brüssel”" in screen_text(app)
        await pilot.press(*"Wo tagt die NATO?", "ctrl+s")
        await pilot.pause()
        start = TEXT.index("Mark Rutte sprach")
        span = (start, start + len("Mark Rutte sprach in Brüssel"))
        assert span in view.bookmarks
        await pilot.press("s")
        await settle(pilot)
        assert app.reader.state is not None
        data = json.loads(app.reader.store.path(app.reader.state.name).read_text(encoding="utf-8"))
        (bookmark,) = data["bookmarks"]
        assert (bookmark["start"], bookmark["end"]) == span
        assert bookmark["quote"] == "Mark Rutte sprach in Brüssel"
        assert bookmark["note"] == "Wo tagt die NATO?"


async def test_escape_leaves_the_selection_without_adding_anything() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("per-rutte")
        await pilot.press("v", "w", "escape")
        await pilot.pause()
        assert app.query_one(ArticleView).selection is None
        assert app.reader.state is not None and not app.reader.state.dirty
        assert app.screen is app.screen_stack[0]
