"""Files the reader writes besides the session: exports and the student's glossary.

A mixin of ``KontextApp`` (through ``SessionActions``). These writes run in
workers, and the CLI ends the process right after the app (``os._exit``), and
the loop's executor drops jobs still queued when it shuts down. So every such
write is tracked from the moment it is started, and quitting waits until the
tracked writes are done (``q`` again quits at once). Quitting with nothing
being written stays instant.
"""

from __future__ import annotations

import asyncio
import io
import itertools
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from textual import work
from textual.worker import Worker, WorkerState

from tui.reader.messages import ExportWritten

if TYPE_CHECKING:
    from enrich.session import Session
    from tui.reader.screens.export import ExportRequest

_ACTIVE = (WorkerState.PENDING, WorkerState.RUNNING)


class SessionWrites:
    """Export (``e``) and the bookkeeping that lets quitting wait for a write."""

    _writes: dict[int, tuple[str, Worker[Any] | None]]
    _write_ids: itertools.count[int]
    _quit_waiting: bool

    def _init_writes(self) -> None:
        self._writes = {}
        self._write_ids = itertools.count()
        self._quit_waiting = False

    # ------------------------------------------------------------- tracking
    def track_write(self, what: str, start: Callable[[int], Worker[Any]]) -> None:
        """Start a write with ``start(token)``; its worker calls ``write_done(token)``.

        ``what`` names it for the user ("the export"). Tracked before the worker
        exists, so a job still queued in the executor counts too.
        """
        token = next(self._write_ids)
        self._writes[token] = (what, None)
        worker = start(token)
        if token in self._writes:  # not done already
            self._writes[token] = (what, worker)

    def write_done(self, token: int) -> None:
        """Called by the worker (any thread) once the file is written or has failed."""
        self._writes.pop(token, None)

    def pending_writes(self) -> list[str]:
        """What is still being written (a worker that ended without saying so is dropped)."""
        busy = []
        for token, (what, worker) in list(self._writes.items()):
            if worker is None or worker.state in _ACTIVE:
                busy.append(what)
            else:
                self._writes.pop(token, None)
        return busy

    def wait_for_writes_before_quitting(self: Any) -> bool:
        """True if quitting has to wait (it then quits by itself once the writes are done)."""
        if self._quit_waiting:  # q again while waiting: the student wants out now
            self._quit_waiting = False
            self.workers.cancel_group(self, "quit-wait")
            return False
        busy = self.pending_writes()
        if not busy:
            return False
        self._quit_waiting = True
        what = " and ".join(dict.fromkeys(busy))
        self.notify(
            f"Finishing {what} before quitting… (press q again to quit at once)", markup=False
        )
        self._quit_when_written()
        return True

    @work(exclusive=True, group="quit-wait", exit_on_error=False, description="quit")
    async def _quit_when_written(self: Any) -> None:
        while self.pending_writes():
            await asyncio.sleep(0.05)
        self._quit_waiting = False
        # After the messages the writes posted (a failed definition becomes a draft first).
        self.call_later(self.action_quit)

    # ---------------------------------------------------------------- export
    def action_export(self: Any) -> None:
        if self.state is None:
            self.notify("Nothing to export yet: still finding entities…", markup=False)
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is None or self.state is None:
                return
            if request.download:  # served: the browser saves it, no path here
                self._start_export(request)
                return
            path = request.path
            if path.is_dir():
                self.notify(
                    f"Not exported: {path} is a folder; give a file name.",
                    severity="warning",
                    markup=False,
                )
            elif path.exists():
                self._confirm_replace(request)
            else:
                self._start_export(request)

        from tui.reader.screens.export import ExportScreen

        # Served (``kontext serve``, textual's web driver): the file is the
        # browser's download, never a path typed on the server.
        self.push_screen(ExportScreen(self.state.name, download=self.is_web), chosen)

    def _confirm_replace(self: Any, request: ExportRequest) -> None:
        """An existing file is only replaced when the student says so."""

        def answered(answer: str | None) -> None:
            if answer == "replace":
                self._start_export(request)
            else:
                self.notify(f"Not exported; {request.path.name} was left as it was.", markup=False)

        from tui.reader.screens.confirm import ChoiceScreen

        self.push_screen(
            ChoiceScreen(
                f"{request.path.name} already exists. Replace it?",
                [("cancel", "Cancel"), ("replace", "Replace")],  # enter keeps the file
                str(request.path),
            ),
            answered,
        )

    def _start_export(self: Any, request: ExportRequest) -> None:
        if self.state is None:
            return
        self.record_cards(list(self.entities))
        session, _ = self.state.snapshot(*self._position())
        if not request.download:
            self.notify(f"Exporting to {request.path}…", markup=False)
        self.track_write("the export", lambda token: self.run_export(session, request, token))

    @work(thread=True, group="export", exit_on_error=False, description="Export")
    def run_export(self: Any, session: Session, request: ExportRequest, token: int) -> None:
        from enrich.atomic import atomic_write_bytes
        from enrich.export import render

        try:
            data = render(session, request.fmt)
            if request.download:
                self.call_from_thread(self._deliver, data, request)
            else:
                atomic_write_bytes(request.path, data)
        finally:
            self.write_done(token)
        if not request.download:
            self.post_message(ExportWritten(request.path, request.fmt))

    def _deliver(self: Any, data: bytes, request: ExportRequest) -> None:
        """To the browser as a download (textual's web driver streams it to the tab)."""
        name = request.path.name
        mime = _MIME_TYPES.get(request.fmt, "application/octet-stream")
        self.deliver_binary(io.BytesIO(data), save_filename=name, mime_type=mime)
        self.notify(f"Exported ({request.fmt}): your browser downloads {name}", markup=False)

    def on_export_written(self: Any, message: ExportWritten) -> None:
        self.notify(f"Exported ({message.fmt}) to {message.path}", markup=False)


# What the browser is told each download is (an HTML export is saved, not shown: attachment).
_MIME_TYPES = {
    "md": "text/markdown",
    "html": "text/html",
    "csv": "text/csv",
    "json": "application/json",
    "anki": "application/octet-stream",
}
