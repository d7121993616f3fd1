"""The article area: the article view, its search bar and the selection's status line.

The pane passes messages between the view and the bar (the view searches and
counts, the bar only edits the query) and says what a keyboard selection
currently holds. Every message still bubbles on to the app.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import Vertical
from textual.widgets import Static

from tui.reader.bindings import ARTICLE_BINDINGS
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.search_bar import SearchBar
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from enrich.model import Article

PURPOSES = {"add-entity": "New entity", "bookmark": "Bookmark"}


class ArticlePane(Vertical):
    """``ArticleView`` (id ``article``) with the search bar and selection line below it."""

    DEFAULT_CSS = """
    ArticlePane { width: 1fr; height: 1fr; }
    ArticlePane > ArticleView { width: 1fr; height: 1fr; }
    ArticlePane > #selection-line {
        height: 1;
        display: none;
        background: $primary-muted;
        padding: 0 1;
    }
    ArticlePane > #selection-line.-open { display: block; }
    """

    def __init__(
        self,
        article: Article,
        *,
        name: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article = article

    def compose(self) -> ComposeResult:
        yield ArticleView(self.article, id="article")
        # The search bar (id "search-bar") goes here after the first frame:
        # ReaderScreen.mount_hidden_parts.
        yield Static(id="selection-line")

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def _keys(self, *binding_ids: str) -> str:
        """The keys of some article bindings, as the footer and help show them."""
        show = getattr(self.app, "key_display", self.app.get_key_display)  # after [keys]
        keys = [show(b) for i in binding_ids for b in ARTICLE_BINDINGS if b.id == i]
        return "/".join(keys)

    # ----------------------------------------------------------------- search
    def on_article_view_search_requested(self, message: ArticleView.SearchRequested) -> None:
        self.bar.open(message.query)
        if message.query:
            self.view.search(message.query)

    def on_search_bar_changed(self, message: SearchBar.Changed) -> None:
        self.view.search(message.query)

    def on_search_bar_submitted(self, message: SearchBar.Submitted) -> None:
        view = self.view
        if not message.query:
            view.end_search()
        else:
            result = view.search_result
            self.bar.show_status(result.status() if result else "", typing=False, hint=self._hint())
        view.focus()

    def on_search_bar_cancelled(self, message: SearchBar.Cancelled) -> None:
        self.view.end_search()
        self.bar.close()
        self.view.focus()

    def on_search_bar_step(self, message: SearchBar.Step) -> None:
        self.view.search_step(message.step)

    def on_article_view_search_status(self, message: ArticleView.SearchStatus) -> None:
        if not message.active:
            self.bar.close()
            return
        typing = self.bar.input.has_focus
        self.bar.show_status(message.status, typing=typing, hint=self._hint())

    def _hint(self) -> str:
        return tr(
            "{step} next/previous · {edit} edit · {end} ends",
            step=self._keys("next-match", "previous-match"),
            edit=self._keys("search"),
            end=self._keys("end-search"),
        )

    # -------------------------------------------------------------- selection
    def on_article_view_selection_changed(self, message: ArticleView.SelectionChanged) -> None:
        line = self.query_one("#selection-line", Static)
        if not message.purpose:
            line.remove_class("-open")
            return
        shown = " ".join(message.text.split())
        if len(shown) > 60:
            shown = shown[:59] + "…"
        purpose = tr(PURPOSES.get(message.purpose, message.purpose))
        status = Text(f"{purpose}: ", style="bold")
        status.append(tr("“{text}”", text=shown))
        status.append(
            tr(
                "  {words} words · {choose} chooses · {cancel} cancels",
                words=self._keys("selection-word", "selection-word-back"),
                choose=self._keys("selection-confirm"),
                cancel=self._keys("selection-cancel"),
            ),
            style="dim",
        )
        line.update(status)
        line.add_class("-open")
