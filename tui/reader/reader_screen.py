"""The reader's main screen: the entity panel, the article and the card.

As posting's ``MainScreen``: the screen composes the reading layout and gives
typed accessors to its widgets, so the app and its controllers never look a
widget up by type on whatever screen happens to be on top (a dialog).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Static

from enrich.model import Annotation, Article
from tui.reader.bindings import in_ui_language
from tui.reader.widgets.article_pane import ArticlePane
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard
from tui.reader.widgets.entity_list import EntityList
from tui.reader.widgets.entity_panel import EntityPanel
from tui.reader.widgets.legend_bar import LegendBar
from tui.reader.widgets.reader_header import ReaderHeader
from tui.reader.widgets.seen_in import SeenIn
from tui.reader.widgets.short_footer import ShortFooter
from tui.ui_text import tr

FOCUS_HINT = "Click the page to use the keys"  # shown through tr()


class ReaderScreen(Screen[None]):
    """The article with its entity list and card; the first screen of the reader."""

    DEFAULT_CSS = """
    ReaderScreen > #focus-hint {
        /* In the flow under the docked header, not docked itself: two widgets docked
           to the top overlap, and the hint hid the header's count and online state. */
        height: 1;
        width: 1fr;
        display: none;
        padding: 0 1;
        background: $warning;
        color: $text;
        text-style: bold;
    }
    ReaderScreen > #focus-hint.-shown { display: block; }
    """

    def __init__(self, article: Article) -> None:
        super().__init__()
        self._article = article

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's, with each binding's words in the interface language: the footer
        reads this (bindings.py keeps the English for ``kontext keys --list``)."""
        return in_ui_language(super().active_bindings)

    def compose(self) -> ComposeResult:
        yield ReaderHeader()  # the article's title, cut before the count and online state
        yield Static(tr(FOCUS_HINT), id="focus-hint", markup=False)
        with Horizontal(id="main"):
            # The filter and EntityList (id "entity-list"); below 100 columns an overlay.
            yield EntityPanel()
            yield ArticlePane(self._article)  # ArticleView (id "article") and the search bar
            yield EntityCard(id="card")
        yield LegendBar(id="legend")
        yield Footer()  # below 100 columns ShortFooter takes its place (kontext.tcss)
        yield ShortFooter()

    def on_mount(self) -> None:
        # "Seen in" is its own widget, placed in the card's column under the card's text.
        self.card.mount(SeenIn(id="seen-in"))
        self.article.focus()
        # In a browser (`kontext serve`) keys reach the reader only once the page has
        # the focus; textual-serve's page says so with a focus message (a click).
        self.show_page_focus(not self.app.is_web)
        self.redraw_legend()
        self._footer_needs = 0  # columns the full footer took when it was last shown
        self.watch(self.query_one(Footer), "virtual_size", lambda: self._fit_footer(), init=False)
        # The legend is drawn text: redraw it in the new theme's styles, after the CSS has.
        self.app.theme_changed_signal.subscribe(
            self, lambda _theme: self.call_after_refresh(self.redraw_legend)
        )

    def on_resize(self) -> None:
        self.call_after_refresh(self._fit_footer)

    def _fit_footer(self) -> None:
        """More keys than the full footer can show (keys remapped in config.toml, more
        bindings): the short footer takes its place, so help and quit are never cut."""
        footer = self.query_one(Footer)
        if footer.display and footer.size.width:
            self._footer_needs = footer.virtual_size.width
        self.set_class(self._footer_needs > self.size.width, "-short-footer")

    def show_page_focus(self, focused: bool) -> None:
        """Without the page's focus, say how to get it (the keys would do nothing)."""
        self.query_one("#focus-hint", Static).set_class(not focused, "-shown")

    def redraw_legend(self) -> None:
        self.query_one(LegendBar).redraw(self.article)

    def on_article_view_hidden_labels_changed(self) -> None:
        """A label switched off or on (``h``): the legend says so; the message goes on."""
        self.redraw_legend()

    # ------------------------------------------------------------- widgets
    @property
    def article(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    @property
    def panel(self) -> EntityPanel:
        return self.query_one(EntityPanel)

    @property
    def card(self) -> EntityCard:
        return self.query_one(EntityCard)

    @property
    def seen_in(self) -> SeenIn:
        return self.query_one(SeenIn)

    # ------------------------------------------------------------- reading
    def show_annotation(self, annotation: Annotation, bookmarks: Iterable[tuple[int, int]]) -> None:
        """New entities (first result, a correction, a merge): highlights, bookmarks and list."""
        view = self.article
        view.set_annotation(annotation)
        view.set_bookmarks(bookmarks)
        self.entity_list.set_annotation(annotation)

    def go_to_entity(self, entity_id: str) -> None:
        """An entity chosen in the list: its first mention, with the focus on the article."""
        view = self.article
        view.select_entity(entity_id)
        view.focus()

    def open_card(self) -> None:
        """Show the card (also in a narrow terminal, where it is hidden) and focus it."""
        card = self.card
        card.add_class("shown")
        card.focus()

    def focus_article(self) -> None:
        """Back to the article; a narrow terminal hides the card again."""
        self.card.remove_class("shown")
        self.article.focus()
