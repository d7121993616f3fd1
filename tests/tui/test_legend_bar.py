"""The legend line under the article: label words in their highlight style, the three
mention styles, and a label switched off with ``h`` said as off."""

from __future__ import annotations

from tests.tui.helpers import demo_annotation, make_app, settle
from tui.reader.widgets.legend_bar import LegendBar, legend_line

DEMO = demo_annotation()


LEGEND_WORDS = {
    "en": (
        ("1 Person", "2 Organisation", "3 Place", "4 Other", "5 Term"),
        ("current", "other mentions", "related form"),
        "3 Place off",
    ),
    "de": (
        ("1 Person", "2 Organisation", "3 Ort", "4 Sonstiges", "5 Begriff"),
        ("aktuell", "weitere Erwähnungen", "verwandte Form"),
        "3 Ort aus",
    ),
}


async def test_the_legend_names_labels_in_words_and_explains_the_mention_styles(
    ui_language: str,
) -> None:
    labels, mention_styles, place_off = LEGEND_WORDS[ui_language]
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        view = app.reader.article
        line = legend_line(view)
        plain = line.plain
        for words in labels:
            assert words in plain
        assert "PER" not in plain and "LOC" not in plain
        for words in mention_styles:
            assert words in plain
        # Each sample is drawn in the article's own style for that label.
        start = plain.index(labels[2])
        styles = [span.style for span in line.spans if span.start == start]
        assert styles and styles[0] == view.get_component_rich_style(
            "article-view--loc", partial=True
        )
        view.hidden = frozenset({"LOC"})  # what the label switch `h`, 3 does
        await pilot.pause()
        assert place_off in str(app.screen.query_one(LegendBar).render())
