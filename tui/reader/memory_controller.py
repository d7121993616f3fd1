"""What the reader remembers across articles (issue 17): the card's "Seen in",
and opening an earlier article from it.

Composed into the app like the other controllers; the index is read in the
``SeenIn`` widget's thread worker, never on the event loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.reader.entity_keys import keys_of, shown_session
from tui.reader.widgets.seen_in import SeenIn

if TYPE_CHECKING:
    from enrich.model import Entity
    from tui.reader.app import KontextApp


class MemoryController:
    """Seen-in lookups and opening another session for the reader ``app``."""

    def __init__(self, app: KontextApp) -> None:
        self._app = app
        self.next_session = ""  # set when the student opens an earlier article

    def key(self, entity: Entity) -> str:
        """The index key of ``entity`` with what is on screen now."""
        app = self._app
        if app.state is None:
            return ""
        cards = app.shown.all_shown([entity.id])
        session = shown_session(app.state.session, cards, app.shown.choices)
        return keys_of(session, [entity])[entity.id]

    def show_seen_in(self, entity: Entity | None) -> None:
        app = self._app
        found = app.reader.query(SeenIn)
        if not found:  # before the screen has mounted it
            return
        key = self.key(entity) if entity is not None else ""
        name = app.state.name if app.state is not None else ""
        found.first().show_key(key, name)

    def open_session(self, name: str) -> None:
        """Quit through the usual path (it saves or asks), then ``kontext read`` opens
        ``name``: a fresh reader, no state carried over by hand."""
        if self._app.state is not None and name == self._app.state.name:
            return
        self.next_session = name
        self._app.sessions.quit()
