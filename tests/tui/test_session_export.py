"""Exporting from the reader (`e`): a format, a path, a file that parses."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.tui.helpers import (
    MessageLog,
    busy_workers,
    demo_annotation,
    make_app,
    notified,
    screen_text,
    settle,
    wait_until_quit,
)
from tui.reader.app import KontextApp
from tui.reader.screens.confirm import ChoiceScreen
from tui.reader.screens.export import ExportScreen
from tui.reader.widgets.article_view import ArticleView

DEMO = demo_annotation()


def _app() -> KontextApp:
    return make_app(DEMO.article, annotate=lambda a: DEMO)


async def _reject_nato_and_note(app: KontextApp, pilot) -> None:  # type: ignore[no-untyped-def]
    await settle(pilot)
    view = app.query_one(ArticleView)
    view.select_entity("org-nato")
    await pilot.press("x")
    view.select_entity("per-rutte")
    await pilot.press("a", *"<script>alert(1)</script> & Co", "ctrl+s")
    await pilot.pause()


async def test_export_json_to_a_typed_path_parses_and_holds_the_edits(tmp_path: Path) -> None:
    target = tmp_path / "out" / "lesen.json"

    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _reject_nato_and_note(app, pilot)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ExportScreen)
        assert "Markdown (.md)" in screen_text(app)
        await pilot.press("down", "down", "down", "down", "enter")  # the fifth: JSON
        await pilot.pause()
        path_input = app.screen.query_one("#export-path")
        assert path_input.value.endswith(".json")  # type: ignore[attr-defined]
        path_input.value = str(target)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert f"to {target}" in notified(app)
    data = json.loads(target.read_text(encoding="utf-8"))
    assert [c["text"] for c in data["corrections"]] == ["NATO"]
    assert data["notes"]["per-rutte"]["note"] == "<script>alert(1)</script> & Co"


async def test_export_html_to_the_default_path_escapes_the_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    async def scenario() -> KontextApp:
        app = _app()
        async with app.run_test(size=(120, 40)) as pilot:
            await _reject_nato_and_note(app, pilot)
            await pilot.press("e", "down", "enter")  # HTML
            await pilot.pause()
            await pilot.click("#export")
            await settle(pilot)
        return app

    app = await scenario()
    assert app.reader.state is not None
    page = (tmp_path / f"{app.reader.state.name}.html").read_text(encoding="utf-8")

    class Collect(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.text: list[str] = []

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    parser = Collect()
    parser.feed(page)
    text = "".join(parser.text)
    assert "<script>alert(1)</script> & Co" in text  # shown as text, escaped in the source
    assert "<script>alert(1)</script>" not in page
    assert "Mark Rutte" in text


async def test_an_export_that_cannot_be_written_is_a_notification(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")

    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#export-path").value = str(blocker / "out.md")  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.is_running
        assert "Export failed:" in notified(app)


async def _export_to(app: KontextApp, pilot, target: Path) -> None:  # type: ignore[no-untyped-def]
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    app.screen.query_one("#export-path").value = str(target)  # type: ignore[attr-defined]
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_exporting_over_an_existing_file_asks_first(tmp_path: Path) -> None:
    target = tmp_path / "notizen.md"
    target.write_text("my own notes, not an export\n", encoding="utf-8")

    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await _reject_nato_and_note(app, pilot)
        await _export_to(app, pilot, target)
        assert isinstance(app.screen, ChoiceScreen)
        shown = screen_text(app)
        assert "notizen.md already exists. Replace it?" in shown
        assert "Replace" in shown and "Cancel" in shown
        await pilot.click("#answer-cancel")
        await settle(pilot)
        assert not isinstance(app.screen, ChoiceScreen)
        assert target.read_text(encoding="utf-8") == "my own notes, not an export\n"
        assert "Not exported; notizen.md was left as it was." in notified(app)

        await _export_to(app, pilot, target)
        await pilot.click("#answer-replace")
        await settle(pilot)
        assert f"to {target}" in notified(app)
    assert "Mark Rutte" in target.read_text(encoding="utf-8")


async def test_quitting_waits_for_an_export_that_has_not_run_yet(tmp_path: Path) -> None:
    """The executor drops queued jobs at exit: quitting must wait for the export first."""
    target = tmp_path / "spaet.md"

    app = _app()
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        with busy_workers():  # the export is queued behind them
            await _export_to(app, pilot, target)
            await pilot.press("q")
            await pilot.pause()
            assert app.is_running
            assert "Finishing the export before quitting" in notified(app)
        await wait_until_quit(log)  # it quits by itself once the export was written
    assert "Mark Rutte" in target.read_text(encoding="utf-8")
