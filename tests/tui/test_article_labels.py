"""Highlighting per label (``h``): hidden labels lose their colour and ``n`` skips them."""

from __future__ import annotations

from enrich.model import Label
from tests.tui.article_screen import style_of
from tests.tui.helpers import demo_annotation, make_app, settle
from tui.reader.screens.labels import LabelsScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.legend_bar import LegendBar

DEMO = demo_annotation()
LABEL_OF = {e.id: e.label for e in DEMO.entities}


async def test_switching_a_label_off_removes_its_highlight_and_n_skips_it() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        plain = style_of(app, "Soldaten")
        assert style_of(app, "Pistorius") != plain
        nato = style_of(app, "NATO", 1)  # the title's NATO is 0
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, LabelsScreen)
        await pilot.press("1")  # PER off
        await pilot.pause()
        assert view.hidden_labels == {Label.PER}
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, LabelsScreen)
        assert style_of(app, "Pistorius") == plain  # no longer highlighted
        assert style_of(app, "NATO", 1) == nato  # other labels as before
        assert "1 Person off" in str(app.screen.query_one(LegendBar).render())

        labels = set()
        for _ in range(len(view.mention_indices) + 1):  # once around
            await pilot.press("n")
            await pilot.pause()
            labels.add(LABEL_OF[view.current_entity or ""])
        assert Label.PER not in labels and Label.ORG in labels

        await pilot.press("h", "space")  # the cursor is on PER: on again
        await pilot.pause()
        assert view.hidden_labels == set()
        await pilot.press("h")  # h closes the switches too
        await pilot.pause()
        assert not isinstance(app.screen, LabelsScreen)
        assert style_of(app, "Pistorius") != plain


async def test_set_hidden_labels_is_the_api_and_announces_the_change() -> None:
    seen: list[object] = []
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40), message_hook=seen.append) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.set_hidden_labels({Label.LOC, Label.TERM})
        await pilot.pause()
        changed = [m for m in seen if isinstance(m, ArticleView.HiddenLabelsChanged)]
        assert changed and changed[-1].hidden == {Label.LOC, Label.TERM}
        assert style_of(app, "Schattenflotte") == style_of(app, "Soldaten")
        hidden = view.hidden_labels
        hidden.add(Label.PER)  # a copy: changing it changes nothing
        assert view.hidden_labels == {Label.LOC, Label.TERM}
