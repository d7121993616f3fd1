"""Corrections in the reader: reject, relabel and undo redraw highlights, list and card at once."""

from __future__ import annotations

from enrich.model import Label
from tests.tui.helpers import demo_annotation, make_app, notified, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.screens.label_picker import LabelPicker
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard
from tui.reader.widgets.entity_list import EntityList

DEMO = demo_annotation()


def _app() -> KontextApp:
    return make_app(DEMO.article, annotate=lambda a: DEMO)


def _highlighted(app: KontextApp) -> dict[str, set[Label]]:
    """Entity id -> the labels its highlighted spans are drawn in."""
    found: dict[str, set[Label]] = {}
    for span in app.query_one(ArticleView).spans:
        found.setdefault(span.entity_id, set()).add(span.label)
    return found


def _listed(app: KontextApp) -> list[str]:
    entity_list = app.query_one(EntityList)
    options = [entity_list.get_option_at_index(i) for i in range(entity_list.option_count)]
    return [o.id or "" for o in options]


def _card(app: KontextApp) -> str:
    return app.query_one(EntityCard).plain


async def test_reject_removes_everywhere_at_once_and_undo_brings_it_back() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.select_entity("org-nato")
        await pilot.pause()
        assert _card(app).startswith("NATO")
        rejected_at = view.current_span.start
        await pilot.press("x")
        await pilot.pause()
        assert "org-nato" not in _highlighted(app)
        assert "org-nato" not in _listed(app)
        assert not _card(app).startswith("NATO")
        # The cursor moves on to the next mention, and the card follows it.
        assert view.current is not None
        following = view.current_span
        assert following.start >= rejected_at
        assert _card(app).startswith(app.reader.entities[following.entity_id].name)
        assert "Rejected 'NATO' (Organisation) — u to undo" in notified(app)
        assert "unsaved" in app.sub_title
        await pilot.press("u")
        await pilot.pause()
        assert "org-nato" in _highlighted(app) and "org-nato" in _listed(app)
        assert "Undone: Rejected 'NATO'" in notified(app)


async def test_reject_one_mention_keeps_the_others() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.select_entity("per-pistorius")
        await pilot.press("right_square_bracket")  # the second mention
        await pilot.pause()
        second = view.current_span
        before = [s.start for s in view.spans if s.entity_id == "per-pistorius"]
        await pilot.press("X")
        await pilot.pause()
        after = [s.start for s in view.spans if s.entity_id == "per-pistorius"]
        assert after == [s for s in before if s != second.start]
        assert "Rejected this mention of 'Boris Pistorius' (Person)" in notified(app)
        assert "per-pistorius" in _listed(app)


async def test_relabel_recolours_regroups_and_updates_the_card() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.select_entity("loc-ostsee")
        await pilot.pause()
        assert "Place · " in _card(app)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, LabelPicker)
        assert "Label for “Ostsee”" in screen_text(app)
        await pilot.press("2")  # ORG
        await pilot.pause()
        assert not isinstance(app.screen, LabelPicker)
        assert _highlighted(app)["loc-ostsee"] == {Label.ORG}
        listed = _listed(app)
        assert listed.index("label:ORG") < listed.index("loc-ostsee") < listed.index("label:LOC")
        assert "Organisation · " in _card(app)
        await pilot.press("u")
        await pilot.pause()
        assert _highlighted(app)["loc-ostsee"] == {Label.LOC}
        assert "Place · " in _card(app)


async def test_escape_in_the_label_picker_changes_nothing() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("t", "escape")
        await pilot.pause()
        assert app.reader.state is not None and not app.reader.state.dirty
        assert _highlighted(app)["org-nato"] == {Label.ORG}


async def test_editing_keys_without_an_entity_explain_themselves() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("x", "u")
        await pilot.pause()
        assert "No entity selected: press n to go to one." in notified(app)
        assert "Nothing to undo." in notified(app)
        assert app.is_running and app.reader.state is not None and not app.reader.state.dirty
