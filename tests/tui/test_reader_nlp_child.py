"""The reader's NLP runs in a child process: the article reads on meanwhile, and
quitting does not wait for a model that is still loading."""

from __future__ import annotations

import time

import pytest

import enrich.annotate_process as annotate_process
from tests.helpers import ChildSignal, make_article
from tests.tui.helpers import make_app, screen_text

TEXT = "Die NATO probt in der Ostsee.\n\nBoris Pistorius besuchte Kiel."


async def test_quitting_kills_an_nlp_child_that_is_still_working(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    started = ChildSignal()
    monkeypatch.setattr(annotate_process, "CHILD_COMMAND", started.slow_child())
    seen: dict[str, object] = {}

    async def scenario() -> None:
        app = make_app(make_article(TEXT, "de"))
        async with app.run_test(size=(120, 30)) as pilot:
            await started.wait_async()  # the child starts after the first frame
            child = app.reader._child_annotator
            assert child is not None and child._process is not None
            seen["process"] = child._process
            assert "Boris Pistorius besuchte Kiel" in screen_text(app)  # readable meanwhile
            assert "annotating" in app.sub_title
            pressed = time.monotonic()
            await pilot.press("q")
        seen["quit_in"] = time.monotonic() - pressed

    try:
        await scenario()
    finally:
        started.close()
    process = seen["process"]
    assert process.wait(timeout=5) is not None  # killed, not left behind
    assert seen["quit_in"] < 5
