"""Reading position, corrections and long highlights in the article view."""

from __future__ import annotations

from enrich.model import Annotation, Entity, Label, Mention
from tests.helpers import make_article
from tests.tui.article_screen import article_rows, article_text, style_of
from tests.tui.helpers import demo_annotation, make_app, settle
from tui.reader.widgets.article_spans import RangeIndex
from tui.reader.widgets.article_view import ArticleView

DEMO = demo_annotation()
TEXT = DEMO.article.text


def test_range_index_finds_long_spans_that_start_far_back() -> None:
    index = RangeIndex([(0, 100), (5, 6), (50, 60), (90, 95), (120, 130)])
    assert index.overlapping(70, 80) == [0]  # only the long one reaches here
    assert index.overlapping(55, 92) == [0, 2, 3]
    assert index.overlapping(100, 120) == []
    assert index.overlapping(125, 126) == [4]


def _without(annotation: Annotation, entity_id: str) -> Annotation:
    entities = tuple(e for e in annotation.entities if e.id != entity_id)
    return Annotation(annotation.article, annotation.recognizer, entities)


async def test_corrections_keep_the_current_entity_and_the_scroll() -> None:
    seen: list[object] = []
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 20), message_hook=seen.append) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.select_entity("per-pistorius")
        await pilot.press("right_square_bracket")  # the second "Pistorius"
        await pilot.pause()
        before = view.current_span
        top = view.scroll_offset.y
        shown = article_text(app)
        view.set_annotation(_without(DEMO, "org-nato"))  # the student rejected NATO
        await pilot.pause()
        assert view.current_entity == "per-pistorius"
        assert view.current_span.start == before.start
        assert view.scroll_offset.y == top and article_text(app) == shown
        # Relabelled: a new id for the same words; the mention there stays current.
        pistorius = next(e for e in DEMO.entities if e.id == "per-pistorius")
        relabelled = Entity("misc-pistorius", pistorius.name, Label.MISC, pistorius.mentions)
        others = tuple(e for e in DEMO.entities if e.id != "per-pistorius")
        view.set_annotation(Annotation(DEMO.article, "test", (*others, relabelled)))
        await pilot.pause()
        assert view.current_entity == "misc-pistorius"
        assert view.current_span.start == before.start
        selected = [m for m in seen if isinstance(m, ArticleView.Selected)]
        assert selected[-1].entity_id == "misc-pistorius"  # so the card follows
        view.set_annotation(_without(DEMO, "per-pistorius"))  # rejected: the next one is current
        await pilot.pause()
        assert view.current is not None and view.current_entity != "per-pistorius"
        assert view.current_span.start > before.start
        assert view.scroll_offset.y == top


async def test_resize_keeps_the_first_visible_text() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        offset = TEXT.index("Generalsekretär Mark Rutte")
        view.scroll_to_offset(offset)
        await pilot.pause()
        assert article_rows(app)[0][0].strip().startswith("Generalsekretär Mark Rutte")
        for width in (90, 150, 70, 120):  # narrow ones put the card below
            await pilot.resize_terminal(width, 20)
            await pilot.pause()
            assert view.reading_offset == offset, width
            assert article_rows(app)[0][0].strip().startswith("Generalsekretär"), width
        # Scrolled by the student: the reading position is the new top line.
        await pilot.press("j")
        await pilot.pause()
        first_line = article_rows(app)[0][0].strip()
        assert TEXT[view.reading_offset :].startswith(first_line)
        await pilot.resize_terminal(100, 20)
        await pilot.pause()
        assert TEXT[view.reading_offset :].startswith(first_line[:20])


async def test_visible_entity_ids_are_those_on_screen_top_to_bottom() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 12)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.scroll_to_offset(TEXT.index("Eine zentrale Rolle"))
        await pilot.pause()
        shown = article_text(app)
        # BSH's long name is shown first, then Rutte, Russland, Schattenflotte.
        ids = view.visible_entity_ids()
        assert ids[0] == "org-bsh"
        positions = []
        for entity_id in ids:
            entity = next(e for e in DEMO.entities if e.id == entity_id)
            on_screen = [m for m in entity.mentions if m.text in shown]
            assert on_screen, entity_id
            positions.append(min(shown.index(m.text) for m in on_screen))
        assert positions == sorted(positions)
        assert "per-pistorius" not in ids and "per-pistorius" in {e.id for e in DEMO.entities}


async def test_bookmarks_and_long_mentions_are_drawn_on_every_line_they_cover() -> None:
    words = "eins zwei drei vier fünf sechs sieben acht neun zehn " * 6
    text = "Anfang. " + words.strip() + " Ende."
    article = make_article(text, "de")
    long_start = text.index("drei")
    long_end = text.index("Ende") - 1
    inner = text.index("sieben", long_start + 200)  # a mention inside, on a later line
    long = Mention(long_start, long_end, text[long_start:long_end], Label.TERM, "model")
    short = Mention(inner, inner + 6, "sieben", Label.PER, "model")
    annotation = Annotation(
        article,
        "test",
        (
            Entity("term-long", "lang", Label.TERM, (long,)),
            Entity("per-x", "x", Label.PER, (short,)),
        ),
    )

    app = make_app(article, annotate=lambda a: annotation)
    async with app.run_test(size=(80, 30)) as pilot:  # narrow: several lines
        await settle(pilot)
        view = app.query_one(ArticleView)
        plain = style_of(app, "Anfang")
        term = style_of(app, "drei")
        rows = [r for r, _ in article_rows(app)]
        last = max(i for i, r in enumerate(rows) if "zehn" in r)
        row_of_last = rows[last]
        cell = row_of_last.index("zehn")
        assert view.line_of(inner) < last  # the inner mention starts before this line
        from tests.tui.article_screen import style_at

        assert style_at(app, last, cell) == term  # the long mention is still drawn here
        view.set_bookmarks([(0, len(text))])
        await pilot.pause()
        assert style_of(app, "Anfang").bgcolor != plain.bgcolor
        assert style_of(app, "Ende").bgcolor == style_of(app, "Anfang").bgcolor
        view.set_bookmarks([])
        await pilot.pause()
        assert style_of(app, "Anfang") == plain


async def test_scroll_to_offset_before_layout_is_kept() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 20)) as pilot:
        view = app.query_one(ArticleView)
        offset = TEXT.index("Besonders deutlich")
        view.scroll_to_offset(offset)
        await settle(pilot)
        assert view.reading_offset == offset
        assert "Besonders deutlich" in article_rows(app)[0][0]
