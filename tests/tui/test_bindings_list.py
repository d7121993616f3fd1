"""In the entity list, ?, q and l keep working; other letters (and q, once typing) filter."""

from __future__ import annotations

from tests.tui.helpers import MessageLog, demo_annotation, make_app, settle, wait_until_quit
from tui.reader.screens.help import HelpScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_list import EntityList
from tui.reader.widgets.entity_panel import EntityFilter, EntityPanel

DEMO = demo_annotation()


async def test_help_and_l_work_in_the_list_while_its_filter_is_empty() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        entity_list = app.query_one(EntityList)
        assert entity_list.has_focus and app.query_one(EntityPanel).display
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert entity_list.has_focus and app.query_one(EntityFilter).value == ""
        await pilot.press("l")  # as documented: l closes the list again
        await pilot.pause()
        assert not app.query_one(EntityPanel).display
        assert app.query_one(ArticleView).has_focus


async def test_once_something_is_typed_letters_filter_but_help_still_opens() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l", "r")  # "r" is no reader key here: it starts the filter
        await pilot.pause()
        field = app.query_one(EntityFilter)
        assert field.has_focus and field.value == "r"
        await pilot.press("down")  # back into the list, the filter kept
        await pilot.pause()
        entity_list = app.query_one(EntityList)
        assert entity_list.has_focus
        await pilot.press("u", "L", "q")  # letters now extend the filter: no quit
        await pilot.pause()
        assert app.is_running and app.query_one(EntityPanel).display
        assert field.value == "ruLq"  # "L" types the letter: "l" closes the list
        await pilot.press("down", "question_mark")  # not a letter: help
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)


async def test_a_letter_that_is_another_reader_key_goes_to_the_filter() -> None:
    """a (note) and b (bookmark) start names: in the list they filter."""

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l", "b")
        await pilot.pause()
        assert app.query_one(EntityFilter).value == "b"
        assert not app.screen.is_modal  # no bookmark dialog


async def test_q_in_the_list_quits() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert app.query_one(EntityList).has_focus
        await pilot.press("q")
        await wait_until_quit(log)  # nothing unsaved: the reader quits at once
    assert app.return_code == 0
