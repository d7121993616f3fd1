"""Search in the article (``/``): literal, case- and accent-insensitive, with n/N and a count."""

from __future__ import annotations

from tests.tui.article_screen import article_text, style_of
from tests.tui.helpers import demo_annotation, make_app, screen_text, settle
from tui.reader.widgets.article_search import FoldedText, search
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.search_bar import SearchBar

DEMO = demo_annotation()


def _found(text: str, query: str) -> list[str]:
    return [text[s:e] for s, e in search(FoldedText(text), query).matches]


def test_search_ignores_case_and_accents_and_maps_back_to_the_text() -> None:
    text = "Große Straße, STRASSE und strasse; Müller traf Muller. Das Haus."
    assert _found(text, "strasse") == ["Straße", "STRASSE", "strasse"]
    assert _found(text, "MÜLLER") == ["Müller", "Muller"]
    assert _found(text, "haus") == ["Haus"]  # offsets after two "ß" still right
    assert _found(text, "ß") == ["ß", "ß", "SS", "ss"]  # "ß" is "ss" to the search


def test_search_is_literal_not_a_pattern() -> None:
    text = "a.c abc (x) [y] a*b"
    assert _found(text, "a.c") == ["a.c"]
    assert _found(text, "(x)") == ["(x)"]
    assert _found(text, "[y]") == ["[y]"]
    assert _found(text, "a*") == ["a*"]


def test_decomposed_accents_are_part_of_the_match() -> None:
    text = "Cafe\u0301 und Cafe"
    assert _found(text, "cafe") == ["Cafe\u0301", "Cafe"]
    assert _found(text, "café") == ["Cafe\u0301", "Cafe"]


def test_count_and_wrap_around() -> None:
    result = search(FoldedText("eins zwei eins drei eins"), "eins")
    result.first_from(6)
    assert result.status() == "2/3"
    result.step(1)
    result.step(1)
    assert result.status() == "1/3"
    result.step(-1)
    assert result.status() == "3/3"
    assert search(FoldedText("eins"), "zwei").status() == "no match"


async def test_typing_highlights_matches_and_n_cycles_with_the_count() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        plain = style_of(app, "Soldaten")
        await pilot.press("slash")
        await pilot.pause()
        assert app.query_one(SearchBar).display
        await pilot.press(*"ostsee")
        await pilot.pause()
        total = DEMO.article.text.count("Ostsee")
        assert f"1/{total}" in screen_text(app)
        # "Ostsee" in the title is the current match, the one in the first paragraph
        # another: both differ from plain text, and from each other.
        current, other = style_of(app, "Ostsee", 0), style_of(app, "Ostsee", 1)
        assert current.bgcolor != plain.bgcolor and other.bgcolor != plain.bgcolor
        assert current != other

        await pilot.press("enter")
        await pilot.pause()
        assert view.has_focus and view.searching
        assert "n/N next/previous" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert f"2/{total}" in screen_text(app)
        assert style_of(app, "Ostsee", 1) == current  # the current match moved on
        assert view.current is None  # n walked the matches, not the mentions
        await pilot.press("N", "N")
        await pilot.pause()
        assert f"{total}/{total}" in screen_text(app)  # wrapped around

        await pilot.press("escape")
        await pilot.pause()
        assert not view.searching and not app.query_one(SearchBar).display
        assert style_of(app, "Ostsee", 0).bgcolor == plain.bgcolor
        await pilot.press("n")
        await pilot.pause()
        assert view.current_entity is not None  # n is "next mention" again


async def test_no_match_is_said_and_odd_queries_do_not_break() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"xq(", "enter")
        await pilot.pause()
        assert "no match" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running and "no match" in screen_text(app)


async def test_search_starts_at_the_reading_position_and_scrolls_to_matches() -> None:
    text = DEMO.article.text

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        late = text.index("Kaliningrad")
        view.scroll_to_offset(late)
        await pilot.pause()
        await pilot.press("slash", *"ostsee")
        await pilot.pause()
        result = view.search_result
        assert result is not None and result.current is not None
        assert result.matches[result.current][0] >= late  # not back at the title
        assert "Ostsee" in article_text(app)


async def test_reopening_search_keeps_the_query() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nato", "enter")
        await pilot.pause()
        await pilot.press("slash")
        await pilot.pause()
        field = app.query_one(SearchBar).input
        assert field.has_focus and field.value == "nato"
        await pilot.press("escape")
        await pilot.pause()
        assert app.query_one(ArticleView).has_focus
