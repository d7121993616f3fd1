"""The reader's session lifecycle: resume, autosave, save and quit.

A mixin of ``KontextApp`` (it uses the app's widgets and workers). Saves run
in a worker, one at a time; a failed save leaves the session dirty, says so
in one line and is retried (after 5 s, 30 s, then every 2 minutes), as is the
next change, ``s`` or quit. Nothing the student wrote is dropped on the way
out: quitting with unsaved changes asks, and quitting while an export or a
glossary write runs waits for it (``tui.reader.session_writes``).
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from textual import work

from tui.reader.messages import SessionSaved, SessionsFound
from tui.reader.session_writes import SessionWrites
from tui.reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from textual.timer import Timer

    from enrich.model import Annotation
    from enrich.session import Session, SessionStore
    from tui.session_state import SessionState

# Seconds before retrying a failed save: the first, second, and every later failure.
RETRY_DELAYS = (5.0, 30.0, 120.0)
# A save whose name now holds another article moves to a fresh name; this often at most.
_RENAME_TRIES = 5


class SessionActions(SessionWrites):
    """Resume, save, autosave, export and quit for ``KontextApp``."""

    _initial_state: SessionState | None
    _store: SessionStore | None
    _pending_annotation: Annotation | None
    _decided: bool
    _fresh_name: str
    _saving: bool
    _save_again: bool
    _quit_after_save: bool
    _announce_save: bool
    _autosave_timer: Timer | None
    _save_failures: int
    _discarded: bool
    autosave_delay: float
    retry_delays: tuple[float, ...]

    def _init_session(
        self, session: Session | None, store: SessionStore | None, autosave_delay: float
    ) -> None:
        # Replayed here, before the event loop runs: a long correction log on a
        # big article takes longer than a frame.
        self._initial_state = None
        if session is not None:
            from tui.session_state import SessionState

            self._initial_state = SessionState.resumed(session)
        self._store = store
        self._pending_annotation = None
        self._decided = session is not None  # whether to resume is settled
        self._fresh_name = ""
        self._saving = False
        self._save_again = False
        self._quit_after_save = False
        self._announce_save = False
        self._autosave_timer = None
        self._save_failures = 0
        self._discarded = False  # the student chose to quit without saving
        self.autosave_delay = autosave_delay
        self.retry_delays = RETRY_DELAYS
        self._init_writes()

    @property
    def store(self) -> SessionStore:
        if self._store is None:
            from enrich.session import SessionStore

            self._store = SessionStore()
        return self._store

    def record_cards(self: Any, entity_ids: list[str]) -> None:
        """Keep what the cards show in the session, so it reads offline (not an edit)."""
        if self.state is not None:
            self.state.record_enrichment(self.shown.all_shown(entity_ids))

    def _position(self: Any) -> tuple[int, str | None]:
        view = self.query_one(ArticleView)
        return view.reading_offset, view.current_entity

    # ---------------------------------------------------------------- resume
    def _open_initial_session(self: Any) -> bool:
        """``kontext read --session NAME``: show the saved session at once, no NLP."""
        if self._initial_state is None:
            return False
        self.begin(self._initial_state, resumed=True)
        return True

    @work(
        thread=True,
        exclusive=True,
        group="session-find",
        exit_on_error=False,
        description="reading saved sessions",
    )
    def run_find_sessions(self: Any) -> None:
        from enrich.session import default_name
        from enrich.session.convert import model_version
        from enrich.session.model import text_hash
        from tui.session_state import SessionState

        model_version()  # cached for SessionState.fresh, which runs on the event loop
        store = self.store
        base = default_name(self.article.title, self.article.source)
        # A corrupt file never hides the others; one that may be this article's is said.
        found = store.sessions_of_article(text_hash(self.article.text), base)
        session = store.load(found.names[0]) if found.names else None
        state = SessionState.resumed(session) if session is not None else None
        fresh = store.free_name(base)
        unreadable = [str(error) for error in found.unreadable]
        self.post_message(SessionsFound(session, fresh, state, unreadable))

    def on_sessions_found(self: Any, message: SessionsFound) -> None:
        self._fresh_name = message.fresh_name
        saved = message.state
        for line in message.unreadable:
            where = (
                f"'{saved.name}' is offered instead"
                if saved is not None
                else f"this reading will be saved as '{message.fresh_name}'"
            )
            self.notify(
                f"A saved session of this article cannot be read: {line}; {where}.",
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

        self.push_screen(ResumeScreen(saved.session, len(saved.annotation.entities)), chosen)

    def sessions_unreadable(self: Any, line: str) -> None:
        from enrich.errors import KontextError
        from enrich.session import default_name

        self.notify(f"Could not read saved sessions: {line}", severity="warning", markup=False)
        self._decided = True
        fallback = f"{default_name(self.article.title, self.article.source)}-new"
        try:  # a few stat calls; a name in use would merge into another session
            self._fresh_name = self.store.free_name(fallback)
        except (KontextError, OSError):
            self._fresh_name = fallback  # a save that finds it taken moves on (run_save)
        self._begin_if_ready()

    def annotation_arrived(self: Any, annotation: Annotation) -> None:
        self._pending_annotation = annotation
        self._begin_if_ready()

    def _begin_if_ready(self: Any) -> None:
        annotation = self._pending_annotation
        if self.state is None and self._decided and annotation is not None:
            from tui.session_state import SessionState

            self.begin(SessionState.fresh(self._fresh_name or "session", annotation))
            for warning in annotation.warnings:
                self.notify(warning, severity="warning", markup=False)

    def begin(self: Any, state: SessionState, *, resumed: bool = False) -> None:
        """Show ``state``; a resumed one also gets its position back."""
        self.state = state
        self.shown.choices = dict(state.session.wiki_choices)
        if resumed:  # the saved cards show at once, offline too
            self.shown.saved.update(state.session.enrichment)
        self.show_annotation()
        if resumed:
            position = state.session.position
            for warning in state.annotation.warnings:  # corrections that no longer apply
                self.notify(warning, severity="warning", markup=False)
            self.call_after_refresh(self._restore_position, position.offset, position.entity_id)
            self.notify(f"Resumed session '{state.name}'.", markup=False)
        # After the first layout (and the restored scroll): what is on screen is looked up first.
        self.card_state = "loading"
        self.call_after_refresh(self.start_enrich)

    def _restore_position(self: Any, offset: int, entity_id: str) -> None:
        view = self.query_one(ArticleView)
        if entity_id and entity_id in self.entities:
            view.select_entity(entity_id)
        view.scroll_to_offset(offset)

    # ------------------------------------------------------------------ save
    def changed(self: Any) -> None:
        """After every edit: the subtitle says "unsaved" and autosave is (re)armed.

        An infinite ``autosave_delay`` (tests) arms nothing: only ``s``, quit and the
        retry after a failed save write.
        """
        self._update_subtitle()
        if math.isfinite(self.autosave_delay):
            self._arm_autosave(self.autosave_delay)

    def _arm_autosave(self: Any, delay: float) -> None:
        if self._autosave_timer is not None:
            self._autosave_timer.stop()
        self._autosave_timer = self.set_timer(delay, self._autosave)

    def _autosave(self: Any) -> None:
        self._autosave_timer = None
        if self.state is not None and self.state.dirty:
            self.save()

    def action_save(self: Any) -> None:
        if self.state is None:
            self.notify("Nothing to save yet: still finding entities…", markup=False)
            return
        self.save(announce=True)

    def save(self: Any, *, quit_after: bool = False, announce: bool = False) -> None:
        """Save in a worker; while one runs, remember to save again when it is done."""
        if self.state is None:
            return
        self._quit_after_save = self._quit_after_save or quit_after
        self._announce_save = self._announce_save or announce
        if self._saving:
            self._save_again = True
            return
        self.record_cards(list(self.entities))
        session, changes = self.state.snapshot(*self._position())
        self._saving = True
        self._save_again = False
        self.run_save(session, changes, self.state.base)

    @work(thread=True, group="session-save", exit_on_error=False, description="save")
    def run_save(self: Any, session: Session, changes: int, base: Annotation) -> None:
        """Save; a name that now holds another article moves to a free one (said on screen).

        A merged session is replayed here, not on the event loop.
        """
        import msgspec

        from enrich.session import NameTakenError
        from tui.session_state import replay

        store = self.store
        wanted = session.name
        for attempt in range(_RENAME_TRIES + 1):
            try:
                result = store.save_with_report(session)
                break
            except NameTakenError:
                if attempt == _RENAME_TRIES:
                    raise
                session = msgspec.structs.replace(session, name=store.free_name(wanted))
        steps = replay(base, result.session.corrections) if result.merged else None
        renamed = wanted if result.session.name != wanted else ""
        self.post_message(SessionSaved(result, changes, steps, renamed))

    def on_session_saved(self: Any, message: SessionSaved) -> None:
        self._saving = False
        self._save_failures = 0
        result = message.result
        if self.state is None:
            return
        merged = self.state.mark_saved(
            message.changes, result.session, merged=result.merged, steps=message.steps
        )
        if merged:
            self.shown.choices = dict(self.state.session.wiki_choices)
            self.show_annotation()
        if message.renamed_from:
            self.notify(
                f"The session name '{message.renamed_from}' now holds another article, so "
                f"your session was saved as '{result.session.name}'.",
                severity="warning",
                timeout=10,
                markup=False,
            )
        if result.merged:
            taken = "; ".join(result.merge.messages)
            self.notify(f"Merged with another Kontext's save: {taken}", markup=False)
        if self._announce_save and not self.state.dirty:
            path = self.store.path(self.state.name)
            self.notify(f"Saved session '{self.state.name}' ({path}).", markup=False)
            self._announce_save = False
        self._update_subtitle()
        if self._save_again or (self._quit_after_save and self.state.dirty):
            self.save()
        elif self._quit_after_save:
            self.exit()

    def save_failed(self: Any, line: str) -> None:
        """Keep everything in memory, dirty, say so, and try again later (backing off).

        The retry also saves whatever changed while the failed save ran
        (``_save_again``); quitting still asks.
        """
        self._saving = False
        self._save_again = False  # the retry below saves the newest state
        announced, self._announce_save = self._announce_save, False
        quit_after, self._quit_after_save = self._quit_after_save, False
        if quit_after and self.state is not None and not self.state.dirty:
            self.exit()  # only the reading position was not saved
            return
        self._save_failures += 1
        delays = self.retry_delays
        delay = delays[min(self._save_failures, len(delays)) - 1]
        self._arm_autosave(delay)
        if self._save_failures == 1 or announced or quit_after:
            self.notify(
                f"Could not save the session: {line}. Your changes are kept; "
                f"Kontext tries again in {_duration(delay)} (or press s).",
                severity="error",
                timeout=10,
                markup=False,
            )
        self._update_subtitle()

    # ---------------------------------------------------------------- quit
    def server_gone(self: Any) -> None:
        """``kontext serve`` died without ending this reader: quit (``on_exit_app`` saves)."""
        self.exit()

    def on_exit_app(self: Any) -> None:
        """Served, and ended from outside (tab closed, server stopped or gone): nobody
        can be asked, so unsaved changes are saved here, at once, on the way out.

        In a terminal every way out goes through ``action_quit``, which asks.
        """
        if not self.is_web or self._discarded or self.state is None or not self.state.dirty:
            return
        import contextlib

        from enrich.errors import KontextError

        self.record_cards(list(self.entities))
        session, _ = self.state.snapshot(*self._position())
        # The process ends now: if this fails, the last autosave is what there is.
        with contextlib.suppress(KontextError, OSError):
            self.store.save_with_report(session)

    def action_quit(self: Any) -> None:
        if self.wait_for_writes_before_quitting():
            return
        state = self.state
        if state is None:
            self.exit()
        elif state.dirty:
            from tui.reader.screens.confirm import ChoiceScreen

            def answered(answer: str | None) -> None:
                if answer == "save":
                    self.save(quit_after=True, announce=True)
                elif answer == "discard":
                    self._discarded = True
                    self.exit()

            details = f"Session '{state.name}'"
            if state.drafts_unsaved:
                details += (
                    "\nIt holds an unsaved note draft (text you typed and closed with "
                    "escape): saving keeps it for next time."
                )
            self.push_screen(
                ChoiceScreen(
                    "You have unsaved changes.",
                    [
                        ("save", "Save and quit"),
                        ("discard", "Quit without saving"),
                        ("cancel", "Cancel"),
                    ],
                    details,
                ),
                answered,
            )
        elif state.stored and state.position_moved(*self._position()):
            self.save(quit_after=True)  # the reading position, quietly
        else:
            self.exit()


def _duration(seconds: float) -> str:
    if seconds >= 60 and seconds % 60 == 0:
        return f"{int(seconds // 60)} min"
    return f"{seconds:g} s"
