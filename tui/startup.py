"""Kontext's start-up measures, in one place, each with the bench row behind it.

The rows are in docs/performance.md ("Latest full run"), measured by
``bench/startup.py`` through ``bench/probe.py``:

- **first paint: kontext demo, headless 120×40** (ratio ≤ 1.5 against a
  minimal Textual app; 1.81 before these measures, about 1.3 after):
  - ``paused_gc``: no cyclic collections while start-up builds objects that
    all survive; ``resume_gc`` freezes them after the first frame (full
    collections had cost about 25 ms of the first paint).
  - ``lazy_command``: ``annotate``/``lookup``, ``eval-ner`` and ``read``/``demo``
    are imported when they run, so no command pays for another's modules.
  - The imports still inside functions in ``tui/cli``, all for this row:
    ``kontext --version`` looks the version up only when asked
    (``importlib.metadata`` pulls in the email package: 20 ms of every start,
    ``enrich/versions.py``); ``read.py`` imports the session modules only for
    ``--session``, the enricher (and its facts table, 5 ms) in the reader's
    worker after the first paint, and the reader only to run it; ``sessions``, ``glossary``,
    ``entities`` and ``serve`` declare their options in the parser that every
    command builds, ``read`` included, so their commands import rich tables,
    the session store, exports, the entity index, the article loader and
    textual-serve (aiohttp; also an optional dependency) when they run.
  - What the reader's first frame imports is kept to what draws the article
    (2026-12-06, ratio 2.1 before): ``enrich/wiki/endpoint.py`` checks
    ``--wiki-api`` without httpx and wikipedia-api (0.1 s: the check in
    ``read_options.lookup_options`` runs before the reader starts);
    ``enrich/settings.py`` only reads config.toml, and ``ThemeWrites.write_latest``
    (``tui/reader/reader_settings.py``) imports ``enrich/settings_edit.py`` (tomlkit,
    5 ms) when a picked theme is saved; the shown cards are ``enrich/shown_cards.py``,
    outside ``enrich.session``, whose package imports the store and filelock (25 ms),
    and "Seen in" names the index's types for the type checker only.
  - What the first frame does not need comes after it (2026-12-06, ratio 1.57
    before at load 2, same run): the modules in ``AFTER_FIRST_PAINT`` are imported
    where they are first used, and the widgets in ``HIDDEN_AT_FIRST_PAINT``, which
    start hidden, are mounted by ``ReaderScreen.mount_hidden_parts`` after the
    first frame, so Textual parses their CSS and lays them out then (about 20 ms).
    ``tests/test_startup_imports.py`` checks both lists. The command palette is
    Textual's own (``App.get_system_commands``; ``textual.command`` is imported by
    ``textual.app`` itself, in the baseline too): nothing of Kontext's to defer.
  - Not a bench row, measured with ``python -X importtime -m tui.cli --help``:
    ``safe_output.plain_console`` imports ``rich.console`` when used: 30 ms
    that ``kontext --help`` would otherwise pay.
- **spaCy imported before the first paint: no**: the reader never imports
  spaCy (its NLP runs in a child process), and ``textual`` is imported only
  by the one reader entry in ``tui/cli/read.py``; ``tests/test_layers.py``
  checks that the other commands stay free of it.
- ``fast_exit`` has no bench row: it is about quitting, not starting. Worker
  threads (a slow Wikipedia lookup) may still run after the reader quits;
  nothing of the user's is in them, so the process does not wait for them.
"""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

# Row "first paint: kontext demo, headless 120×40": modules the reader's first
# frame does not import. Each is imported inside the function that first needs it.
AFTER_FIRST_PAINT: tuple[str, ...] = (
    # Every dialog and overlay screen, each opened by a key or a later event: help
    # (``KontextApp.action_help``), article map, export, note, define, labels, label
    # picker, quit and other choices, resume, Wikipedia choice (in the controllers).
    "tui.reader.screens",
    # TextArea and its document model (5 ms): only the note and define dialogs
    # have one; a paste and ``ReaderScreen.typing_elsewhere`` import it to check.
    "textual.widgets._text_area",
    "textual.document",
    # Finding the reader's widget classes for config.toml's [keys] (2 ms).
    "pkgutil",
)

# Row "first paint": widgets that start hidden (display: none) at every size and
# are mounted after the first frame by ``ReaderScreen.mount_hidden_parts``, which
# the app awaits before the reading starts and before it handles a key.
HIDDEN_AT_FIRST_PAINT: tuple[str, ...] = (
    "EntityPanel",  # the filter and the entity list (shown by l)
    "EntityFilter",
    "EntityList",
    "SearchBar",  # the search line (shown by /)
    "SeenIn",  # "Seen in" under the card (shown when a card has earlier articles)
)


def lazy_command(target: str) -> Callable[[argparse.Namespace], int]:
    """A subcommand's function, named ``"module:function"``, imported when it runs
    (row: first paint): the parser for every command stays free of what only one needs."""
    module_name, _, function_name = target.partition(":")

    def run(args: argparse.Namespace) -> int:
        command = getattr(importlib.import_module(module_name), function_name)
        return int(command(args))

    return run


@contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic GC off while the reader starts (row: first paint).

    The reader calls ``resume_gc`` after its first frame; a reader that never
    painted (bad input) must not leave it off, hence the ``finally``.
    """
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def resume_gc() -> None:
    """After the first paint: freeze what start-up built, so later collections skip it,
    and collect again (row: first paint)."""
    if not gc.isenabled():  # paused_gc is on: the reader runs under `kontext read`
        gc.freeze()
        gc.enable()


def fast_exit(ran: bool) -> None:
    """End the process now if a reader really ran and ended but its workers still run.

    Only after a reader that ran: never inside a host that merely called main().
    """
    if ran and any(
        t.name.startswith("kontext-worker") and t.is_alive() for t in threading.enumerate()
    ):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
