"""The legend line under the article: label words in their highlight style, the three
mention styles, and a label switched off with ``h`` said as off."""

from __future__ import annotations

from tests.tui.helpers import demo_annotation, make_app, settle
from tui.reader.widgets.legend_bar import LegendBar, legend_line

DEMO = demo_annotation()


async def test_the_legend_names_labels_in_words_and_explains_the_mention_styles() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.reader.article
        line = legend_line(view)
        plain = line.plain
        for words in ("1 Person", "2 Organisation", "3 Place", "4 Other", "5 Term"):
            assert words in plain
        assert "PER" not in plain and "LOC" not in plain
        for words in ("current", "other mentions", "related form"):
            assert words in plain
        # Each sample is drawn in the article's own style for that label.
        start = plain.index("3 Place")
        styles = [span.style for span in line.spans if span.start == start]
        assert styles and styles[0] == view.get_component_rich_style(
            "article-view--loc", partial=True
        )
        view.hidden = frozenset({"LOC"})  # what the label switch `h`, 3 does
        await pilot.pause()
        assert "3 Place off" in str(app.screen.query_one(LegendBar).render())
