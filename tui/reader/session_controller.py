"""The reader's session lifecycle: resume, autosave, save and quit.

``SessionController`` is owned by ``ReaderScreen`` and holds a typed reference
to it (for widgets, workers and notifications). Saves run
in a worker, one at a time; a failed save leaves the session dirty, says so
in one line and is retried (after 5 s, 30 s, then every 2 minutes), as is the
next change, ``s`` or quit. Nothing the student wrote is dropped on the way
out: quitting with unsaved changes asks, and quitting while an export or a
glossary write runs waits for it (``WriteTracker``).
"""

from __future__ import annotations

import asyncio
import itertools
import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual.worker import Worker, WorkerState, WorkType

from tui.reader.messages import SessionSaved, SessionsFound
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.timer import Timer

    from enrich.model import Annotation
    from enrich.session import Session, SessionStore
    from enrich.session.state import SessionState
    from tui.reader.reader_screen import ReaderScreen

# Seconds before retrying a failed save: the first, second, and every later failure.
RETRY_DELAYS = (5.0, 30.0, 120.0)
# A save whose name now holds another article moves to a fresh name; this often at most.
_RENAME_TRIES = 5


_ACTIVE = (WorkerState.PENDING, WorkerState.RUNNING)


class WriteTracker:
    """Writes besides the session (exports, the glossary) that quitting waits for.

    The CLI ends the process right after the app (``os._exit``), and the loop's
    executor drops jobs still queued when it shuts down. So every such write is
    tracked from the moment it is started, and quitting waits until the tracked
    writes are done (``q`` again quits at once).
    """

    def __init__(self) -> None:
        self._writes: dict[int, tuple[str, Worker[Any] | None]] = {}
        self._ids = itertools.count()

    def track(self, what: str, start: Callable[[int], Worker[Any]]) -> None:
        """Start a write with ``start(token)``; its worker calls ``done(token)``.

        ``what`` names it for the user ("the export"). Tracked before the worker
        exists, so a job still queued in the executor counts too.
        """
        token = next(self._ids)
        self._writes[token] = (what, None)
        worker = start(token)
        if token in self._writes:  # not done already
            self._writes[token] = (what, worker)

    def done(self, token: int) -> None:
        """Called by the worker (any thread) once the file is written or has failed."""
        self._writes.pop(token, None)

    def pending(self) -> list[str]:
        """What is still being written (a worker that ended without saying so is dropped)."""
        busy = []
        for token, (what, worker) in list(self._writes.items()):
            if worker is None or worker.state in _ACTIVE:
                busy.append(what)
            else:
                self._writes.pop(token, None)
        return busy


class SessionController:
    """Resume, save, autosave and quit for the reader ``screen``."""

    def __init__(
        self,
        screen: ReaderScreen,
        session: Session | None,
        store: SessionStore | None,
        autosave_delay: float,
    ) -> None:
        self._screen = screen
        # Replayed here, before the event loop runs: a long correction log on a
        # big article takes longer than a frame.
        self._initial_state: SessionState | None = None
        if session is not None:
            from enrich.session.state import SessionState

            self._initial_state = SessionState.resumed(session)
        self._store = store
        self._pending_annotation: Annotation | None = None
        self._decided = session is not None  # whether to resume is settled
        self._fresh_name = ""
        self._saving = False
        self._save_again = False
        self._quit_after_save = False
        self._announce_save = False
        self._autosave_timer: Timer | None = None
        self._save_failures = 0
        self._discarded = False  # the student chose to quit without saving
        self.autosave_delay = autosave_delay
        self.retry_delays: tuple[float, ...] = RETRY_DELAYS
        self.writes = WriteTracker()
        self._quit_waiting = False

    @property
    def store(self) -> SessionStore:
        if self._store is None:
            from enrich.session import SessionStore

            self._store = SessionStore()
        return self._store

    def record_cards(self, entity_ids: list[str]) -> None:
        """Keep what the cards show in the session, so it reads offline (not an edit)."""
        if self._screen.state is not None:
            self._screen.state.record_enrichment(self._screen.shown.all_shown(entity_ids))

    def position(self) -> tuple[int, str | None]:
        """The reading offset and the current entity, as a session stores them."""
        view = self._screen.article
        return view.reading_offset, view.current_entity

    # ---------------------------------------------------------------- resume
    def open_initial_session(self) -> bool:
        """``kontext read --session NAME``: show the saved session at once, no NLP."""
        if self._initial_state is None:
            return False
        self.begin(self._initial_state, resumed=True)
        return True

    def run_find_sessions(self) -> None:
        """Look for saved sessions of this article in a worker."""
        self._screen.run_worker(
            self._find_sessions,
            thread=True,
            exclusive=True,
            group="session-find",
            exit_on_error=False,
            description="reading saved sessions",
        )

    def _find_sessions(self) -> None:
        from enrich.session import default_name
        from enrich.session.convert import model_version
        from enrich.session.model import text_hash
        from enrich.session.state import SessionState

        model_version()  # cached for SessionState.fresh, which runs on the event loop
        store = self.store
        base = default_name(self._screen.document.title, self._screen.document.source)
        # A corrupt file never hides the others; one that may be this article's is said.
        found = store.sessions_of_article(text_hash(self._screen.document.text), base)
        session = store.load(found.names[0]) if found.names else None
        state = SessionState.resumed(session) if session is not None else None
        fresh = store.free_name(base)
        unreadable = [str(error) for error in found.unreadable]
        self._screen.post_message(SessionsFound(session, fresh, state, unreadable))

    def sessions_found(self, message: SessionsFound) -> None:
        self._fresh_name = message.fresh_name
        saved = message.state
        for line in message.unreadable:
            where = (
                tr("'{name}' is offered instead", name=saved.name)
                if saved is not None
                else tr("this reading will be saved as '{name}'", name=message.fresh_name)
            )
            self._screen.notify(
                tr(
                    "A saved session of this article cannot be read: {error}; {where}.",
                    error=line,
                    where=where,
                ),
                severity="warning",
                timeout=30,
                markup=False,
            )
        if saved is None:
            self._decided = True
            self._begin_if_ready()
            return

        def chosen(answer: str | None) -> None:
            self._decided = True
            from tui.reader.screens.resume import FRESH

            if answer == FRESH:
                self._begin_if_ready()
            else:  # escape resumes too: it loses nothing
                self.begin(saved, resumed=True)

        from tui.reader.screens.resume import ResumeScreen

        self._screen.app.push_screen(
            ResumeScreen(saved.session, len(saved.annotation.entities)), chosen
        )

    def sessions_unreadable(self, line: str) -> None:
        from enrich.errors import KontextError
        from enrich.session import default_name

        self._screen.notify(
            tr("Could not read saved sessions: {error}", error=line),
            severity="warning",
            markup=False,
        )
        self._decided = True
        fallback = f"{default_name(self._screen.document.title, self._screen.document.source)}-new"
        try:  # a few stat calls; a name in use would merge into another session
            self._fresh_name = self.store.free_name(fallback)
        except (KontextError, OSError):
            self._fresh_name = fallback  # a save that finds it taken moves on (run_save)
        self._begin_if_ready()

    def annotation_arrived(self, annotation: Annotation) -> None:
        self._pending_annotation = annotation
        self._begin_if_ready()

    def _begin_if_ready(self) -> None:
        annotation = self._pending_annotation
        if self._screen.state is None and self._decided and annotation is not None:
            from enrich.session.state import SessionState

            self.begin(SessionState.fresh(self._fresh_name or "session", annotation))
            for warning in annotation.warnings:
                self._screen.notify(warning, severity="warning", markup=False)

    def begin(self, state: SessionState, *, resumed: bool = False) -> None:
        """Show ``state``; a resumed one also gets its position back."""
        self._screen.state = state
        self._screen.shown.choices = dict(state.session.wiki_choices)
        if resumed:  # the saved cards show at once, offline too
            self._screen.shown.saved.update(state.session.enrichment)
        self._screen.show_annotation()
        if resumed:
            position = state.session.position
            for warning in state.annotation.warnings:  # corrections that no longer apply
                self._screen.notify(warning, severity="warning", markup=False)
            self._screen.call_after_refresh(
                self._restore_position, position.offset, position.entity_id
            )
            self._screen.notify(tr("Resumed session '{name}'.", name=state.name), markup=False)
        # After the first layout (and the restored scroll): what is on screen is looked up first.
        self._screen.card_state = "loading"
        self._screen.call_after_refresh(self._screen.start_enrich)

    def _restore_position(self, offset: int, entity_id: str) -> None:
        view = self._screen.article
        if entity_id and entity_id in self._screen.entities:
            view.select_entity(entity_id)
        view.scroll_to_offset(offset)

    # ------------------------------------------------------------------ save
    def changed(self) -> None:
        """After every edit: the subtitle says "unsaved" and autosave is (re)armed.

        An infinite ``autosave_delay`` (tests) arms nothing: only ``s``, quit and the
        retry after a failed save write.
        """
        self._screen.update_subtitle()
        if math.isfinite(self.autosave_delay):
            self._arm_autosave(self.autosave_delay)

    def _arm_autosave(self, delay: float) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self._screen.set_timer(delay, self._autosave)

    def _autosave(self) -> None:
        self._autosave_timer = None
        if self._screen.state is not None and self._screen.state.dirty:
            self.save()

    def save_command(self) -> None:
        """``s``: save now and say where."""
        if self._screen.state is None:
            self._screen.notify(tr("Nothing to save yet: still finding entities…"), markup=False)
            return
        self.save(announce=True)

    def save(self, *, quit_after: bool = False, announce: bool = False) -> None:
        """Save in a worker; while one runs, remember to save again when it is done."""
        if self._screen.state is None:
            return
        self._quit_after_save = self._quit_after_save or quit_after
        self._announce_save = self._announce_save or announce
        if self._saving:
            self._save_again = True
            return
        self.record_cards(list(self._screen.entities))
        session, changes = self._screen.state.snapshot(*self.position())
        self._saving = True
        self._save_again = False
        self.run_save(session, changes, self._screen.state.base)

    def run_save(self, session: Session, changes: int, base: Annotation) -> None:
        """Save in a worker, one at a time (``save`` keeps the order)."""
        self._screen.run_worker(
            lambda: self._save_now(session, changes, base),
            thread=True,
            group="session-save",
            exit_on_error=False,
            description="save",
        )

    def _save_now(self, session: Session, changes: int, base: Annotation) -> None:
        """Save; a name that now holds another article moves to a free one (said on screen).

        A merged session is replayed here, not on the event loop.
        """
        from enrich.session.state import replay

        wanted = session.name
        result = self.store.save_under_free_name(session, tries=_RENAME_TRIES)
        steps = replay(base, result.session.corrections) if result.merged else None
        renamed = wanted if result.session.name != wanted else ""
        self._screen.post_message(SessionSaved(result, changes, steps, renamed))

    def saved(self, message: SessionSaved) -> None:
        self._saving = False
        self._save_failures = 0
        result = message.result
        if self._screen.state is None:
            return
        merged = self._screen.state.mark_saved(
            message.changes, result.session, merged=result.merged, steps=message.steps
        )
        if merged:
            self._screen.shown.choices = dict(self._screen.state.session.wiki_choices)
            self._screen.show_annotation()
        if message.renamed_from:
            self._screen.notify(
                tr(
                    "The session name '{old}' now holds another article, so your session was "
                    "saved as '{name}'.",
                    old=message.renamed_from,
                    name=result.session.name,
                ),
                severity="warning",
                timeout=10,
                markup=False,
            )
        if result.merged:
            taken = "; ".join(result.merge.messages)
            self._screen.notify(
                tr("Merged with another Kontext's save: {what}", what=taken), markup=False
            )
        if self._announce_save and not self._screen.state.dirty:
            path = self.store.path(self._screen.state.name)
            self._screen.notify(
                tr("Saved session '{name}' ({path}).", name=self._screen.state.name, path=path),
                markup=False,
            )
            self._announce_save = False
        self._screen.update_subtitle()
        if self._save_again or (self._quit_after_save and self._screen.state.dirty):
            self.save()
        elif self._quit_after_save:
            self._screen.app.exit()

    def save_failed(self, line: str) -> None:
        """Keep everything in memory, dirty, say so, and try again later (backing off).

        The retry also saves whatever changed while the failed save ran
        (``_save_again``); quitting still asks.
        """
        self._saving = False
        self._save_again = False  # the retry below saves the newest state
        announced, self._announce_save = self._announce_save, False
        quit_after, self._quit_after_save = self._quit_after_save, False
        if quit_after and self._screen.state is not None and not self._screen.state.dirty:
            self._screen.app.exit()  # only the reading position was not saved
            return
        if quit_after:  # the reader stays: a later quit must not open another article
            self._screen.memory.next_session = ""
        self._save_failures += 1
        delays = self.retry_delays
        delay = delays[min(self._save_failures, len(delays)) - 1]
        self._arm_autosave(delay)
        if self._save_failures == 1 or announced or quit_after:
            self._screen.notify(
                tr(
                    "Could not save the session: {error}. Your changes are kept; Kontext tries "
                    "again in {delay} (or press s).",
                    error=line,
                    delay=_duration(delay),
                ),
                severity="error",
                timeout=10,
                markup=False,
            )
        self._screen.update_subtitle()

    # ---------------------------------------------------------------- quit
    def save_on_exit(self) -> None:
        """Served, and ended from outside (tab closed, server stopped or gone): nobody
        can be asked, so unsaved changes are saved here, at once, on the way out.

        In a terminal every way out goes through ``action_quit``, which asks.
        """
        if (
            not self._screen.app.is_web
            or self._discarded
            or self._screen.state is None
            or not self._screen.state.dirty
        ):
            return
        import contextlib

        from enrich.errors import KontextError

        self.record_cards(list(self._screen.entities))
        session, _ = self._screen.state.snapshot(*self.position())
        # The process ends now: if this fails, the last autosave is what there is.
        with contextlib.suppress(KontextError, OSError):
            # Under a free name if another article took this one meanwhile, as `s` does.
            self.store.save_under_free_name(session)

    def wait_for_writes_before_quitting(self) -> bool:
        """True if quitting has to wait (it then quits by itself once the writes are done)."""
        if self._quit_waiting:  # q again while waiting: the student wants out now
            self._quit_waiting = False
            self._screen.app.workers.cancel_group(self._screen, "quit-wait")
            return False
        busy = self.writes.pending()
        if not busy:
            return False
        self._quit_waiting = True
        what = " and ".join(dict.fromkeys(busy))
        self._screen.notify(
            tr("Finishing {what} before quitting… (press q again to quit at once)", what=what),
            markup=False,
        )
        # Typed here: mypy cannot choose between WorkType's callables for an async method.
        wait: WorkType[None] = self._quit_when_written
        self._screen.run_worker(
            wait,
            exclusive=True,
            group="quit-wait",
            exit_on_error=False,
            description="quit",
        )
        return True

    async def _quit_when_written(self) -> None:
        # Polls the tracker: writes finish in worker threads that post no common message.
        while self.writes.pending():
            await asyncio.sleep(0.05)
        self._quit_waiting = False
        # After the messages the writes posted (a failed definition becomes a draft first).
        self._screen.call_later(self.quit)

    def quit(self) -> None:
        """Quit, asking first when something is unsaved; wait for writes still running."""
        if self.wait_for_writes_before_quitting():
            return
        state = self._screen.state
        if state is None:
            self._screen.app.exit()
        elif state.dirty:
            from tui.reader.screens.confirm import ChoiceScreen

            def answered(answer: str | None) -> None:
                if answer == "save":
                    self.save(quit_after=True, announce=True)
                elif answer == "discard":
                    self._discarded = True
                    self._screen.app.exit()
                else:  # cancelled: stay, and open no other article on a later quit
                    self._screen.memory.next_session = ""

            details = tr("Session '{name}'", name=state.name)
            if state.drafts_unsaved:
                details += tr(
                    "\nIt holds an unsaved note draft (text you typed and closed with escape): "
                    "saving keeps it for next time."
                )
            self._screen.app.push_screen(
                ChoiceScreen(
                    tr("You have unsaved changes."),
                    [
                        ("save", tr("Save and quit")),
                        ("discard", tr("Quit without saving")),
                        ("cancel", tr("Cancel")),
                    ],
                    details,
                ),
                answered,
            )
        elif state.stored and state.position_moved(*self.position()):
            self.save(quit_after=True)  # the reading position, quietly
        else:
            self._screen.app.exit()


def _duration(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{int(seconds // 60)} min"
    return f"{seconds:g} s"
