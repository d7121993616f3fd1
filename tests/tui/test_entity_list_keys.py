"""The entity list as a new user meets it: ``l`` opens and closes it from anywhere,
a reopened list starts unfiltered, fast typing after ``l`` loses no letter, and an
entity seen only in a derived form says so instead of "0"."""

from __future__ import annotations

from textual import events

from enrich.model import Annotation, Entity, Label, Mention
from tests.helpers import make_article
from tests.tui.helpers import demo_annotation, make_app, screen_text, settle
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard
from tui.reader.widgets.entity_list import EntityList
from tui.reader.widgets.entity_panel import EntityFilter, EntityPanel

DEMO = demo_annotation()


def _typed_at_once(app: object, keys: str) -> None:
    """Keys queued together, as a terminal delivers fast typing: no pause between them."""
    for key in keys:
        app.post_message(events.Key(key, key))  # type: ignore[attr-defined]


async def test_l_closes_the_list_after_choosing_an_entry_and_from_the_filter() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        panel = app.query_one(EntityPanel)
        field = app.query_one(EntityFilter)
        await pilot.press("l", "p", "i", "s", "enter")  # choose Pistorius
        await pilot.pause()
        assert app.query_one(ArticleView).has_focus
        await pilot.press("l")  # from the article: closes
        await pilot.pause()
        assert not panel.display and app.query_one(ArticleView).has_focus
        assert field.value == ""

        await pilot.press("l", "r", "u")  # typing in the filter
        await pilot.pause()
        assert field.has_focus and field.value == "ru" and panel.display
        await pilot.press("l")  # from the filter: closes, no "l" typed
        await pilot.pause()
        assert not panel.display and app.query_one(ArticleView).has_focus

        await pilot.press("l", "down")  # from the list itself
        await pilot.pause()
        assert app.query_one(EntityList).has_focus
        await pilot.press("l")
        await pilot.pause()
        assert not panel.display


async def test_the_filter_is_empty_when_the_list_is_reopened() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l", "o", "s", "escape", "escape")  # filter, clear, close
        await pilot.press("l", "n", "a")
        await pilot.press("enter")
        await pilot.press("l")
        await pilot.pause()
        assert not app.query_one(EntityPanel).display
        await pilot.press("l")
        await pilot.pause()
        entity_list = app.query_one(EntityList)
        assert app.query_one(EntityFilter).value == ""
        assert entity_list.entity_count == len(DEMO.entities)  # every entity again
        assert "Boris Pistorius" in screen_text(app)


async def test_letters_typed_right_after_l_all_reach_the_filter() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        _typed_at_once(app, "lrut")
        await pilot.pause()
        await pilot.pause()
        field = app.query_one(EntityFilter)
        assert field.value == "rut"
        entity_list = app.query_one(EntityList)
        assert entity_list.entity_count == 1
        assert "Mark Rutte" in screen_text(app)


async def test_an_entity_seen_only_as_a_derived_form_is_listed_as_such() -> None:
    text = "Die deutsche Regierung in Berlin traf sich mit der NATO. Berlin blieb ruhig."
    article = make_article(text, "de", title="Regierung")

    def mention(surface: str, label: Label, kind: str = "mention", nth: int = 0) -> Mention:
        start = text.index(surface) if nth == 0 else text.rindex(surface)
        return Mention(start, start + len(surface), surface, label, "model", kind)  # type: ignore[arg-type]

    entities = (
        Entity("loc-de", "Deutschland", Label.LOC, (mention("deutsche", Label.LOC, "related"),)),
        Entity(
            "loc-berlin",
            "Berlin",
            Label.LOC,
            (mention("Berlin", Label.LOC), mention("Berlin", Label.LOC, nth=1)),
        ),
    )
    annotation = Annotation(article, "hand-made", entities)

    app = make_app(article, annotate=lambda a: annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        lines = screen_text(app).splitlines()
        at = next(i for i, line in enumerate(lines) if "Deutschland" in line)
        assert "only as: deutsche" in lines[at + 1], lines[at : at + 2]
        _chip, name, after = lines[at].split()[:3]  # the label's chip leads each entry
        assert name == "Deutschland" and after in {"▎", "▊"}  # the border: no "0"
        berlin = next(line for line in lines if line.split()[1:2] == ["Berlin"])
        assert berlin.split()[1:3] == ["Berlin", "2"]
        await pilot.press("d", "e", "u", "enter")  # chosen in the list: its card shows
        await pilot.pause()
        assert app.query_one(ArticleView).current_entity == "loc-de"
        assert "Place · only as: deutsche" in app.query_one(EntityCard).plain


async def test_l_is_a_letter_in_the_search_line_and_in_dialogs() -> None:
    from textual.widgets import Input, TextArea

    from tui.reader.widgets.search_bar import SearchBar

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "l", "a")
        await pilot.pause()
        assert app.query_one(SearchBar).query_one(Input).value == "la"
        assert not app.query_one(EntityPanel).display
        await pilot.press("escape", "escape", "n", "a")  # a note on the first entity
        await pilot.pause()
        assert app.screen.is_modal
        await pilot.press("l")
        await pilot.pause()
        area = app.screen.query(TextArea)
        typed = area.first().text if area else app.screen.query_one(Input).value
        assert typed == "l" and not app.query_one(EntityPanel).display
