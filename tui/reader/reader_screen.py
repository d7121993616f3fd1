"""The reader's main screen: the article, its entity list and card, and the reading.

As posting's ``MainScreen``: the screen composes the reading layout, gives typed
accessors to its widgets, and holds the reading state: the article's annotation
and entities, the cards shown, the session state, and the workers that find
entities (NLP in a child process) and enrich them (glossary, Wikipedia, facts).
Workers post the dataclass messages of ``tui.reader.messages`` to this screen;
their errors are handled in one place, ``on_worker_state_changed``: they become
a notification or a line on the card, never a crash. The screen owns four
typed controllers that change the session state and write files:
``SessionController`` (resume, save, quit), ``EditController`` (corrections,
notes, definitions), ``ExportController`` and ``MemoryController`` (what the
reader remembers across articles). The app holds themes, keys, help and the
palette; its key bindings call the screen's methods.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from typing import TYPE_CHECKING

from textual import work
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import ActiveBinding
from textual.containers import Horizontal
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.worker import Worker, WorkerState

from enrich.model import Annotation, Article
from enrich.shown_cards import ShownCards
from enrich.text_clean import clean_text
from tui.reader.bindings import in_ui_language
from tui.reader.edit_controller import EditController
from tui.reader.export_controller import ExportController
from tui.reader.memory_controller import (
    CarriedChoices,
    KnownReady,
    MemoryController,
    RejectedHere,
    carried_choices,
)
from tui.reader.messages import (
    AnnotationFailed,
    AnnotationReady,
    DefineFailed,
    EnrichmentFailed,
    EnrichmentReady,
    ExportWritten,
    GlossarySaved,
    SessionSaved,
    SessionsFound,
    WikiChoiceReady,
)
from tui.reader.session_controller import SessionController
from tui.reader.widgets.article_pane import ArticlePane
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import CardState, EntityCard
from tui.reader.widgets.entity_list import EntityList
from tui.reader.widgets.entity_panel import EntityFilter, EntityPanel
from tui.reader.widgets.legend_bar import LegendBar
from tui.reader.widgets.reader_header import ReaderHeader
from tui.reader.widgets.search_bar import SearchBar
from tui.reader.widgets.seen_in import OpenSession, SeenIn
from tui.reader.widgets.short_footer import ShortFooter
from tui.ui_text import tr

if TYPE_CHECKING:
    from enrich.annotate_process import ChildAnnotator
    from enrich.card import Card
    from enrich.enricher import Enricher
    from enrich.index import WikiChoice
    from enrich.model import Entity
    from enrich.session import Session, SessionStore
    from enrich.session.state import SessionState
    from tui.reader.widgets.article_view import Span

FOCUS_HINT = "Click the page to use the keys"  # shown through tr()
AnnotateFn = Callable[[Article], Annotation]
EnricherFactory = Callable[[], "Enricher"]


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

    def __init__(
        self,
        article: Article,
        *,
        model: str | None,
        offline: bool,
        annotate: AnnotateFn | None,
        enricher_factory: EnricherFactory | None,
        session: Session | None,
        store: SessionStore | None,
        autosave_delay: float,
        key_displays: Callable[[], dict[str, str]],
    ) -> None:
        """``session`` opens a saved session directly (no NLP: it has the entities).

        ``key_displays`` is the app's: binding id -> keys as shown (after config.toml).
        """
        super().__init__()
        self.document = article
        self.model = model
        self.offline = offline
        self._asked_offline = offline  # --offline; ``offline`` also turns on by itself
        self.went_offline = ""  # why Wikipedia went offline by itself ("" while it did not)
        self._annotate = annotate
        self._child_annotator: ChildAnnotator | None = None
        self._enricher_factory = enricher_factory
        self._keys = key_displays
        self.annotation: Annotation | None = None
        self.entities: dict[str, Entity] = {}
        self.shown = ShownCards(session.enrichment if session is not None else None)
        self.card_state: CardState = "pending"
        self.card_error = ""
        self.status = tr("annotating…")
        self.state: SessionState | None = None
        self.current_span: Span | None = None
        self.sessions = SessionController(self, session, store, autosave_delay)
        self.edits = EditController(self, self.sessions)
        self.exports = ExportController(self, self.sessions)
        self.memory = MemoryController(self)

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        """Textual's, with each binding's words in the interface language: the footer
        reads this (bindings.py keeps the English for ``kontext keys --list``)."""
        return in_ui_language(super().active_bindings)

    def compose(self) -> ComposeResult:
        yield ReaderHeader()  # the article's title, cut before the count and online state
        yield Static(tr(FOCUS_HINT), id="focus-hint", markup=False)
        with Horizontal(id="main"):
            # EntityPanel (the filter and the entity list) comes before the pane, but
            # only after the first frame: see ``mount_hidden_parts``.
            yield ArticlePane(self.document)  # ArticleView (id "article"), the selection line
            yield EntityCard(id="card")
        yield LegendBar(id="legend")
        yield Footer()  # below 100 columns ShortFooter takes its place (kontext.tcss)
        yield ShortFooter()

    async def mount_hidden_parts(self) -> None:
        """After the first frame (tui/startup.py, ``HIDDEN_AT_FIRST_PAINT``): the parts
        that start hidden, so their CSS and layout do not delay the article.

        The entity panel (the filter and EntityList, id "entity-list"; below 100
        columns an overlay) goes left of the article, the search bar under it, and
        "Seen in", its own widget, into the card's column under the card's text.
        The app awaits this before the reading starts and before it handles a key.
        """
        pane = self.query_one(ArticlePane)
        await self.query_one("#main", Horizontal).mount(EntityPanel(), before=pane)
        await pane.mount(SearchBar(id="search-bar"), before="#selection-line")
        await self.card.mount(SeenIn(id="seen-in"))

    def on_mount(self) -> None:
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
        # The card's legend is drawn text: redraw it in the new theme's label colours.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_card())
        self.update_subtitle()

    def start_reading(self) -> None:
        """After the first frame: the saved session, or NLP and the search for saved ones."""
        if not self.sessions.open_initial_session():
            if self._annotate is None:
                # Made here, on the event loop, so a quit at any moment can close it.
                from enrich.annotate_process import ChildAnnotator

                self._child_annotator = ChildAnnotator(model=self.model)
            self.run_annotate()
            self.sessions.run_find_sessions()

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

    def key_displays(self) -> dict[str, str]:
        """Binding id -> keys as shown (after config.toml's [keys]), from the app."""
        return self._keys()

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
    def show_entities(self, annotation: Annotation, bookmarks: Iterable[tuple[int, int]]) -> None:
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

    # ------------------------------------------------------------- state
    @property
    def store(self) -> SessionStore:
        """Where sessions are saved (``KONTEXT_HOME``'s by default)."""
        return self.sessions.store

    @property
    def retry_delays(self) -> tuple[float, ...]:
        """Seconds before retrying a failed save: first, second, every later failure."""
        return self.sessions.retry_delays

    @retry_delays.setter
    def retry_delays(self, delays: tuple[float, ...]) -> None:
        self.sessions.retry_delays = delays

    @property
    def cards(self) -> dict[str, Card]:
        """This run's lookups, keyed by entity id."""
        return self.shown.fresh

    def update_subtitle(self) -> None:
        """The header's right side, never cut: language, entity count, online/offline.

        The recognizer is not shown here: it is for developers (an About entry has it).
        """
        parts = [self.document.language, self.status]
        parts.append(tr("offline") if self.offline else tr("online"))
        if self.state is not None and self.state.dirty:
            parts.append(tr("unsaved"))
        self.app.sub_title = " · ".join(p for p in parts if p)

    # ---------------------------------------------------------------- workers
    @work(thread=True, exclusive=True, group="nlp", exit_on_error=False, description="annotate")
    def run_annotate(self) -> None:
        """NLP runs in a child process by default: a thread would hold the GIL
        through spaCy's long C calls and stall the event loop."""
        annotate = self._annotate or self._child_annotator
        assert annotate is not None  # made in start_reading
        self.post_message(AnnotationReady(annotate(self.document)))

    def on_unmount(self) -> None:
        if self._child_annotator is not None:
            self._child_annotator.close()  # quitting does not wait for NLP

    def make_enricher(self) -> Enricher:
        """Called in a worker thread, which then owns the enricher's connections."""
        factory = self._enricher_factory
        if factory is None:
            from enrich.enricher import Enricher

            factory = partial(Enricher, offline=self.offline)
        enricher = factory()
        enricher.go_offline(self.went_offline)  # once unreachable, offline for the session
        return enricher

    @work(thread=True, exclusive=True, group="enrich", exit_on_error=False, description="enrich")
    def run_enrich(self, annotation: Annotation, first: list[str], choices: dict[str, str]) -> None:
        """All cards, the entities on screen first; then the student's Wikipedia picks."""
        enricher = self.make_enricher()
        try:
            ids = {e.id for e in annotation.entities}
            visible = [i for i in first if i in ids]
            rest = None
            if visible and len(visible) < len(ids):
                cards = enricher.enrich(annotation, only=visible)
                self.post_message(
                    EnrichmentReady(
                        cards,
                        offline=enricher.offline,
                        final=False,
                        went_offline=enricher.went_offline,
                    )
                )
                rest = ids.difference(visible)
            cards = enricher.enrich(annotation, only=rest)
            self.post_message(
                EnrichmentReady(cards, offline=enricher.offline, went_offline=enricher.went_offline)
            )
            choices = {k: v for k, v in choices.items() if k in ids}
            carried = self._carried(annotation, choices)
            if carried:  # the student's picks for the same names in earlier articles
                self.post_message(CarriedChoices(carried))
                choices.update((k, c.title) for k, c in carried.items())
            if choices:
                chosen = enricher.enrich(annotation, only=list(choices), titles=choices)
                self.post_message(WikiChoiceReady(chosen))
        finally:
            enricher.close()

    def _carried(self, annotation: Annotation, choices: dict[str, str]) -> dict[str, WikiChoice]:
        """Earlier choices for this article's names (in the enrich worker's thread)."""
        from enrich.errors import KontextError

        current = self.state.name if self.state is not None else ""
        try:
            return carried_choices(annotation, choices, current, self.store)
        except (KontextError, OSError):  # no index: no defaults, the cards still come
            return {}

    def on_carried_choices(self, message: CarriedChoices) -> None:
        self.memory.carried_ready(message)
        self.refresh_card()

    def start_enrich(self) -> None:
        if self.annotation is None:
            return
        view = self.article
        self.card_state = "loading"
        self.run_enrich(self.annotation, view.visible_entity_ids(), dict(self.shown.choices))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The one place worker errors end up."""
        if event.state != WorkerState.ERROR:
            return
        error = event.worker.error
        line = clean_text(str(error) or type(error).__name__)
        group = event.worker.group
        if type(error).__name__ == "AnnotationCancelled":
            return  # the app is closing
        if group == "nlp":
            self.post_message(AnnotationFailed(line))
        elif group == "enrich":
            self.post_message(EnrichmentFailed(line))
        elif group == "session-save":
            self.sessions.save_failed(line)
        elif group == "session-find":
            self.sessions.sessions_unreadable(line)
        else:
            what = event.worker.description or group
            self.notify(f"{what} failed: {line}", severity="error", markup=False)

    def on_annotation_ready(self, message: AnnotationReady) -> None:
        self.sessions.annotation_arrived(message.annotation)

    def on_annotation_failed(self, message: AnnotationFailed) -> None:
        if self.state is not None:
            return  # a resumed session already has its entities
        self.status = tr("annotation failed")
        self.update_subtitle()
        error = clean_text(str(message.error))
        self.notify(
            tr("Could not find entities: {error}", error=error), severity="error", markup=False
        )

    def on_enrichment_ready(self, message: EnrichmentReady) -> None:
        self.shown.add_fresh(message.cards)
        self.offline = self.offline or message.offline
        if message.went_offline and not self.went_offline:
            self.went_offline = message.went_offline
            self.notify(self.offline_line(), title=tr("Offline"), markup=False)
        if message.final:
            self.card_state = "ready"
        self.sessions.record_cards(list(message.cards))
        self.update_subtitle()
        self.refresh_card()
        if message.final:  # resolved titles may name entities met before
            self.memory.refresh_known()

    def on_enrichment_failed(self, message: EnrichmentFailed) -> None:
        self.card_state = "error"
        self.card_error = clean_text(tr("Lookups failed: {error}", error=message.error))
        self.refresh_card()

    def on_wiki_choice_ready(self, message: WikiChoiceReady) -> None:
        self.shown.add_chosen(message.cards)
        self.sessions.record_cards(list(message.cards))
        for entity_id, card in message.cards.items():
            wiki = card.wikipedia
            if entity_id in self.shown.choices and (wiki is None or wiki.summary is None):
                title = self.shown.choices[entity_id]
                self.notify(
                    tr("Could not look up '{title}' now; your choice is kept.", title=title),
                    severity="warning",
                    markup=False,
                )
        self.refresh_card()

    # ------------------------------------------------------------------- show
    def show_annotation(self) -> None:
        """Highlights, list, bookmarks and card from the session state, all at once."""
        if self.state is None:
            return
        annotation = self.state.annotation
        self.annotation = annotation
        self.entities = {e.id: e for e in annotation.entities}
        count = len(annotation.entities)
        self.status = tr("1 entity") if count == 1 else tr("{n} entities", n=count)
        self.show_entities(annotation, self.state.bookmark_spans())
        self.update_subtitle()
        self.refresh_card()
        self.memory.refresh_known()

    def refresh_card(self) -> None:
        view = self.article
        entity_id = view.current_entity
        entity = self.entities.get(entity_id) if entity_id else None
        card = self.shown.shown(entity_id)
        self.card.show(
            entity,
            card,
            state="ready" if card is not None else self.card_state,
            offline=self.offline,
            offline_line=self.offline_line() if self.went_offline else "",
            error=self.card_error,
            note=self.state.note(entity_id) if self.state is not None else None,
            keys=self.key_displays(),
            rules=self.memory.rule_words,
        )
        self.memory.show_seen_in(entity)

    def on_open_session(self, message: OpenSession) -> None:
        self.memory.open_session(message.session)

    def on_known_ready(self, message: KnownReady) -> None:
        self.memory.known_ready(message)

    def article_map(self) -> None:
        """The map screen; the chosen entity becomes the current one."""
        if self.annotation is None or self.typing_elsewhere() or self.app.screen is not self:
            return
        from enrich.article_map import article_map
        from enrich.model import Label
        from tui.reader.screens.article_map import ArticleMapScreen

        view = self.article
        styles = {label: view.label_style(label) for label in Label}

        def chosen(entity_id: str | None) -> None:
            if entity_id and entity_id in self.entities:
                self.go_to_entity(entity_id)

        rows = article_map(self.annotation)
        self.app.push_screen(ArticleMapScreen(rows, len(self.document.text), styles), chosen)

    def on_rejected_here(self, message: RejectedHere) -> None:
        self.memory.rejected_ready(message)

    def on_article_view_selected(self, message: ArticleView.Selected) -> None:
        self.current_span = message.span
        self.refresh_card()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        entity_id = message.option.id
        if entity_id and entity_id in self.entities:
            self.go_to_entity(entity_id)

    def offline_line(self) -> str:
        """The one calm line for a reader whose Wikipedia went offline by itself."""
        key = self.key_displays().get("retry-wiki", "r")
        return tr(
            "Wikipedia is not reachable; showing cached and offline facts. "
            "Press {key} to retry (--offline skips trying).",
            key=key,
        )

    # ------------------------------------------- session, edits, exports
    def sessions_unreadable(self, line: str) -> None:
        """Listing the saved sessions failed: say so and begin under a fresh name."""
        self.sessions.sessions_unreadable(line)

    def changed(self) -> None:
        """After every edit: "unsaved" in the subtitle, autosave (re)armed."""
        self.sessions.changed()

    def on_sessions_found(self, message: SessionsFound) -> None:
        self.sessions.sessions_found(message)

    def on_session_saved(self, message: SessionSaved) -> None:
        self.sessions.saved(message)

    def on_export_written(self, message: ExportWritten) -> None:
        self.exports.written(message)

    def on_article_view_span_chosen(self, message: ArticleView.SpanChosen) -> None:
        self.edits.span_chosen(message)

    def on_define_failed(self, message: DefineFailed) -> None:
        self.edits.define_failed(message)

    def on_glossary_saved(self, message: GlossarySaved) -> None:
        self.edits.glossary_saved(message)

    # ----------------------------------------------------- reading actions
    def retry_wiki(self) -> None:
        """After Wikipedia went offline by itself: try the network again, for all cards."""
        if self._asked_offline:
            self.notify(
                tr("Kontext was started with --offline; Wikipedia is not used."), markup=False
            )
            return
        if not self.went_offline:
            self.notify(tr("Wikipedia is reachable; nothing to retry."), markup=False)
            return
        self.went_offline = ""
        self.offline = False
        self.update_subtitle()
        self.start_enrich()
        self.refresh_card()

    def toggle_list(self) -> None:
        """Open the list, unfiltered; close it from wherever the focus is.

        Focus moves at once, not on the next turn of the event loop: letters
        typed right after ``l`` are already queued and must reach the list.
        """
        if self.app.screen is not self or self.typing_elsewhere():
            raise SkipAction  # a letter in a dialog or the search line
        panel = self.panel
        if panel.entity_list.has_class("shown"):
            panel.close()
            self.set_focus(self.article)
        else:
            self.set_focus(panel.open())

    def typing_elsewhere(self) -> bool:
        """Is the focus in a text field other than the entity filter (the search line)?"""
        # Only the note and define dialogs have one (tui/startup.py: AFTER_FIRST_PAINT).
        from textual.widgets import TextArea

        focused = self.app.focused
        return isinstance(focused, Input | TextArea) and not isinstance(focused, EntityFilter)
