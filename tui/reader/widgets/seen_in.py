"""The card's "Seen in N articles": where the student met this entity before, and
their notes from then, newest first. Enter on an article asks to open it.

The index is asked in a thread worker (SQLite must not block the event loop);
the answer comes back as a ``SeenInReady`` message and only the latest lookup
is shown (the worker group is exclusive).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from tui.ui_text import tr

if TYPE_CHECKING:
    from collections.abc import Callable

    from enrich.index import EntityIndex
    from enrich.index.model import NoteEntry, Sighting
    from enrich.session import SessionStore

ARTICLES_SHOWN = 8  # the newest few; the count covers all


@dataclass(frozen=True)
class SeenInfo:
    """What the widget shows for one entity, other than the current article."""

    key: str
    count: int
    sightings: tuple[Sighting, ...]
    notes: tuple[NoteEntry, ...]


class SeenInLookup:
    """One index connection for the widget's worker threads (opened on first use).

    SQLite's connection is shared across threads only under this lock: an
    exclusive worker is cancelled, not stopped, so two lookups may overlap.
    """

    def __init__(self, store: Callable[[], SessionStore]) -> None:
        self._lock = threading.Lock()
        self._index: EntityIndex | None = None
        self._store = store  # the reader's store, asked for when the index is first opened

    def __call__(self, key: str, current_session: str, limit: int = ARTICLES_SHOWN) -> SeenInfo:
        """The index's answer for ``key``, leaving out the article being read."""
        with self._lock:
            if self._index is None:
                from enrich.index import EntityIndex

                self._index = EntityIndex.open(
                    store=self._store(), check=False, sync=False, threads=True
                )
            index = self._index
            count = index.seen_counts([key], exclude_session=current_session).get(key, 0)
            found = index.entity(key, articles=limit + 1) if count else None
        if found is None:
            return SeenInfo(key, 0, (), ())
        others = tuple(s for s in found.sightings if s.session != current_session)
        notes = tuple(n for n in found.notes if n.session != current_session)
        return SeenInfo(key, count, others[:limit], notes)

    def close(self) -> None:
        with self._lock:
            if self._index is not None:
                self._index.close()
                self._index = None


def heading_text(info: SeenInfo) -> Text:
    if info.count == 1:
        return Text(tr("Seen in 1 article (enter opens it)"), style="bold")
    return Text(tr("Seen in {n} articles (enter opens one)", n=info.count), style="bold")


def notes_text(info: SeenInfo) -> Text:
    """The earlier notes as plain Text (titles and notes are untrusted)."""
    text = Text()
    if info.notes:
        text.append(tr("Your earlier notes"), style="bold")
    for n in info.notes:
        text.append("\n")
        text.append(f"{n.updated[:10]} {n.title}: ", style="dim")
        text.append(n.note)
        if n.tags:
            text.append(" #" + " #".join(n.tags), style="italic")
    return text


def sighting_label(s: Sighting) -> Text:
    return Text(f"{s.date[:10]}  {s.title or s.session}  ({s.mentions}×)")


@dataclass
class SeenInReady(Message):
    """The index answered for the entity ``info.key``."""

    info: SeenInfo


@dataclass
class OpenSession(Message):
    """The student chose an earlier article to open (a session name)."""

    session: str


class SeenIn(Vertical):
    """Earlier articles (an OptionList: Enter opens one) and earlier notes."""

    DEFAULT_CSS = """
    SeenIn { height: auto; display: none; margin-top: 1; }
    SeenIn.shown { display: block; }
    SeenIn > OptionList { height: auto; max-height: 8; border: none; padding: 0; }
    SeenIn > Static { height: auto; }
    """

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]  # Widget's keyword arguments
        self.key = ""
        self.info: SeenInfo | None = None
        self.plain = ""
        self.carried = ""
        self._store: SessionStore | None = None  # the reader's, taken on the event loop
        self._lookup = SeenInLookup(self._reader_store)

    def _reader_store(self) -> SessionStore:
        if self._store is None:
            raise RuntimeError("the seen-in part looked up before the reader had a store")
        return self._store

    def compose(self) -> ComposeResult:
        yield Static(id="seen-in-carried")
        yield Static(id="seen-in-heading")
        yield OptionList(id="seen-in-articles")
        yield Static(id="seen-in-notes")

    def show_carried(self, line: str) -> None:
        """ "Wikipedia: your choice from <article>" (empty: none carried over)."""
        self.carried = line
        carried = self.query_one("#seen-in-carried", Static)
        carried.update(Text(line, style="italic"))
        carried.display = bool(line)
        self.set_class(bool(line) or self.info is not None, "shown")

    def show_key(self, key: str, current_session: str) -> None:
        """Look ``key`` up (off the event loop); an empty key hides the part."""
        if key == self.key:
            return
        self.key = key
        if not key:
            self._clear()
            return
        store = getattr(self.screen, "store", None)  # ReaderScreen's; a bare test app has none
        if store is None:
            from enrich.session import SessionStore

            store = SessionStore()
        self._store = store
        self.lookup(key, current_session)

    def _clear(self) -> None:
        self.info = None
        self.plain = ""
        self.set_class(bool(self.carried), "shown")

    @work(thread=True, exclusive=True, group="seen-in", exit_on_error=False)
    def lookup(self, key: str, current_session: str) -> None:
        self.post_message(SeenInReady(self._lookup(key, current_session)))

    def on_unmount(self) -> None:
        self._lookup.close()

    def on_seen_in_ready(self, message: SeenInReady) -> None:
        info = message.info
        if info.key != self.key:  # an older answer
            return
        if info.count == 0:
            self._clear()
            return
        self.info = info
        heading, notes = heading_text(info), notes_text(info)
        self.query_one("#seen-in-heading", Static).update(heading)
        self.query_one("#seen-in-notes", Static).update(notes)
        articles = self.query_one("#seen-in-articles", OptionList)
        articles.clear_options()
        articles.add_options([Option(sighting_label(s), id=s.session) for s in info.sightings])
        listed = [sighting_label(s).plain for s in info.sightings]
        self.plain = "\n".join([heading.plain, *listed, notes.plain])
        self.add_class("shown")

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id:
            self.post_message(OpenSession(message.option.id))
