"""``o`` opens the card's Wikipedia URL: in a browser on a desktop, as a notification over SSH."""

from __future__ import annotations

import webbrowser
from pathlib import Path

import pytest

from enrich.enricher import Enricher
from enrich.model import Annotation, Entity, Label, Mention
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.helpers import make_article
from tests.tui.helpers import notifications, settle
from tui.reader.app import KontextApp
from tui.reader.widgets.article_view import ArticleView

TEXT = "Nordkorea habe am Morgen mehrere ballistische Raketen abgefeuert."
URL = "https://de.wikipedia.org/wiki/Nordkorea"


def _annotation() -> Annotation:
    article = make_article(TEXT, "de", title="Raketen")
    mention = Mention(0, 9, "Nordkorea", Label.LOC, "model")
    return Annotation(article, "hand-made", (Entity("loc-nk", "Nordkorea", Label.LOC, (mention,)),))


def _recording_browser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$BROWSER set to a script that writes down the URL it was asked to open."""
    record = tmp_path / "opened.txt"
    script = tmp_path / "record-browser"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" >> {record}\n')
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # read $BROWSER again
    monkeypatch.setattr(webbrowser, "_browsers", {})
    return record


async def _press_o(wiki: FakeWiki) -> tuple[KontextApp, list[str]]:
    annotation = _annotation()

    def online() -> Enricher:
        return Enricher(offline=False, api_url=wiki.api_url)

    app = KontextApp(annotation.article, annotate=lambda a: annotation, enricher_factory=online)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("loc-nk")
        await pilot.pause()
        await pilot.press("o")
        await settle(pilot)
        notes = notifications(app)
    return app, notes


async def test_without_a_display_the_url_is_shown_and_copied(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("DISPLAY", raising=False)
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    monkeypatch.setattr("sys.platform", "linux")
    record = _recording_browser(tmp_path, monkeypatch)
    app, notes = await _press_o(fakewiki)
    assert any(n.startswith(URL) and "copied to the clipboard" in n for n in notes)
    assert app.clipboard == URL
    assert not record.exists()  # no browser fighting the reader for the terminal


async def test_on_a_desktop_the_browser_opens_the_url(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DISPLAY", ":99")
    record = _recording_browser(tmp_path, monkeypatch)
    _app, notes = await _press_o(fakewiki)
    assert f"Opening {URL}" in notes
    assert record.read_text() == URL + "\n"
