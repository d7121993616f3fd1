"""The reader: a keyboard-driven Textual app around one article.

The app holds what is the same for every screen: the theme and keys from
config.toml (helpers in ``tui.reader.reader_settings``), the help screen, the
command palette, the paste-safe driver and the thread pool the workers run in.
The reading itself (the annotation, the cards, the session state, the workers
and the controllers that save and edit) is ``ReaderScreen``'s
(``tui.reader.reader_screen``), the first screen; the app's key bindings call
it through ``reader``, also while a dialog is on top, as they did before.
"""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.actions import parse as parse_action
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.worker import Worker

from enrich.settings import load_settings
from enrich.text_clean import clean_text
from tui.reader.bindings import APP_BINDINGS, ARTICLE_BINDINGS
from tui.reader.palette import css_variables as label_css_variables
from tui.reader.paste import bounded_paste, cut_notice
from tui.reader.reader_screen import AnnotateFn, EnricherFactory, ReaderScreen
from tui.reader.reader_settings import ThemeWrites, merged_bindings, remap_keys
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import card_url
from tui.startup import resume_gc
from tui.ui_text import choose_ui_language, set_ui_language, tr, tr_binding

if TYPE_CHECKING:
    from textual.dom import DOMNode
    from textual.driver import Driver
    from textual.screen import Screen
    from textual.theme import Theme

    from enrich.model import Article
    from enrich.session import Session, SessionStore
    from enrich.settings import Settings

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
        # What the reader screen starts with (``reader`` makes it on first use).
        self.article = article
        self.model = model
        self.offline = offline
        self._annotate = annotate
        self._enricher_factory = enricher_factory
        self._session = session
        self._store = store
        self._autosave_delay = AUTOSAVE_DELAY if autosave_delay is None else autosave_delay
        self.title = article.title or article.source
        self._reader: ReaderScreen | None = None

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
        # Opened by a key, after the first frame (tui/startup.py: AFTER_FIRST_PAINT).
        from tui.reader.screens.help import HelpScreen, binding_groups

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
        for command in super().get_system_commands(screen):  # Textual's, in our words
            yield command._replace(title=tr(command.title), help=tr(command.help))
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

        annotation = self.reader.annotation
        recognizer = annotation.recognizer if annotation is not None else None
        self.notify(about_text(recognizer), title=tr("About Kontext"), timeout=15, markup=False)

    async def _run_binding(self, namespace: str, binding: Binding) -> None:
        target = self.reader.article if namespace == "article" else self
        await self.run_action(binding.action, target)

    # ------------------------------------------------------------------ setup
    def get_default_screen(self) -> ReaderScreen:
        return self.reader

    @property
    def reader(self) -> ReaderScreen:
        """The main screen (the article, the entity list and the card), under any dialog.

        Made on first use, from what the app was made with: when the app runs, or
        before (``kontext read`` asks it for the next article after the run).
        """
        if self._reader is None:
            self._reader = ReaderScreen(
                self.article,
                model=self.model,
                offline=self.offline,
                annotate=self._annotate,
                enricher_factory=self._enricher_factory,
                session=self._session,
                store=self._store,
                autosave_delay=self._autosave_delay,
                key_displays=self.key_displays,
            )
        return self._reader

    def on_mount(self) -> None:
        asyncio.get_running_loop().set_default_executor(
            _NoWaitExecutor(max_workers=WORKER_THREADS, thread_name_prefix="kontext-worker")
        )
        if self.is_web:  # `kontext serve`: quit if the server goes without ending us
            from tui.reader.parent_watch import watch_parent

            watch_parent(lambda: self.call_from_thread(self.server_gone))
        self._mount_settings()  # the screen focuses the article when it mounts
        for warning in self.article.warnings:
            self.notify(warning, severity="warning", markup=False)
        # The article's first frame comes before anything else.
        self.call_after_refresh(self._after_first_paint)

    async def _after_first_paint(self) -> None:
        resume_gc()  # tui/startup.py: paused by `kontext read` until this first paint
        # Awaited here, in the app's own queue: no key reaches the reader before
        # the hidden parts are mounted (tui/startup.py: HIDDEN_AT_FIRST_PAINT).
        await self.reader.mount_hidden_parts()
        self.reader.start_reading()

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The app's own workers (saving the theme, opening a URL): their errors are
        reported where the reader's are, in ``ReaderScreen.on_worker_state_changed``."""
        self.reader.on_worker_state_changed(event)

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

    def server_gone(self) -> None:
        """``kontext serve`` died without ending this reader: quit (``on_exit_app`` saves)."""
        self.exit()

    def on_exit_app(self) -> None:
        """Served and ended from outside: unsaved changes are saved on the way out."""
        self.reader.sessions.save_on_exit()

    async def action_quit(self) -> None:
        """Async as App's is; the controller may ask first (unsaved changes) or wait for writes."""
        self.reader.sessions.quit()

    def action_save(self) -> None:
        self.reader.sessions.save_command()

    def action_export(self) -> None:
        self.reader.exports.export()

    def action_reject(self, scope: str = "entity") -> None:
        self.reader.edits.reject(scope)

    def action_relabel(self) -> None:
        self.reader.edits.relabel()

    def action_add_entity(self) -> None:
        self.reader.edits.add_entity()

    def action_undo(self) -> None:
        self.reader.edits.undo()

    def action_note(self) -> None:
        self.reader.edits.note()

    def action_bookmark(self) -> None:
        self.reader.edits.bookmark()

    def action_define(self) -> None:
        self.reader.edits.define()

    def action_choose_wiki(self) -> None:
        self.reader.edits.choose_wiki()

    # --------------------------------------------- the reader's keys
    def action_retry_wiki(self) -> None:
        self.reader.retry_wiki()

    def action_toggle_list(self) -> None:
        self.reader.toggle_list()

    def action_article_map(self) -> None:
        self.reader.article_map()

    def action_toggle_rule_changes(self) -> None:
        self.reader.memory.toggle_rule_changes()

    def action_toggle_new_only(self) -> None:
        self.reader.memory.toggle_new_only()

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
            # Only the note and define dialogs have one (tui/startup.py: AFTER_FIRST_PAINT).
            from textual.widgets import TextArea

            multiline = isinstance(self.focused, TextArea)
            text, dropped = bounded_paste(event.text, multiline=multiline)
            if dropped:
                self.notify(cut_notice(text, multiline), severity="warning", markup=False)
            if text != event.text:
                event = events.Paste(text)
        await super().on_event(event)

    def action_open_card(self) -> None:
        self.reader.open_card()

    def action_focus_article(self) -> None:
        self.reader.focus_article()

    def action_open_url(self) -> None:
        entity_id = self.reader.article.current_entity
        url = clean_text(card_url(self.reader.shown.shown(entity_id)))
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
