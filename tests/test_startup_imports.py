"""What the reader's first frame waits for: the modules imported before ``App.run``.

The bench row "first paint" (tui/startup.py) times it; this keeps the modules
that row lost from coming back: the Wikipedia client's network stack (the
``--wiki-api`` check), the session store with its file lock, tomlkit, and spaCy.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

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

NOT_BEFORE_THE_FIRST_FRAME = (
    "httpx",
    "httpcore",
    "wikipediaapi",
    "filelock",
    "tomlkit",
    "enrich.session.store",
    "enrich.enricher",
    "spacy",
)


def test_the_reader_starts_without_the_network_stack_the_store_or_tomlkit(
    tmp_path: Path,
) -> None:
    env = {**os.environ, "KONTEXT_HOME": str(tmp_path)}
    env.pop("KONTEXT_WIKI_API", None)
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    modules = set(out.stdout.split())
    assert "tui.reader.reader_screen" in modules  # the reader was about to run
    loaded = sorted(
        m
        for m in modules
        if any(m == n or m.startswith(f"{n}.") for n in NOT_BEFORE_THE_FIRST_FRAME)
    )
    assert loaded == []
