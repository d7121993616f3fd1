"""Terminal input where a bracketed paste is one ``events.Paste``, whatever it holds.

Textual's ``XTermParser`` reads a bracketed paste (``ESC[200~ … ESC[201~``)
character by character, and every escape byte inside it starts an escape
sequence that it then gives back as keystrokes: 200 KB of pasted text full of
escape sequences became 199,956 ``Key`` events (each one running reader
bindings) and a 6-character ``Paste``. This parser cuts the paste out of the
input before Textual's parser sees it, so the whole paste, escapes included,
arrives as one event; the app cleans and bounds it (``tui.reader.paste``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual import events
from textual._xterm_parser import XTermParser  # the parser LinuxDriver uses
from textual.message import Message

PASTE_START = "\x1b[200~"
PASTE_END = "\x1b[201~"
# Raw characters one paste keeps; more is dropped (the app keeps far less anyway),
# so an endless paste costs bounded memory while its end is still looked for.
MAX_PASTE_CHARS = 1_000_000


class PasteSafeParser(XTermParser):
    """``XTermParser`` with bracketed pastes taken out first."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        self._pasted: list[str] = []
        self._pasted_size = 0
        self._held = ""  # a possible start or end marker cut at the end of a read
        self._held_ticks = 0

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # end of input: what is held goes to Textual's parser
            held, self._held = self._held, ""
            if held and not self._in_paste:
                yield from super().feed(held)
            yield from super().feed("")
            return
        yield from self._split(self._held + data)

    def tick(self) -> Iterable[Message]:
        """A held "ESC [" that no more input followed (for a whole tick) is a key after all."""
        if self._held and not self._in_paste:
            self._held_ticks += 1
            if self._held_ticks > 1:  # the driver ticks right after each read: wait one more
                held, self._held = self._held, ""
                yield from super().feed(held)
        yield from super().tick()

    def _split(self, data: str) -> Iterator[Message]:
        self._held, self._held_ticks = "", 0
        while data:
            if self._in_paste:
                end = data.find(PASTE_END)
                if end == -1:
                    keep = _marker_prefix_at_end(data, PASTE_END)
                    self._add(data[: len(data) - len(keep)])
                    self._held = keep
                    return
                self._add(data[:end])
                data = data[end + len(PASTE_END) :]
                self._in_paste = False
                text, self._pasted, self._pasted_size = "".join(self._pasted), [], 0
                yield events.Paste(text.replace("\x00", ""))
            else:
                start = data.find(PASTE_START)
                if start == -1:
                    keep = _marker_prefix_at_end(data, PASTE_START)
                    if len(keep) < 2:  # a lone ESC is the escape key: never held back
                        keep = ""
                    rest = data[: len(data) - len(keep)]
                    if rest:
                        yield from super().feed(rest)
                    self._held = keep
                    return
                if start:
                    yield from super().feed(data[:start])
                data = data[start + len(PASTE_START) :]
                self._in_paste = True

    def _add(self, text: str) -> None:
        room = MAX_PASTE_CHARS - self._pasted_size
        if room > 0 and text:
            self._pasted.append(text[:room])
            self._pasted_size += min(room, len(text))


def _marker_prefix_at_end(data: str, marker: str) -> str:
    """The longest end of ``data`` that is a proper start of ``marker`` ("" if none)."""
    for size in range(min(len(marker) - 1, len(data)), 0, -1):
        if marker.startswith(data[-size:]):
            return data[-size:]
    return ""
