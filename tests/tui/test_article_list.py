"""The entity list filters as you type; down/enter choose, escape clears then closes."""

from __future__ import annotations

from enrich.model import Annotation
from tests.tui.helpers import DEMO_ENTITIES, demo_annotation, make_app, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_list import EntityList, list_options
from tui.reader.widgets.entity_panel import EntityFilter, EntityPanel

DEMO = demo_annotation()


def _shown_entities(app: KontextApp) -> list[str]:
    entity_list = app.query_one(EntityList)
    return [o.id or "" for o in entity_list.options if not o.disabled]


def test_filter_matches_names_aliases_and_mentions_without_case_or_accents() -> None:
    def ids(query: str) -> list[str]:
        return [o.id or "" for o in list_options(DEMO, query) if not o.disabled]

    assert ids("pist") == ["per-pistorius"]
    assert ids("boris pi") == ["per-pistorius"]
    assert ids("torius") == []  # word starts only: "r" must not find every name with an r
    assert ids("PISTORIUS") == ["per-pistorius"]
    assert ids("bsh") == ["org-bsh"]  # a mention, not the name
    assert ids("seeschiffahrt") == []  # literal: no fuzzy matching
    assert ids("russland") == ["loc-russland"]
    assert ids("rußland") == ["loc-russland"]  # "ß" folds to "ss"
    assert ids("OSTSÉE") == ["loc-ostsee"]  # accents ignored
    assert len(ids("")) == len(ids("(")) == len(DEMO_ENTITIES)
    texts = [str(o.prompt) for o in list_options(DEMO, "zzz")]
    assert texts == ["No entity matches “zzz”."]


async def test_typing_in_the_list_filters_and_enter_jumps() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert app.query_one(EntityPanel).display
        assert len(_shown_entities(app)) == len(DEMO_ENTITIES)
        await pilot.press("r")  # typed in the list: goes to the filter
        await pilot.pause()
        field = app.query_one(EntityFilter)
        assert field.has_focus and field.value == "r"
        assert set(_shown_entities(app)) == {"per-rutte", "loc-russland"}
        await pilot.press("u", "t")
        await pilot.pause()
        assert _shown_entities(app) == ["per-rutte"]
        shown = screen_text(app)
        assert "People (1)" in shown and "Places (" not in shown
        await pilot.press("enter")
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.current_entity == "per-rutte" and view.has_focus


async def test_down_moves_into_the_list_and_escape_clears_then_closes() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l", "b")
        await pilot.pause()
        several = _shown_entities(app)
        assert len(several) > 1
        await pilot.press("down")
        await pilot.pause()
        entity_list = app.query_one(EntityList)
        assert entity_list.has_focus
        await pilot.press("down", "enter")
        await pilot.pause()
        assert app.query_one(ArticleView).current_entity == several[1]

        await pilot.press("l", "l")  # closed from the article, reopened unfiltered
        await pilot.pause()
        assert entity_list.has_focus
        assert len(_shown_entities(app)) == len(DEMO_ENTITIES)
        await pilot.press("b", "down")
        await pilot.pause()
        assert entity_list.has_focus and _shown_entities(app) == several
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(EntityFilter).value == ""
        assert len(_shown_entities(app)) == len(DEMO_ENTITIES)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.query_one(EntityPanel).display
        assert app.query_one(ArticleView).has_focus


async def test_new_entities_keep_the_filter_and_the_highlighted_entity() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l", "b", "down", "down")
        await pilot.pause()
        entity_list = app.query_one(EntityList)
        chosen = entity_list.highlighted_option
        assert chosen is not None and chosen.id == "org-bsh"  # the second one shown
        fewer = Annotation(  # a correction elsewhere: Ostsee rejected
            DEMO.article,
            DEMO.recognizer,
            tuple(e for e in DEMO.entities if e.id != "loc-ostsee"),
        )
        entity_list.set_annotation(fewer)
        await pilot.pause()
        assert entity_list.query_text == "b"
        assert entity_list.highlighted_option is not None
        assert entity_list.highlighted_option.id == chosen.id
