"""Keyboard selection (``v``): extend with w/b/arrows, enter posts SpanChosen, escape cancels."""

from __future__ import annotations

from textual.message import Message

from tests.tui.article_screen import style_of
from tests.tui.helpers import demo_annotation, make_app, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.widgets.article_selection import (
    next_word_end,
    next_word_start,
    previous_word_end,
    previous_word_start,
    trim,
    word_at,
)
from tui.reader.widgets.article_view import ArticleView

DEMO = demo_annotation()
TEXT = DEMO.article.text


def test_word_steps_keep_hyphenated_names_whole() -> None:
    text = "Der Abgeordnete Park Ji-hoon, der im Parlament sitzt."
    park = text.index("Park")
    assert text[slice(*word_at(text, park + 2))] == "Park"
    assert text[park : next_word_end(text, park + 4)] == "Park Ji-hoon"
    assert text[park : previous_word_end(text, text.index(","), park)] == "Park"
    assert text[next_word_start(text, park) :].startswith("Ji-hoon")
    assert text[previous_word_start(text, park) :].startswith("Abgeordnete")
    assert text[slice(*word_at(text, text.index(",")))] == "der"  # the next word after


def test_trim_drops_quotes_brackets_and_punctuation_around_a_name() -> None:
    text = "Sie nannte („Demokratische Partei“), Mitte (rechts), die U.S. und Kiel."

    def chosen(fragment: str, purpose: str = "add-entity") -> str:
        start = text.index(fragment)
        return text[slice(*trim(text, start, start + len(fragment), purpose))]

    assert chosen(" („Demokratische Partei“), ") == "Demokratische Partei"
    assert chosen("Mitte (rechts), ") == "Mitte (rechts)"
    assert chosen("U.S. ") == "U.S."
    assert chosen("Kiel.") == "Kiel"
    assert chosen(" (", "add-entity") == ""
    assert chosen(" Mitte (rechts), ", "bookmark") == "Mitte (rechts),"  # only whitespace


def _chosen(seen: list[Message]) -> list[tuple[str, int, int, str]]:
    found = {
        (m.purpose, m.start, m.end, m.text): None
        for m in seen
        if isinstance(m, ArticleView.SpanChosen)
    }
    return list(found)


async def _start(pilot: object, app: KontextApp) -> ArticleView:
    view = app.query_one(ArticleView)
    view.select_entity("per-pistorius")  # "Boris Pistorius", on screen
    return view


async def test_v_w_b_enter_chooses_the_selected_words() -> None:
    seen: list[Message] = []
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        view = await _start(pilot, app)
        plain = style_of(app, "besuchte")
        await pilot.press("v")  # the app's key: start_selection("add-entity")
        await pilot.pause()
        assert view.selection is not None
        assert TEXT[view.selection.start : view.selection.end] == "Boris Pistorius"
        await pilot.press("w", "w")
        await pilot.pause()
        assert "New entity: “Boris Pistorius besuchte zum”" in screen_text(app)
        assert style_of(app, "besuchte") != plain  # drawn as selected
        await pilot.press("b", "b")
        await pilot.pause()
        await pilot.press("left", "left", "right")
        await pilot.pause()
        assert TEXT[view.selection.start : view.selection.end] == "Boris Pistoriu"
        await pilot.press("right", "enter")
        await pilot.pause()
        start = TEXT.index("Boris Pistorius")
        assert _chosen(seen) == [("add-entity", start, start + 15, "Boris Pistorius")]
        assert view.selection is None
        await pilot.press("escape")  # the app asks for a label: not now
        await pilot.pause()
        assert app.screen.query(ArticleView)  # back at the article
        assert style_of(app, "besuchte") == plain


async def test_shift_keys_move_the_start_and_punctuation_is_trimmed() -> None:
    seen: list[Message] = []
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        view = await _start(pilot, app)
        view.start_selection("add-entity")
        # "Boris Pistorius besuchte zum Auftakt den Marinestützpunkt in Kiel."
        for _ in range(8):  # first "Pistorius" alone, then a word at a time
            await pilot.press("shift+right")
        await pilot.pause()
        assert TEXT[view.selection.start : view.selection.end] == "Kiel"
        await pilot.press("right", "enter")  # "Kiel." is chosen as "Kiel"
        await pilot.pause()
        kiel = TEXT.index("Kiel.")
        assert _chosen(seen) == [("add-entity", kiel, kiel + 4, "Kiel")]


async def test_down_extends_by_a_line_and_escape_cancels() -> None:
    seen: list[Message] = []
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        view = await _start(pilot, app)
        view.start_selection("bookmark")
        await pilot.pause()
        start = view.selection.start
        line = view.line_of(start)
        await pilot.press("down")
        await pilot.pause()
        assert view.line_of(view.selection.end - 1) == line + 1
        assert view.selection.start == start
        await pilot.press("escape")
        await pilot.pause()
        assert view.selection is None and _chosen(seen) == []
        cancelled = [m for m in seen if isinstance(m, ArticleView.SelectionCancelled)]
        assert cancelled and cancelled[0].purpose == "bookmark"
        top = view.scroll_offset.y
        await pilot.press("down")  # not selecting: down scrolls again
        await pilot.pause()
        assert view.scroll_offset.y == top + 1


async def test_selection_starts_at_the_current_search_match() -> None:
    seen: list[Message] = []
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        await pilot.press("slash", *"marinestütz", "enter")
        await pilot.pause()
        view.start_selection("add-entity")
        await pilot.press("w", "enter")
        await pilot.pause()
        start = TEXT.index("Marinestützpunkt")
        assert _chosen(seen) == [("add-entity", start, start + 16, "Marinestützpunkt")]
