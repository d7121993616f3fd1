"""Export (``e``): pick a format and a file, confirm a replace, write it in a worker.

``ExportController`` is owned by ``ReaderScreen``. The write is tracked by the
session's ``WriteTracker``, so quitting waits for it.
"""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from tui.reader.messages import ExportWritten
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.worker import Worker

    from enrich.session import Session
    from tui.reader.reader_screen import ReaderScreen
    from tui.reader.screens.export import ExportRequest
    from tui.reader.session_controller import SessionController


class ExportController:
    """Exports of the reader ``screen``'s session."""

    def __init__(self, screen: ReaderScreen, session: SessionController) -> None:
        self._screen = screen
        self._session = session

    def export(self) -> None:
        """Ask for a format and a file, then write the export in a worker."""
        if self._screen.state is None:
            self._screen.notify(tr("Nothing to export yet: still finding entities…"), markup=False)
            return

        def chosen(request: ExportRequest | None) -> None:
            if request is None or self._screen.state is None:
                return
            if request.download:  # served: the browser saves it, no path here
                self._start_export(request)
                return
            path = request.path
            if path.is_dir():
                self._screen.notify(
                    tr("Not exported: {path} is a folder; give a file name.", path=path),
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
        self._screen.app.push_screen(
            ExportScreen(self._screen.state.name, download=self._screen.app.is_web), chosen
        )

    def _confirm_replace(self, request: ExportRequest) -> None:
        """An existing file is only replaced when the student says so."""

        def answered(answer: str | None) -> None:
            if answer == "replace":
                self._start_export(request)
            else:
                self._screen.notify(
                    tr("Not exported; {name} was left as it was.", name=request.path.name),
                    markup=False,
                )

        from tui.reader.screens.confirm import ChoiceScreen

        self._screen.app.push_screen(
            ChoiceScreen(
                tr("{name} already exists. Replace it?", name=request.path.name),
                [("cancel", tr("Cancel")), ("replace", tr("Replace"))],  # enter keeps the file
                str(request.path),
            ),
            answered,
        )

    def _start_export(self, request: ExportRequest) -> None:
        if self._screen.state is None:
            return
        self._session.record_cards(list(self._screen.entities))
        session, _ = self._screen.state.snapshot(*self._session.position())
        if not request.download:
            self._screen.notify(tr("Exporting to {path}…", path=request.path), markup=False)
        self._session.writes.track(
            "the export", lambda token: self.run_export(session, request, token)
        )

    def run_export(self, session: Session, request: ExportRequest, token: int) -> Worker[None]:
        """Render and write in a worker; ``token`` is the tracked write."""
        return self._screen.run_worker(
            lambda: self._write(session, request, token),
            thread=True,
            group="export",
            exit_on_error=False,
            description="Export",
        )

    def _write(self, session: Session, request: ExportRequest, token: int) -> None:
        from enrich.atomic import atomic_write_bytes
        from enrich.export import render

        try:
            data = render(session, request.fmt)
            if request.download:
                self._screen.app.call_from_thread(self._deliver, data, request)
            else:
                atomic_write_bytes(request.path, data)
        finally:
            self._session.writes.done(token)
        if not request.download:
            self._screen.post_message(ExportWritten(request.path, request.fmt))

    def _deliver(self, data: bytes, request: ExportRequest) -> None:
        """To the browser as a download (textual's web driver streams it to the tab)."""
        name = request.path.name
        mime = _MIME_TYPES.get(request.fmt, "application/octet-stream")
        self._screen.app.deliver_binary(io.BytesIO(data), save_filename=name, mime_type=mime)
        self._screen.notify(
            tr("Exported ({fmt}): your browser downloads {name}", fmt=request.fmt, name=name),
            markup=False,
        )

    def written(self, message: ExportWritten) -> None:
        self._screen.notify(
            tr("Exported ({fmt}) to {path}", fmt=message.fmt, path=message.path), markup=False
        )


# What the browser is told each download is (an HTML export is saved, not shown: attachment).
_MIME_TYPES = {
    "md": "text/markdown",
    "html": "text/html",
    "csv": "text/csv",
    "json": "application/json",
    "anki": "application/octet-stream",
}
