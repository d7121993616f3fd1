"""The reader's main screen: the entity panel, the article and the card.

As posting's ``MainScreen``: the screen composes the reading layout and gives
typed accessors to its widgets, so the app and its controllers never look a
widget up by type on whatever screen happens to be on top (a dialog).
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Header

from enrich.model import Annotation, Article
from tui.reader.widgets.article_pane import ArticlePane
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard
from tui.reader.widgets.entity_list import EntityList
from tui.reader.widgets.entity_panel import EntityPanel
from tui.reader.widgets.seen_in import SeenIn


class ReaderScreen(Screen[None]):
    """The article with its entity list and card; the first screen of the reader."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self._article = article

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield EntityPanel()  # the filter and EntityList (id "entity-list")
            yield ArticlePane(self._article)  # ArticleView (id "article") and the search bar
            yield EntityCard(id="card")
        yield Footer()

    def on_mount(self) -> None:
        # "Seen in" is its own widget, placed in the card's column under the card's text.
        self.card.mount(SeenIn(id="seen-in"))
        self.article.focus()

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
