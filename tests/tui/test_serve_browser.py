"""``kontext serve`` in a real browser: headless Chromium through Playwright.

Skips when Playwright (the optional ``browser`` extra) or a system Chromium is
missing: CI installs no browser. The page must show the reader and its focus
hint, and every request the page makes must go to the Kontext server itself.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from tests.served import Served, start

sync_api = pytest.importorskip("playwright.sync_api", reason="the browser extra is not installed")
CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", "/usr/bin/chromium-browser") if shutil.which(p)), None
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="no system Chromium (/usr/bin/chromium)")


@pytest.fixture
def served_sample() -> Iterator[Served]:
    served = start("sample:en", "--offline", "--model", "rules")
    try:
        yield served
    finally:
        assert served.stop() == 0


def test_the_page_shows_the_reader_and_the_focus_hint_and_asks_only_its_server(
    served_sample: Served,
) -> None:
    server = urlsplit(served_sample.base).netloc
    requested: list[str] = []
    painted: list[str] = []  # what the reader sends to the page's terminal
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True)
        try:
            page = browser.new_page()
            page.on("request", lambda request: requested.append(request.url))
            page.on(
                "websocket",
                lambda ws: ws.on(
                    "framereceived",
                    lambda payload: painted.append(
                        payload.decode("utf-8", "replace")
                        if isinstance(payload, bytes)
                        else payload
                    ),
                ),
            )
            page.goto(served_sample.page, wait_until="load", timeout=60_000)
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:  # bounded: a browser has no event for "drawn"
                shown = "".join(painted)
                if "nuclear watchdog" in shown and "Click the page to use the keys" in shown:
                    break
                page.wait_for_timeout(200)
            shown = "".join(painted)
            assert "nuclear watchdog" in shown  # the sample article's title
            assert "Click the page to use the keys" in shown
            # A click gives the page the focus: now a key reaches the reader.
            painted.clear()
            page.mouse.click(200, 200)
            page.keyboard.press("?")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and "Kontext: keys" not in "".join(painted):
                page.wait_for_timeout(200)
            assert "Kontext: keys" in "".join(painted)  # the help screen
            if screenshot := os.environ.get("KONTEXT_BROWSER_SCREENSHOT"):
                page.screenshot(path=screenshot)
        finally:
            browser.close()
    assert requested
    outside = [url for url in requested if urlsplit(url).netloc != server]
    assert outside == [], outside
