"""A huge paste full of escape sequences is one paste: cleaned once, cut to what a field
keeps, with one notice, and the dialog stays usable."""

from __future__ import annotations

from textual import events
from textual.widgets import Input, TextArea

from tests.tui.helpers import demo_annotation, make_app, notified, settle
from tui.reader.paste import AREA_LIMIT, LINE_LIMIT
from tui.reader.screens.note import NoteScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.search_bar import SearchBar

DEMO = demo_annotation()
CHUNK = "Notiz \x1b[31mrot\x1b[0m \x1b]0;Fenstertitel\x07 \x9b2J ende\n"
HOSTILE = (CHUNK * (2_000_000 // len(CHUNK) + 1))[:2_000_000]  # 2 MB


async def test_a_2_mb_paste_into_a_note_is_cleaned_cut_and_announced() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n", "a")
        await pilot.pause()
        assert isinstance(app.screen, NoteScreen)
        app.post_message(events.Paste(HOSTILE))  # as the terminal driver delivers it
        await pilot.pause()
        area = app.screen.query_one("#note-text", TextArea)
        assert len(area.text) == AREA_LIMIT
        assert area.text.startswith("Notiz rot   ende\nNotiz rot   ende\n")
        assert not any(c in area.text for c in "\x1b\x07\x9b")
        assert "Pasted text was cut to 20,000 characters" in notified(app)
        await pilot.press("end", "x", "ctrl+s")  # still a working note
        await pilot.pause()
        assert not isinstance(app.screen, NoteScreen)
        assert app.reader.state is not None
        note = app.reader.state.note(app.query_one(ArticleView).current_entity)
        assert note is not None and note.note.endswith("x") and "\x1b" not in note.note


async def test_a_paste_into_a_one_line_field_keeps_its_first_line_cleaned() -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        app.post_message(events.Paste("Ost\x1b[2Jsee" + "x" * 5000))
        await pilot.pause()
        field = app.query_one(SearchBar).query_one(Input)
        assert field.value == ("Ostsee" + "x" * 5000)[:LINE_LIMIT]
        assert "one-line field keeps at most 500" in notified(app)

        app.post_message(events.Paste("Pistorius\x1b[0m\nzweite Zeile"))  # small: no notice
        await pilot.pause()
        assert field.value.endswith("Pistorius")
        assert notified(app).count("Pasted text was cut") == 1


def _parse(parser: object, data: str, read: int = 4096) -> list[object]:
    """Feed ``data`` as the driver does: reads of ``read`` characters, a tick after each."""
    found: list[object] = []
    for i in range(0, len(data), read):
        found += list(parser.feed(data[i : i + read]))  # type: ignore[attr-defined]
        found += list(parser.tick())  # type: ignore[attr-defined]
    return found


def test_a_bracketed_paste_full_of_escapes_is_one_paste_not_keystrokes() -> None:
    from textual._xterm_parser import XTermParser

    from tui.reader.paste_parser import PasteSafeParser

    body = (CHUNK * 4000)[:150_000]
    data = "n\x1b[200~" + body + "\x1b[201~q"
    keys_before = [e for e in _parse(XTermParser(), data) if isinstance(e, events.Key)]
    assert len(keys_before) > 100_000  # Textual's own parser: the paste became keystrokes

    found = _parse(PasteSafeParser(), data)
    pastes = [e for e in found if isinstance(e, events.Paste)]
    keys = [e.key for e in found if isinstance(e, events.Key)]
    assert [p.text for p in pastes] == [body]
    assert keys == ["n", "q"]  # typed before and after: still keys


def test_paste_markers_cut_between_reads_and_a_lone_escape_still_work() -> None:
    from tui.reader.paste_parser import PasteSafeParser

    parser = PasteSafeParser()
    found = _parse(parser, "a\x1b[20" + "0~Text\x1b[2" + "01~", read=5)
    assert [e.text for e in found if isinstance(e, events.Paste)] == ["Text"]
    assert [e.key for e in found if isinstance(e, events.Key)] == ["a"]
    pressed = list(parser.feed("\x1b"))  # the escape key, alone in a read
    pressed += list(parser.feed(""))  # end of input: Textual's parser reports it now
    escape = [e for e in pressed if isinstance(e, events.Key)]
    assert [e.key for e in escape] == ["escape"]


def test_the_reader_reads_a_terminal_with_the_paste_safe_parser() -> None:
    from tui.reader.terminal_driver import PasteSafeLinuxDriver

    assert make_app(DEMO.article).driver_class is PasteSafeLinuxDriver
