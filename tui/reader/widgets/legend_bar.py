"""One line under the article: what the colours and the three mention styles mean.

The article marks the current mention in reverse, the current entity's other
mentions underlined and related forms ("russischen" for Russland) in italic;
nothing said so. Each sample is drawn in the article's own component style, so
the line follows a theme switch, NO_COLOR and the label switches (``h``).
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from enrich.labels import label_word
from tui.reader.widgets import article_styles as st
from tui.reader.widgets.article_view import ArticleView
from tui.ui_text import tr, ui_language

# (component class, words): the mention styles, in the order the eye meets them.
MENTION_STYLES: tuple[tuple[str, str], ...] = (
    (st.CURRENT, "current"),
    (st.SAME, "other mentions"),
    (st.RELATED, "related form"),
)


def legend_line(view: ArticleView) -> Text:
    """Label samples (keys 1–5 jump to the next one), then the three mention styles."""
    line = Text(no_wrap=True, overflow="ellipsis")
    for i, (label, name) in enumerate(st.LABEL_CLASSES.items(), start=1):
        line.append(" " if i > 1 else "")
        word = label_word(label, ui_language())
        if label in view.hidden:
            line.append(f"{i} {word} {tr('off')}", style="dim strike")
        else:
            line.append(f"{i} {word}", style=view.get_component_rich_style(name, partial=True))
    line.append(" │ ", style="dim")
    for i, (name, words) in enumerate(MENTION_STYLES):
        line.append(" · " if i else "", style="dim")
        line.append(tr(words), style=view.get_component_rich_style(name, partial=True))
    return line


class LegendBar(Static):
    """The legend line; the reader screen redraws it when the theme or the switches change."""

    DEFAULT_CSS = """
    LegendBar {
        height: 1;
        width: 1fr;
        padding: 0 1;
        background: $surface;
        text-wrap: nowrap;
        text-overflow: ellipsis;
    }
    """

    def redraw(self, view: ArticleView) -> None:
        self.update(legend_line(view))
