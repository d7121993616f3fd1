"""The reader: a keyboard-driven Textual app around one article.

The article is shown at once; NLP (``enrich.annotate``, which imports spaCy)
and enrichment (glossary, Wikipedia, facts) run in thread workers that post
the dataclass messages of ``tui.messages``. Worker errors are handled in one
place, ``on_worker_state_changed``: they become a notification or a line on
the card, never a crash. The student's edits live in a ``SessionState``
(``tui.session_state``); the actions that change it are in
``tui.edit_actions`` and ``tui.session_actions``. config.toml's theme and
keys are applied by ``tui.reader_settings``; the help screen and the command
palette come from ``tui.key_discovery``.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.actions import SkipAction
from textual.app import App, ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.widgets import Footer, Header, Input, OptionList, TextArea
from textual.worker import Worker, WorkerState

from enrich.mention_counts import plural
from enrich.text_clean import clean_text
from tui.bindings import APP_BINDINGS
from tui.edit_actions import EditActions
from tui.key_discovery import KeyDiscovery
from tui.messages import (
    AnnotationFailed,
    AnnotationReady,
    EnrichmentFailed,
    EnrichmentReady,
    WikiChoiceReady,
)
from tui.paste import bounded_paste, cut_notice
from tui.reader_settings import ReaderSettings
from tui.session_actions import SessionActions
from tui.shown_cards import ShownCards
from tui.startup import resume_gc
from tui.widgets.article_pane import ArticlePane
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_card import CardState, EntityCard, card_url
from tui.widgets.entity_list import EntityList
from tui.widgets.entity_panel import EntityFilter, EntityPanel

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.theme import Theme

    from enrich.annotate_process import ChildAnnotator
    from enrich.enricher import Enricher, Enrichment
    from enrich.model import Annotation, Article, Entity
    from enrich.session import Session, SessionStore
    from enrich.settings import Settings
    from tui.session_state import SessionState
    from tui.widgets.article_view import Span

AnnotateFn = Callable[["Article"], "Annotation"]
EnricherFactory = Callable[[], "Enricher"]
# Seconds after the last change. Read when an app is made (not bound as a default), so
# a test run sets it to ``math.inf``: no autosave fires between a test's own steps.
AUTOSAVE_DELAY = 2.0
WORKER_THREADS = 8  # most workers only wait: on the NLP child, on Wikipedia


class _NoWaitExecutor(ThreadPoolExecutor):
    """The loop's default executor, which thread workers run in.

    ``asyncio.run`` waits for it to shut down, so a spaCy load or a slow
    Wikipedia request would keep the process alive after ``q``. Nothing a
    worker does is the user's work (that is saved before quitting), so
    quitting does not wait; the CLI then exits without joining the threads.
    Eight threads, because most workers only wait (on the NLP child, on
    Wikipedia): a save or an export must not queue behind slow lookups.
    """

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        super().shutdown(wait=False, cancel_futures=True)


class KontextApp(KeyDiscovery, ReaderSettings, SessionActions, EditActions, App[None]):
    """Read one article with its entities highlighted and explained."""

    CSS_PATH = "kontext.tcss"
    TITLE = "Kontext"
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [
        (0, "-narrow"),
        (100, "-wide"),
    ]

    BINDINGS: ClassVar[list[BindingType]] = list(APP_BINDINGS)

    def __init__(
        self,
        article: Article,
        *,
        model: str | None = None,
        offline: bool = False,
        annotate: AnnotateFn | None = None,
        enricher_factory: EnricherFactory | None = None,
        session: Session | None = None,
        store: SessionStore | None = None,
        autosave_delay: float | None = None,
        settings: Settings | None = None,
    ) -> None:
        """``session`` opens a saved session directly (no NLP: it has the entities).

        ``settings`` (theme, keys) default to config.toml's. ``autosave_delay``
        defaults to ``AUTOSAVE_DELAY``; ``math.inf`` turns autosave off.
        """
        super().__init__()
        self._init_settings(settings)
        self.article = article
        self.model = model
        self.offline = offline
        self._asked_offline = offline  # --offline; ``offline`` also turns on by itself
        self.went_offline = ""  # why Wikipedia went offline by itself ("" while it did not)
        self._annotate = annotate
        self._child_annotator: ChildAnnotator | None = None
        self._enricher_factory = enricher_factory
        self.annotation: Annotation | None = None
        self.entities: dict[str, Entity] = {}
        self.shown = ShownCards(session.enrichment if session is not None else None)
        self.card_state: CardState = "pending"
        self.card_error = ""
        self.status = "annotating…"
        self.title = article.title or article.source
        self.state: SessionState | None = None
        self.current_span: Span | None = None
        self._init_session(
            session, store, AUTOSAVE_DELAY if autosave_delay is None else autosave_delay
        )

    @property
    def cards(self) -> dict[str, Enrichment]:
        """This run's lookups, keyed by entity id."""
        return self.shown.fresh

    # ------------------------------------------------------------------ setup
    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="main"):
            yield EntityPanel()  # the filter and EntityList (id "entity-list")
            yield ArticlePane(self.article)  # ArticleView (id "article") and the search bar
            yield EntityCard(id="card")
        yield Footer()

    def on_mount(self) -> None:
        asyncio.get_running_loop().set_default_executor(
            _NoWaitExecutor(max_workers=WORKER_THREADS, thread_name_prefix="kontext-worker")
        )
        if self.is_web:  # `kontext serve`: quit if the server goes without ending us
            from tui.parent_watch import watch_parent

            watch_parent(lambda: self.call_from_thread(self.server_gone))
        self._update_subtitle()
        self.query_one(ArticleView).focus()
        self._mount_settings()
        for warning in self.article.warnings:
            self.notify(warning, severity="warning", markup=False)
        # The article's first frame comes before anything else.
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        resume_gc()  # tui/startup.py: paused by `kontext read` until this first paint
        if not self._open_initial_session():
            if self._annotate is None:
                # Made here, on the event loop, so a quit at any moment can close it.
                from enrich.annotate_process import ChildAnnotator

                self._child_annotator = ChildAnnotator(model=self.model)
            self.run_annotate()
            self.run_find_sessions()

    def get_theme(self, theme_name: str) -> Theme | None:
        """Textual looks the theme up for every line it draws, and its lookup copies
        the dict of all themes each time; a registered name needs no copy."""
        registered = getattr(self, "_registered_themes", None)
        theme = registered.get(theme_name) if isinstance(registered, dict) else None
        return theme if theme is not None else super().get_theme(theme_name)

    def _update_subtitle(self) -> None:
        parts = [self.article.language]
        if self.annotation is not None:
            parts.append(self.annotation.recognizer)
        parts.append(self.status)
        parts.append("offline" if self.offline else "online")
        if self.state is not None and self.state.dirty:
            parts.append("unsaved")
        self.sub_title = " · ".join(p for p in parts if p)

    # ---------------------------------------------------------------- workers
    @work(thread=True, exclusive=True, group="nlp", exit_on_error=False, description="annotate")
    def run_annotate(self) -> None:
        """NLP runs in a child process by default: a thread would hold the GIL
        through spaCy's long C calls and stall the event loop."""
        annotate = self._annotate or self._child_annotator
        assert annotate is not None  # made in _after_first_paint
        self.post_message(AnnotationReady(annotate(self.article)))

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
            if choices:
                chosen = enricher.enrich(annotation, only=list(choices), titles=choices)
                self.post_message(WikiChoiceReady(chosen))
        finally:
            enricher.close()

    def start_enrich(self) -> None:
        if self.annotation is None:
            return
        view = self.query_one(ArticleView)
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
            self.save_failed(line)
        elif group == "session-find":
            self.sessions_unreadable(line)
        else:
            what = event.worker.description or group
            self.notify(f"{what} failed: {line}", severity="error", markup=False)

    def on_annotation_ready(self, message: AnnotationReady) -> None:
        self.annotation_arrived(message.annotation)

    def on_annotation_failed(self, message: AnnotationFailed) -> None:
        if self.state is not None:
            return  # a resumed session already has its entities
        self.status = "annotation failed"
        self._update_subtitle()
        error = clean_text(str(message.error))
        self.notify(f"Could not find entities: {error}", severity="error", markup=False)

    def on_enrichment_ready(self, message: EnrichmentReady) -> None:
        self.shown.add_fresh(message.cards)
        self.offline = self.offline or message.offline
        if message.went_offline and not self.went_offline:
            self.went_offline = message.went_offline
            self.notify(self.offline_line(), title="Offline", markup=False)
        if message.final:
            self.card_state = "ready"
        self.record_cards(list(message.cards))
        self._update_subtitle()
        self.refresh_card()

    def on_enrichment_failed(self, message: EnrichmentFailed) -> None:
        self.card_state = "error"
        self.card_error = clean_text(f"Lookups failed: {message.error}")
        self.refresh_card()

    def on_wiki_choice_ready(self, message: WikiChoiceReady) -> None:
        self.shown.add_chosen(message.cards)
        self.record_cards(list(message.cards))
        for entity_id, card in message.cards.items():
            wiki = card.wikipedia
            if entity_id in self.shown.choices and (wiki is None or wiki.summary is None):
                title = self.shown.choices[entity_id]
                self.notify(
                    f"Could not look up '{title}' now; your choice is kept.",
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
        self.status = plural(len(annotation.entities), "entity", "entities")
        view = self.query_one(ArticleView)
        view.set_annotation(annotation)
        view.set_bookmarks(self.state.bookmark_spans())
        self.query_one(EntityList).set_annotation(annotation)
        self._update_subtitle()
        self.refresh_card()

    def refresh_card(self) -> None:
        view = self.query_one(ArticleView)
        entity_id = view.current_entity
        entity = self.entities.get(entity_id) if entity_id else None
        card = self.shown.shown(entity_id)
        self.query_one(EntityCard).show(
            entity,
            card,
            state="ready" if card is not None else self.card_state,
            offline=self.offline,
            offline_line=self.offline_line() if self.went_offline else "",
            error=self.card_error,
            legend=view.legend() if self.annotation is not None else None,
            note=self.state.note(entity_id) if self.state is not None else None,
            keys=self._key_displays(),
        )

    def on_article_view_selected(self, message: ArticleView.Selected) -> None:
        self.current_span = message.span
        self.refresh_card()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        entity_id = message.option.id
        if entity_id and entity_id in self.entities:
            view = self.query_one(ArticleView)
            view.select_entity(entity_id)
            view.focus()

    def offline_line(self) -> str:
        """The one calm line for a reader whose Wikipedia went offline by itself."""
        key = self._key_displays().get("retry-wiki", "r")
        return (
            "Wikipedia is not reachable; showing cached and offline facts. "
            f"Press {key} to retry (--offline skips trying)."
        )

    # ---------------------------------------------------------------- actions
    def action_retry_wiki(self) -> None:
        """After Wikipedia went offline by itself: try the network again, for all cards."""
        if self._asked_offline:
            self.notify("Kontext was started with --offline; Wikipedia is not used.", markup=False)
            return
        if not self.went_offline:
            self.notify("Wikipedia is reachable; nothing to retry.", markup=False)
            return
        self.went_offline = ""
        self.offline = False
        self._update_subtitle()
        self.start_enrich()
        self.refresh_card()

    def action_toggle_list(self) -> None:
        """Open the list, unfiltered; close it from wherever the focus is.

        Focus moves at once, not on the next turn of the event loop: letters
        typed right after ``l`` are already queued and must reach the list.
        """
        if self.screen is not self.screen_stack[0] or self._typing_elsewhere():
            raise SkipAction  # a letter in a dialog or the search line
        panel = self.query_one(EntityPanel)
        if panel.entity_list.has_class("shown"):
            panel.close()
            self.screen.set_focus(self.query_one(ArticleView))
        else:
            self.screen.set_focus(panel.open())

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, except that on Linux a paste is read as one paste."""
        driver = super().get_driver_class()
        if (driver.__module__, driver.__name__) == ("textual.drivers.linux_driver", "LinuxDriver"):
            # Not the web driver of ``serve`` (it parses its own input), nor a test's.
            from tui.terminal_driver import PasteSafeLinuxDriver

            return PasteSafeLinuxDriver
        return driver

    async def on_event(self, event: events.Event) -> None:
        """A paste is cleaned and bounded once, here, before the focused field gets it."""
        if isinstance(event, events.Paste) and not event.is_forwarded:
            multiline = isinstance(self.focused, TextArea)
            text, dropped = bounded_paste(event.text, multiline=multiline)
            if dropped:
                self.notify(cut_notice(text, multiline), severity="warning", markup=False)
            if text != event.text:
                event = events.Paste(text)
        await super().on_event(event)

    def _typing_elsewhere(self) -> bool:
        """Is the focus in a text field other than the entity filter (the search line)?"""
        focused = self.focused
        return isinstance(focused, Input | TextArea) and not isinstance(focused, EntityFilter)

    def action_open_card(self) -> None:
        card = self.query_one(EntityCard)
        card.add_class("shown")
        card.focus()

    def action_focus_article(self) -> None:
        self.query_one(EntityCard).remove_class("shown")
        self.query_one(ArticleView).focus()

    def action_open_url(self) -> None:
        entity_id = self.query_one(ArticleView).current_entity
        url = clean_text(card_url(self.shown.shown(entity_id)))
        if not url:
            self.notify("No URL for the current entity.", markup=False)
            return
        if not url.startswith(("https://", "http://")):  # from the network: never file: etc.
            self.notify(f"Not opening a non-web URL: {url}", markup=False, severity="warning")
            return
        if self.is_web:  # `kontext serve`: the student's own browser opens a tab
            self.notify(f"Opening {url}", markup=False)
            self.open_url(url)
        elif can_launch_browser():
            self.notify(f"Opening {url}", markup=False)
            self.open_in_browser(url)
        else:  # over SSH a text browser would fight the reader for the terminal
            self.copy_to_clipboard(url)
            self.notify(
                f"{url}\nNo desktop to open it in; copied to the clipboard "
                "(if the terminal allows).",
                title="Wikipedia URL",
                markup=False,
                timeout=15,
            )

    @work(thread=True, group="browser", exit_on_error=False, description="open URL")
    def open_in_browser(self, url: str) -> None:
        """In a thread: ``webbrowser.open`` may wait for the browser to start."""
        self.open_url(url)


def can_launch_browser() -> bool:
    """Can a browser open without taking this terminal (a desktop, or not Linux/BSD)?"""
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
