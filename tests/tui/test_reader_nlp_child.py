"""The reader's NLP runs in a child process: the article reads on meanwhile, and
quitting does not wait for a model that is still loading."""

from __future__ import annotations

import asyncio
import sys
import time

import pytest

import enrich.annotate_process as annotate_process
from tests.helpers import make_article
from tests.tui.helpers import make_app, screen_text

TEXT = "Die NATO probt in der Ostsee.\n\nBoris Pistorius besuchte Kiel."


def test_quitting_kills_an_nlp_child_that_is_still_working(monkeypatch: pytest.MonkeyPatch) -> None:
    slow = [sys.executable, "-c", "import sys, time; sys.stdin.buffer.read(); time.sleep(60)"]
    monkeypatch.setattr(annotate_process, "CHILD_COMMAND", slow)
    seen: dict[str, object] = {}

    async def scenario() -> None:
        app = make_app(make_article(TEXT, "de"))
        async with app.run_test(size=(120, 30)) as pilot:
            for _ in range(100):  # the child starts after the first frame
                await pilot.pause(0.05)
                child = app._child_annotator
                if child is not None and child._process is not None:
                    break
            assert child is not None and child._process is not None
            seen["process"] = child._process
            assert "Boris Pistorius besuchte Kiel" in screen_text(app)  # readable meanwhile
            assert "annotating" in app.sub_title
            started = time.monotonic()
            await pilot.press("q")
            await pilot.pause(0.2)
        seen["quit_in"] = time.monotonic() - started

    asyncio.run(scenario())
    process = seen["process"]
    assert process.wait(timeout=5) is not None  # killed, not left behind
    assert seen["quit_in"] < 5
