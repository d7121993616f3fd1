"""Pilot tests of the reader: what the student sees after each key."""

from __future__ import annotations

import threading

from rich.style import Style

from enrich.labels import label_word
from enrich.model import Annotation, Article, Entity, Label, Mention
from tests.helpers import make_article
from tests.tui.article_screen import style_at
from tests.tui.helpers import make_app, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.bindings import SEARCH_BINDINGS, SELECTION_BINDINGS
from tui.reader.screens.help import HelpScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard
from tui.reader.widgets.entity_list import EntityList
from tui.reader.widgets.wrap import drawn_cells, wrap_paragraph


def _view(app: KontextApp) -> ArticleView:
    return app.query_one(ArticleView)


def _card(app: KontextApp) -> str:
    return app.query_one(EntityCard).plain


def _entity(annotation: Annotation, entity_id: str | None) -> Entity:
    return next(e for e in annotation.entities if e.id == entity_id)


async def test_article_is_shown_before_annotation_finishes(sample_annotation: Annotation) -> None:
    gate = threading.Event()

    def slow_annotate(article: Article) -> Annotation:
        gate.wait(timeout=30)
        return sample_annotation

    app = make_app(sample_annotation.article, annotate=slow_annotate)
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await pilot.pause()
            assert "Großmanöver in der Ostsee" in screen_text(app)
            assert "annotating" in app.sub_title
            assert app.reader.annotation is None
        finally:
            gate.set()
        await settle(pilot)
        assert app.reader.annotation is sample_annotation
        assert "entities" in app.sub_title and "offline" in app.sub_title
        assert sample_annotation.recognizer not in app.sub_title  # an About entry has it


async def test_n_moves_to_first_mention_and_card_follows(sample_annotation: Annotation) -> None:
    first = min((m.start, e.id) for e in sample_annotation.entities for m in e.direct_mentions)

    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "No entity selected" in _card(app)
        await pilot.press("n")
        await pilot.pause()
        view = _view(app)
        assert view.current_entity == first[1]
        entity = _entity(sample_annotation, first[1])
        assert _card(app).splitlines()[0] == entity.name
        assert f"{label_word(entity.label, 'en')} · " in _card(app)
        await pilot.press("n")
        await pilot.pause()
        second = view.current
        await pilot.press("p")
        await pilot.pause()
        assert view.current != second and view.current_entity == first[1]


async def test_brackets_cycle_mentions_of_the_same_entity(sample_annotation: Annotation) -> None:
    pistorius = next(e for e in sample_annotation.entities if e.name == "Boris Pistorius")
    starts = sorted(m.start for m in pistorius.direct_mentions)
    assert len(starts) >= 2

    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = _view(app)
        view.select_entity(pistorius.id)
        await pilot.pause()
        seen = []
        for _ in range(len(starts)):
            await pilot.press("right_square_bracket")
            await pilot.pause()
            assert view.current_entity == pistorius.id
            seen.append(view.current_span.start)
        assert sorted(seen) == starts  # every mention once, then around again
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.current_entity == pistorius.id
        assert "Boris Pistorius" in _card(app)


async def test_digit_jumps_to_next_entity_of_a_label(sample_annotation: Annotation) -> None:
    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("1")
        await pilot.pause()
        first = _entity(sample_annotation, _view(app).current_entity)
        assert first.label == Label.PER
        await pilot.press("1")
        await pilot.pause()
        second = _entity(sample_annotation, _view(app).current_entity)
        assert second.label == Label.PER and second.id != first.id
        assert second.name in _card(app)
        await pilot.press("3")
        await pilot.pause()
        assert _entity(sample_annotation, _view(app).current_entity).label == Label.LOC


async def test_help_lists_every_binding(sample_annotation: Annotation) -> None:
    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(160, 80)) as pilot:  # tall enough for every row
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        bindings = app.reader_bindings()
        assert len(bindings) >= 20
        ids = [b.id for _, b in bindings]
        assert all(ids) and len(set(ids)) == len(ids)
        shown = screen_text(app)  # what the terminal shows, not the screen's own model
        # Every binding's row (aliases and pairs merged: "w / b", "1–5") is checked by
        # test_bindings_help.py's key-sheet test; here the sheet is drawn in words.
        assert "1–5" in shown and "Person / Organisation" in shown
        assert "Next entity mention" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, HelpScreen)


async def test_every_binding_is_in_the_command_palette(sample_annotation: Annotation) -> None:
    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [c.title for c in app.get_system_commands(app.screen)]
        modes = SEARCH_BINDINGS + SELECTION_BINDINGS  # listed only in their mode
        for _, binding in app.reader_bindings():
            if binding not in modes:
                assert (binding.tooltip or binding.description) in titles
        command = next(
            c for c in app.get_system_commands(app.screen) if c.title == "Next entity mention"
        )
        await command.callback()
        await pilot.pause()
        assert _view(app).current is not None


async def test_markup_in_the_article_is_literal_and_inert() -> None:
    text = "Der [bold]x[/bold] und [@click=app.quit]y[/] trafen Angela Merkel [link=https://e.x]z."
    article = make_article(text, "de", title="[red]Titel[/red]")
    start = text.index("Angela Merkel")
    mention = Mention(start, start + 13, "Angela Merkel", Label.PER, "model")
    entity = Entity("per-merkel", "[b]Angela Merkel[/b]", Label.PER, (mention,))
    annotation = Annotation(article, "test", (entity,))

    app = make_app(article, annotate=lambda a: annotation)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "[bold]x[/bold]" in shown
        assert "[@click=app.quit]y[/]" in shown
        assert "[link=https://e.x]z." in shown
        assert "[red]Titel[/red]" in shown
        view = _view(app)
        x, y = view.cell_of(text.index("y[/]"))
        await pilot.click(ArticleView, offset=(x, y))  # where "y" is shown
        await pilot.click(ArticleView, offset=(x - 10, y))
        await pilot.pause()
        assert app.is_running and app.return_code is None
        await pilot.press("n")
        await pilot.pause()
        assert "[b]Angela Merkel[/b]" in screen_text(app)


async def test_clicking_a_mention_selects_it(sample_annotation: Annotation) -> None:
    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = _view(app)
        span = view.spans[view.mention_indices[0]]
        await pilot.click(ArticleView, offset=view.cell_of(span.start))
        await pilot.pause()
        assert view.current_entity == span.entity_id


async def test_narrow_terminal_puts_the_panel_below(sample_annotation: Annotation) -> None:
    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(80, 40)) as pilot:
        await settle(pilot)
        article, card = _view(app).region, app.query_one(EntityCard).region
        assert card.y >= article.bottom
        assert card.width >= 70
    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        article, card = _view(app).region, app.query_one(EntityCard).region
        assert card.x >= article.right and card.y == article.y


async def test_entity_list_groups_by_label_and_jumps(sample_annotation: Annotation) -> None:
    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        entity_list = app.query_one(EntityList)
        assert not entity_list.display
        await pilot.press("l")
        await pilot.pause()
        assert entity_list.display and entity_list.has_focus
        shown = screen_text(app)
        assert "People (" in shown and "Places (" in shown
        await pilot.press("down", "enter")
        await pilot.pause()
        chosen = entity_list.get_option_at_index(entity_list.highlighted or 0).id
        assert _view(app).current_entity == chosen
        assert _view(app).has_focus


async def test_render_line_cache_returns_the_same_strip(sample_annotation: Annotation) -> None:
    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = _view(app)
        assert view.render_line(2) is view.render_line(2)
        view.move(1)
        await pilot.pause()
        line = view.line_of(view.current_span.start)
        assert view.render_line(line) is view.render_line(line)
        before = view.render_line(line)
        view.move(1)
        view.move(1)
        await pilot.pause()
        if view.line_of(view.current_span.start) != line:
            assert view.render_line(line) is not before  # highlight state is in the key


async def test_current_and_same_entity_styles_survive_without_colour(
    sample_annotation: Annotation,
) -> None:
    pistorius = next(e for e in sample_annotation.entities if e.name == "Boris Pistorius")

    app = make_app(sample_annotation.article, annotate=lambda a: sample_annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = _view(app)
        view.select_entity(pistorius.id)
        await pilot.pause()
        current = view.current_span
        assert current is not None

        def shown(offset: int) -> Style:  # the style of that character on screen
            x, y = view.cell_of(offset)
            return style_at(app, y, x)

        def on_screen(offset: int) -> bool:
            return 0 <= view.cell_of(offset)[1] < view.scrollable_content_region.height

        assert shown(current.start).reverse
        other = next(m.start for m in pistorius.direct_mentions if m.start != current.start)
        view.scroll_to_offset(other)  # scrolling does not move the current mention
        await pilot.pause()
        assert view.current_span == current and on_screen(other)
        assert shown(other).underline
        plain = next(s for s in view.spans if s.entity_id != pistorius.id and on_screen(s.start))
        style = shown(plain.start)
        assert (style.bold or style.italic) and not style.reverse


async def test_annotation_failure_is_a_message_not_a_crash() -> None:
    article = make_article("Die NATO tagt.", "de")

    def broken(article: Article) -> Annotation:
        raise RuntimeError("model exploded")

    app = make_app(article, annotate=broken)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.is_running
        assert "annotation failed" in app.sub_title
        assert "Die NATO tagt." in screen_text(app)


def test_wrap_paragraph_keeps_offsets_and_width() -> None:
    text = "eins zwei drei Donaudampfschifffahrtsgesellschaft vier"
    lines = wrap_paragraph(text, 0, len(text), 10)
    assert all(len(text[s:e].rstrip()) <= 10 for s, e in lines)
    assert "".join(text[s:e] for s, e in lines) == text


def test_tabs_and_newlines_inside_a_paragraph_count_as_drawn() -> None:
    """Hard-wrapped .txt paragraphs keep their newlines; no line may overflow the width."""
    text = "ab\tcd\nef\t" * 40
    lines = wrap_paragraph(text, 0, len(text), 20)
    assert all(drawn_cells(text[a:b].rstrip()) <= 20 for a, b in lines)
    assert "".join(text[a:b] for a, b in lines) == text
