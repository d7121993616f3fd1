"""What the reader's first frame waits for: the modules imported before ``App.run``
and the widgets it lays out.

The bench row "first paint" (tui/startup.py) times it; this keeps what that row
lost from coming back: the Wikipedia client's network stack (the ``--wiki-api``
check), the session store with its file lock, tomlkit and spaCy; the dialogs and
overlay screens, TextArea and pkgutil (``tui.startup.AFTER_FIRST_PAINT``); and the
widgets that start hidden (``tui.startup.HIDDEN_AT_FIRST_PAINT``), which are
mounted after the first frame.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

from tui.startup import AFTER_FIRST_PAINT, HIDDEN_AT_FIRST_PAINT

SCRIPT = textwrap.dedent(
    """
    import sys
    from textual.app import App

    def run(self, **kwargs):
        print("\\n".join(sys.modules))
        raise SystemExit(0)

    App.run = run
    from tui.cli import main
    main(["demo", "--offline"])
    """
)

# The first frame the terminal gets: the widgets in the DOM when it was drawn.
FIRST_FRAME_SCRIPT = textwrap.dedent(
    """
    import os
    import sys
    from textual.app import App

    display, run = App._display, App.run

    def first_frame(self, screen, renderable):
        display(self, screen, renderable)
        if renderable is not None and type(screen).__name__ == "ReaderScreen":
            print("\\n".join(type(node).__name__ for node in screen.walk_children()))
            sys.stdout.flush()
            os._exit(0)

    def headless(self, **kwargs):
        return run(self, headless=True, size=(120, 40))

    App._display, App.run = first_frame, headless
    from tui.cli import main
    main(["demo", "--offline"])
    """
)

NOT_BEFORE_THE_FIRST_FRAME = (
    "httpx",
    "httpcore",
    "wikipediaapi",
    "filelock",
    "tomlkit",
    "enrich.session.store",
    "enrich.enricher",
    "spacy",
    *AFTER_FIRST_PAINT,
)


def _run(script: str, home: Path) -> set[str]:
    env = {**os.environ, "KONTEXT_HOME": str(home)}
    env.pop("KONTEXT_WIKI_API", None)
    out = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
    )
    return set(out.stdout.split())


def test_the_reader_starts_without_the_network_stack_the_store_the_dialogs_or_tomlkit(
    tmp_path: Path,
) -> None:
    modules = _run(SCRIPT, tmp_path)
    assert "tui.reader.reader_screen" in modules  # the reader was about to run
    loaded = sorted(
        m
        for m in modules
        if any(m == n or m.startswith(f"{n}.") for n in NOT_BEFORE_THE_FIRST_FRAME)
    )
    assert loaded == []


def test_the_first_frame_lays_out_only_what_it_shows(tmp_path: Path) -> None:
    widgets = _run(FIRST_FRAME_SCRIPT, tmp_path)
    assert {"ArticleView", "EntityCard", "LegendBar", "ReaderHeader"} <= widgets
    assert widgets.isdisjoint(HIDDEN_AT_FIRST_PAINT)
