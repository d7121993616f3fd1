"""The reader's theme: applied from config.toml, saved when the student picks another."""

from __future__ import annotations

from pathlib import Path

from textual.color import Color
from textual.pilot import Pilot

from tests.tui.helpers import demo_annotation, make_app, notified, settle, toasts, write_config
from tui.reader.app import KontextApp

DEMO = demo_annotation()


def _background(app: KontextApp) -> Color:
    """The colour the screen is painted with."""
    return app.screen.styles.background


async def _pick_theme(pilot: Pilot[None], name: str) -> None:
    """Command palette (ctrl+p) → "Theme" → the theme's name → enter, as a student would."""
    # After each step, the palette's search worker has listed its hits (settle).
    await pilot.press("ctrl+p")
    await settle(pilot)
    await pilot.press(*"theme")
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)
    await pilot.press(*name)
    await settle(pilot)
    await pilot.press("enter")
    await settle(pilot)


async def test_the_saved_theme_is_applied_at_start(kontext_home: Path) -> None:
    write_config(kontext_home, 'theme = "nord"\n')

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
        nord = app.get_theme("nord")
        assert nord is not None and nord.background is not None
        assert _background(app) == Color.parse(nord.background)
        assert not notified(app)


async def test_picking_a_theme_in_the_palette_saves_it(kontext_home: Path) -> None:
    path = write_config(kontext_home, '# mine\noffline = true\n\n[keys]\nhelp = "?"\n')

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        default = _background(app)
        await _pick_theme(pilot, "dracula")
        await settle(pilot)
        assert app.theme == "dracula"
        assert _background(app) != default
        assert f"Theme dracula saved in {path}." in notified(app)
    assert path.read_text() == '# mine\noffline = true\ntheme = "dracula"\n\n[keys]\nhelp = "?"\n'

    async def reopen() -> None:
        app = make_app(DEMO.article, annotate=lambda a: DEMO)
        async with app.run_test(size=(120, 30)) as pilot:
            await settle(pilot)
            assert app.theme == "dracula"

    await reopen()


async def test_an_unknown_theme_warns_and_keeps_the_default(kontext_home: Path) -> None:
    path = write_config(kontext_home, 'theme = "solarised-pink"\n')

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        warning = next(n for n in toasts(app) if "solarised-pink" in str(n.message))
        assert warning.severity == "warning"
        assert "unknown theme 'solarised-pink'; using textual-dark" in str(warning.message)
        assert "nord" in str(warning.message) and "\n" not in str(warning.message)
    assert path.read_text() == 'theme = "solarised-pink"\n'  # the student's line is kept


async def test_a_broken_config_is_reported_and_kept_when_the_theme_changes(
    kontext_home: Path,
) -> None:
    text = "offline = maybe\n"
    path = write_config(kontext_home, text)

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "using default settings" in notified(app)  # told at start
        await _pick_theme(pilot, "nord")
        await settle(pilot)
        assert app.theme == "nord" and app.is_running
        failed = next(n for n in toasts(app) if "not saved" in str(n.message))
        assert failed.severity == "error"
        assert str(path) in str(failed.message)
    assert path.read_text() == text
