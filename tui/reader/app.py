"""The reader: a keyboard-driven Textual app around one article.

The article is shown at once; NLP (``enrich.annotate``, which imports spaCy)
and enrichment (glossary, Wikipedia, facts) run in thread workers that post
the dataclass messages of ``tui.reader.messages``. Worker errors are handled in one
place, ``on_worker_state_changed``: they become a notification or a line on
the card, never a crash. The student's edits live in a ``SessionState``
(``enrich.session.state``); the app owns three controllers that change it and
write files: ``SessionController`` (resume, save, quit), ``EditController``
(corrections, notes, definitions) and ``ExportController``. The app holds the
theme and keys from config.toml (helpers in ``tui.reader.reader_settings``),
the help screen and the command palette.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.actions import SkipAction
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.widgets import Input, OptionList, TextArea
from textual.worker import Worker, WorkerState

from enrich.session.shown import ShownCards
from enrich.settings import load_settings
from enrich.text_clean import clean_text
from tui.reader.bindings import APP_BINDINGS, ARTICLE_BINDINGS
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
from tui.reader.palette import css_variables as label_css_variables
from tui.reader.paste import bounded_paste, cut_notice
from tui.reader.reader_screen import ReaderScreen
from tui.reader.reader_settings import ThemeWrites, merged_bindings, remap_keys
from tui.reader.screens.help import HelpScreen, binding_groups
from tui.reader.session_controller import SessionController
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import CardState, card_url
from tui.reader.widgets.entity_panel import EntityFilter
from tui.reader.widgets.seen_in import OpenSession
from tui.startup import resume_gc
from tui.ui_text import choose_ui_language, set_ui_language, tr, tr_binding

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.driver import Driver
    from textual.screen import Screen
    from textual.theme import Theme

    from enrich.annotate_process import ChildAnnotator
    from enrich.card import Card
    from enrich.enricher import Enricher
    from enrich.index import WikiChoice
    from enrich.model import Annotation, Article, Entity
    from enrich.session import Session, SessionStore
    from enrich.session.state import SessionState
    from enrich.settings import Settings
    from tui.reader.widgets.article_view import Span

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


class KontextApp(App[None]):
    """Read one article with its entities highlighted and explained."""

    CSS_PATH = "kontext.tcss"
    TITLE = "Kontext"
    # Not annotated: Textual declares it `ClassVar[...] | None`, which mypy reads as an
    # instance variable that a ClassVar here may not override. Not mutated.
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (see above)
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
        self.status = tr("annotating…")
        self.title = article.title or article.source
        self.state: SessionState | None = None
        self.current_span: Span | None = None
        delay = AUTOSAVE_DELAY if autosave_delay is None else autosave_delay
        self.sessions = SessionController(self, session, store, delay)
        self.edits = EditController(self, self.sessions)
        self.exports = ExportController(self, self.sessions)
        self.memory = MemoryController(self)

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

    # --------------------------------------------------- theme and keys
    def _init_settings(self, settings: Settings | None) -> None:
        """From ``__init__``: the first paint already has the theme and the keys.

        An unknown theme or binding id becomes a warning notification, never an error.
        """
        warnings: list[str] = []
        if settings is None:
            settings, warnings = load_settings()
        self.settings = settings
        # One interface language for the run: config.toml's, else the system locale's.
        self.ui_language = choose_ui_language(settings.ui_language)
        set_ui_language(self.ui_language)
        self.keymap: dict[str, str] = {}
        if settings.theme is not None:
            if settings.theme in self.available_themes:
                self.theme = settings.theme
            else:
                names = ", ".join(sorted(self.available_themes))
                warnings.append(
                    f"config.toml: unknown theme {clean_text(repr(settings.theme))}; using "
                    f"{self.theme} (themes: {names})"
                )
        self._themes = ThemeWrites(self.theme, settings.theme)
        if settings.keys:
            self.keymap, textual_keys, key_warnings = remap_keys(
                merged_bindings(type(self)), settings.keys
            )
            self.set_keymap(textual_keys)
            warnings += key_warnings
        self.settings_warnings = warnings

    def _mount_settings(self) -> None:
        """Called from ``on_mount``: report the settings' problems and follow theme changes."""
        for warning in self.settings_warnings:
            self.notify(warning, severity="warning", markup=False, timeout=12)
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def key_display(self, binding: Binding) -> str:
        """The binding's keys as the footer shows them, after ``[keys]`` remapping."""
        keys = self.keymap.get(binding.id or "")
        if keys is None:
            return str(binding.key_display or self.get_key_display(binding))
        return " or ".join(
            self.get_key_display(binding.with_key(key, key_display=None)) for key in keys.split(",")
        )

    def _theme_changed(self, theme: Theme) -> None:
        if self._themes.picked(theme.name):
            self.save_theme()

    @work(thread=True, group="settings", exit_on_error=False, description="saving the theme")
    def save_theme(self) -> None:
        """A broken config.toml is left as it is: the error becomes a notification."""
        saved = self._themes.write_latest()
        if saved is not None:
            name, path = saved
            self.call_from_thread(
                self.notify,
                tr("Theme {name} saved in {path}.", name=name, path=path),
                markup=False,
                timeout=4,
            )

    # ------------------------------------------------ help and palette
    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            groups = binding_groups()
            keys = {b.id or "": self.key_display(b) for _, bindings in groups for b in bindings}
            self.push_screen(HelpScreen(groups, keys))

    def reader_bindings(self) -> list[tuple[str, Binding]]:
        """(namespace, binding) for every binding of the reader, in help order."""
        return [("article", b) for b in ARTICLE_BINDINGS] + [("app", b) for b in APP_BINDINGS]

    def binding_keys(self, binding_id: str) -> frozenset[str]:
        """The keys that run the reader binding ``binding_id`` (after config.toml's [keys])."""
        for _, binding in self.reader_bindings():
            if binding.id == binding_id:
                keys = self.keymap.get(binding_id) or binding.key
                return frozenset(k.strip() for k in keys.split(","))
        return frozenset()

    def key_displays(self) -> dict[str, str]:
        """Binding id -> keys as shown (after config.toml's [keys])."""
        return {b.id or "": self.key_display(b) for _, b in self.reader_bindings()}

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, then the reader's that do something now.

        Search and selection commands appear only in their mode (the view's
        ``check_action``); none appear over a dialog, where the reader's keys
        do not work either.
        """
        yield from super().get_system_commands(screen)
        yield SystemCommand(tr("About Kontext"), tr("Recognizer, versions and credits"), self.about)
        views = screen.query(ArticleView)
        if screen.is_modal or not views:
            return
        view = views.first()
        keys = self.key_displays()
        for namespace, binding in self.reader_bindings():
            destination, name, parameters = parse_action(binding.action)
            target: DOMNode = self if destination == "app" or namespace == "app" else view
            if target.check_action(name, parameters) is not True:
                continue
            yield SystemCommand(
                tr_binding(binding.tooltip or binding.description),
                tr("key: {keys}", keys=keys.get(binding.id or "")),
                partial(self._run_binding, namespace, binding),
            )

    def about(self) -> None:
        """The recognizer, versions and credits, from the palette's "About Kontext"."""
        from tui.reader.about import about_text

        recognizer = self.annotation.recognizer if self.annotation is not None else None
        self.notify(about_text(recognizer), title=tr("About Kontext"), timeout=15, markup=False)

    async def _run_binding(self, namespace: str, binding: Binding) -> None:
        target = self.reader.article if namespace == "article" else self
        await self.run_action(binding.action, target)

    @property
    def cards(self) -> dict[str, Card]:
        """This run's lookups, keyed by entity id."""
        return self.shown.fresh

    # ------------------------------------------------------------------ setup
    def get_default_screen(self) -> ReaderScreen:
        self._reader = ReaderScreen(self.article)
        return self._reader

    @property
    def reader(self) -> ReaderScreen:
        """The main screen (the article, the entity list and the card), under any dialog."""
        return self._reader

    def on_mount(self) -> None:
        asyncio.get_running_loop().set_default_executor(
            _NoWaitExecutor(max_workers=WORKER_THREADS, thread_name_prefix="kontext-worker")
        )
        if self.is_web:  # `kontext serve`: quit if the server goes without ending us
            from tui.reader.parent_watch import watch_parent

            watch_parent(lambda: self.call_from_thread(self.server_gone))
        self._update_subtitle()  # the screen focuses the article when it mounts
        self._mount_settings()
        # The card's legend is drawn text: redraw it in the new theme's label colours.
        self.theme_changed_signal.subscribe(self, lambda _theme: self.refresh_card())
        for warning in self.article.warnings:
            self.notify(warning, severity="warning", markup=False)
        # The article's first frame comes before anything else.
        self.call_after_refresh(self._after_first_paint)

    def _after_first_paint(self) -> None:
        resume_gc()  # tui/startup.py: paused by `kontext read` until this first paint
        if not self.sessions.open_initial_session():
            if self._annotate is None:
                # Made here, on the event loop, so a quit at any moment can close it.
                from enrich.annotate_process import ChildAnnotator

                self._child_annotator = ChildAnnotator(model=self.model)
            self.run_annotate()
            self.sessions.run_find_sessions()

    def on_app_focus(self) -> None:
        """The browser page got the focus (`kontext serve`): the keys work now."""
        self.reader.show_page_focus(True)

    def on_app_blur(self) -> None:
        """The browser page lost the focus: the reader says to click it."""
        if self.is_web:
            self.reader.show_page_focus(False)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables plus its label palette (``$kontext-per`` …): Textual
        asks again on every theme switch, so the article, legend and card follow."""
        variables = super().get_css_variables()
        return {**variables, **label_css_variables(variables)}

    def get_theme(self, theme_name: str) -> Theme | None:
        """Textual looks the theme up for every line it draws, and its lookup copies
        the dict of all themes each time; a registered name needs no copy."""
        registered = getattr(self, "_registered_themes", None)
        theme = registered.get(theme_name) if isinstance(registered, dict) else None
        return theme if theme is not None else super().get_theme(theme_name)

    def _update_subtitle(self) -> None:
        """The header's right side, never cut: language, entity count, online/offline.

        The recognizer is not shown here: it is for developers (an About entry has it).
        """
        parts = [self.article.language, self.status]
        parts.append(tr("offline") if self.offline else tr("online"))
        if self.state is not None and self.state.dirty:
            parts.append(tr("unsaved"))
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
        view = self.reader.article
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
        self._update_subtitle()
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
        self._update_subtitle()
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
        self.reader.show_annotation(annotation, self.state.bookmark_spans())
        self._update_subtitle()
        self.refresh_card()
        self.memory.refresh_known()

    def refresh_card(self) -> None:
        view = self.reader.article
        entity_id = view.current_entity
        entity = self.entities.get(entity_id) if entity_id else None
        card = self.shown.shown(entity_id)
        self.reader.card.show(
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

    def action_article_map(self) -> None:
        """The map screen; the chosen entity becomes the current one."""
        if self.annotation is None or self._typing_elsewhere() or self.screen is not self.reader:
            return
        from enrich.article_map import article_map
        from enrich.model import Label
        from tui.reader.screens.article_map import ArticleMapScreen

        view = self.reader.article
        styles = {label: view.label_style(label) for label in Label}

        def chosen(entity_id: str | None) -> None:
            if entity_id and entity_id in self.entities:
                self.reader.go_to_entity(entity_id)

        rows = article_map(self.annotation)
        self.push_screen(ArticleMapScreen(rows, len(self.article.text), styles), chosen)

    def action_toggle_rule_changes(self) -> None:
        self.memory.toggle_rule_changes()

    def on_rejected_here(self, message: RejectedHere) -> None:
        self.memory.rejected_ready(message)

    def action_toggle_new_only(self) -> None:
        self.memory.toggle_new_only()

    def on_article_view_selected(self, message: ArticleView.Selected) -> None:
        self.current_span = message.span
        self.refresh_card()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        entity_id = message.option.id
        if entity_id and entity_id in self.entities:
            self.reader.go_to_entity(entity_id)

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

    def server_gone(self) -> None:
        """``kontext serve`` died without ending this reader: quit (``on_exit_app`` saves)."""
        self.exit()

    def on_exit_app(self) -> None:
        """Served and ended from outside: unsaved changes are saved on the way out."""
        self.sessions.save_on_exit()

    async def action_quit(self) -> None:
        """Async as App's is; the controller may ask first (unsaved changes) or wait for writes."""
        self.sessions.quit()

    def action_save(self) -> None:
        self.sessions.save_command()

    def action_export(self) -> None:
        self.exports.export()

    def action_reject(self, scope: str = "entity") -> None:
        self.edits.reject(scope)

    def action_relabel(self) -> None:
        self.edits.relabel()

    def action_add_entity(self) -> None:
        self.edits.add_entity()

    def action_undo(self) -> None:
        self.edits.undo()

    def action_note(self) -> None:
        self.edits.note()

    def action_bookmark(self) -> None:
        self.edits.bookmark()

    def action_define(self) -> None:
        self.edits.define()

    def action_choose_wiki(self) -> None:
        self.edits.choose_wiki()

    # ---------------------------------------------------------------- actions
    def action_retry_wiki(self) -> None:
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
        panel = self.reader.panel
        if panel.entity_list.has_class("shown"):
            panel.close()
            self.screen.set_focus(self.reader.article)
        else:
            self.screen.set_focus(panel.open())

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, except that on Linux a paste is read as one paste."""
        driver = super().get_driver_class()
        if (driver.__module__, driver.__name__) == ("textual.drivers.linux_driver", "LinuxDriver"):
            # Not the web driver of ``serve`` (it parses its own input), nor a test's.
            from tui.reader.terminal_driver import PasteSafeLinuxDriver

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
        self.reader.open_card()

    def action_focus_article(self) -> None:
        self.reader.focus_article()

    def action_open_url(self) -> None:
        entity_id = self.reader.article.current_entity
        url = clean_text(card_url(self.shown.shown(entity_id)))
        if not url:
            self.notify(tr("No URL for the current entity."), markup=False)
            return
        if not url.startswith(("https://", "http://")):  # from the network: never file: etc.
            self.notify(
                tr("Not opening a non-web URL: {url}", url=url), markup=False, severity="warning"
            )
            return
        if self.is_web:  # `kontext serve`: the student's own browser opens a tab
            self.notify(tr("Opening {url}", url=url), markup=False)
            self.open_url(url)
        elif can_launch_browser():
            self.notify(tr("Opening {url}", url=url), markup=False)
            self.open_in_browser(url)
        else:  # over SSH a text browser would fight the reader for the terminal
            self.copy_to_clipboard(url)
            self.notify(
                tr(
                    "{url}\nNo desktop to open it in; copied to the clipboard "
                    "(if the terminal allows).",
                    url=url,
                ),
                title=tr("Wikipedia URL"),
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
