"""The palette's "About Kontext": the recognizer, versions and credits, out of the header."""

from __future__ import annotations

from textual.command import CommandPalette

from tests.tui.helpers import demo_annotation, make_app, screen_text, settle, toasts
from tui.reader.about import about_text

DEMO = demo_annotation()


async def test_about_kontext_in_the_palette_names_the_recognizer_and_versions() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p")
        await settle(pilot)
        await pilot.press(*"about")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert "About Kontext" in screen_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        # The notification's text (the toast is drawn on a layer screen_text does not read).
        [note] = toasts(app)
        assert note.title == "About Kontext"
        assert f"Entities found by: {DEMO.recognizer}" in note.message
        assert "textual " in note.message and "Wikipedia (CC BY-SA)" in note.message


def test_about_text_before_annotation_and_with_control_sequences() -> None:
    assert "Entities found by: not run yet" in about_text(None)
    hostile = about_text("model \x1b]0;PWNED\x07 x")
    assert "\x1b" not in hostile and "\x07" not in hostile and "model" in hostile
