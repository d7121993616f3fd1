"""The article map (``m``): strips sorted by count, "appears with" by shared
paragraphs, enter jumps to the entity and closes the map."""

from __future__ import annotations

from enrich.article_map import article_map, bins
from enrich.model import Annotation, Entity, Label, Mention
from tests.helpers import make_article
from tests.tui.helpers import demo_annotation, make_app, settle
from tui.reader.screens.article_map import ArticleMapScreen
from tui.reader.widgets.article_view import ArticleView

TEXT = "Anna traf Ben in Rom.\n\nAnna und Ben flogen weiter.\n\nCarla blieb in Rom. Anna rief an."


def _hand_made() -> Annotation:
    article = make_article(TEXT, "de", title="Drei Absätze")

    def entity(eid: str, name: str, label: Label) -> Entity:
        import re

        mentions = tuple(
            Mention(m.start(), m.end(), name, label, "model")
            for m in re.finditer(re.escape(name), TEXT)
        )
        return Entity(eid, name, label, mentions)

    return Annotation(
        article,
        "hand-made",
        (
            entity("rom", "Rom", Label.LOC),
            entity("anna", "Anna", Label.PER),
            entity("ben", "Ben", Label.PER),
            entity("carla", "Carla", Label.PER),
        ),
    )


def test_rows_sorted_by_count_with_paragraph_partners() -> None:
    annotation = _hand_made()
    assert len(annotation.article.paragraphs) == 3
    rows = article_map(annotation)
    assert [r.name for r in rows] == ["Anna", "Ben", "Rom", "Carla"]  # ties by name
    anna = rows[0]
    # Anna shares paragraphs 1 and 2 with Ben, 1 and 3 with Rom, 3 with Carla
    assert anna.appears_with == (("Ben", 2), ("Rom", 2), ("Carla", 1))
    assert rows[3].appears_with == (("Anna", 1), ("Rom", 1))
    cells = bins(anna.positions, len(TEXT), 10)
    last = TEXT.rindex("Anna") * 10 // len(TEXT)
    assert last >= 8 and cells[0] == 1 and cells[last] == 1 and sum(cells) == 3


async def test_enter_on_the_map_jumps_to_the_entity() -> None:
    demo = demo_annotation()

    app = make_app(demo.article, annotate=lambda a: demo)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ArticleMapScreen)
        counts = [r.count for r in screen.rows]
        assert counts == sorted(counts, reverse=True) and len(counts) > 2
        target = screen.rows[2]
        await pilot.press("down", "down", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, ArticleMapScreen)
        view = app.query_one(ArticleView)
        assert view.current_entity == target.entity_id
        assert view.has_focus
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ArticleMapScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, ArticleMapScreen)
        assert view.current_entity == target.entity_id
