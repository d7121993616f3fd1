"""The entity list as it looks: counts end in one column, a wrapped name continues
under itself, and each entry's chip wears its label's highlight colour (after a
live theme switch too); under NO_COLOR the chip is the label's letter in its text style."""

from __future__ import annotations

import pytest
from rich.cells import cell_len
from rich.style import Style
from textual.app import App

from enrich.model import Annotation, Entity, Label, Mention
from tests.helpers import make_article
from tests.tui.helpers import make_app, screen_strips, settle
from tui.reader.widgets.entity_list import CHIP, EntityList

LONG = (
    "Bundesamt für Seeschifffahrt und Hydrographie der Bundesrepublik Deutschland "
    "im Geschäftsbereich des Bundesministeriums für Digitales und Verkehr"
)
# name, label, how often it is mentioned
NAMES = (
    ("Rutte", Label.PER, 12),
    ("Pistorius", Label.PER, 1),
    (LONG, Label.ORG, 3),
    ("Kiew", Label.LOC, 2),
    ("Eurofighter", Label.MISC, 1),
    ("JCS", Label.TERM, 5),
)
KEYS = {
    Label.PER: "per",
    Label.ORG: "org",
    Label.LOC: "loc",
    Label.MISC: "misc",
    Label.TERM: "term",
}


def _annotation() -> Annotation:
    sentences = [f"{name} war da." for name, _, n in NAMES for _ in range(n)]
    text = " ".join(sentences)
    article = make_article(text, "de", title="Liste")
    entities = []
    for name, label, _ in NAMES:
        starts, at = [], text.find(name)
        while at >= 0:
            starts.append(at)
            at = text.find(name, at + 1)
        mentions = tuple(Mention(s, s + len(name), name, label, "model") for s in starts)
        entities.append(Entity(f"e-{name[:8]}", name, label, mentions))
    return Annotation(article, "test", tuple(entities))


Row = tuple[str, list[tuple[str, Style]]]


def _list_rows(app: App[None]) -> list[Row]:
    """Each screen row of the entity list as shown (the compositor's strips): text, segments."""
    region = app.query_one(EntityList).content_region
    strips = screen_strips(app)
    rows = []
    for y in range(region.y, region.bottom):
        strip = strips[y].crop(region.x, region.right)
        segments = [(seg.text, seg.style or Style()) for seg in strip]
        rows.append(("".join(text for text, _ in segments), segments))
    return rows


def _style_at(row: Row, cell: int) -> Style:
    x = 0
    for text, style in row[1]:
        if x <= cell < x + cell_len(text):
            return style
        x += cell_len(text)
    raise AssertionError(f"no cell {cell} in {row[0]!r}")


def _row_of(rows: list[Row], name: str) -> int:
    return next(i for i, (text, _) in enumerate(rows) if name in text)


def _chip_colours(rows: list[Row]) -> dict[str, str]:
    """Entry name → the colour of the chip before it."""
    colours = {}
    for name, _, _ in NAMES:
        text, _segments = row = rows[_row_of(rows, name.split()[0])]
        chip = text.index(CHIP)
        colour = _style_at(row, cell_len(text[:chip])).color
        assert colour is not None, name
        colours[name] = colour.get_truecolor().hex.upper()
    return colours


def _expected(app: App[None]) -> dict[str, str]:
    variables = app.get_css_variables()
    return {name: variables[f"kontext-{KEYS[label]}"].upper() for name, label, _ in NAMES}


async def test_counts_align_names_hang_and_chips_wear_the_label_colour() -> None:
    annotation = _annotation()

    app = make_app(annotation.article, annotate=lambda a: annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        rows = _list_rows(app)
        texts = [text.rstrip() for text, _ in rows]
        # Counts: "12", "1", "3", "2", "1", "5" all end in the same column.
        ends = set()
        for name, _, n in NAMES:
            line = texts[_row_of(rows, name.split()[0])]
            assert line.endswith(f" {n}"), line
            ends.add(cell_len(line))
        assert len(ends) == 1, texts
        # The long name wraps; its next line starts where the name starts.
        first = _row_of(rows, "Bundesamt")
        name_column = cell_len(texts[first][: texts[first].index("Bundesamt")])
        following = texts[first + 1]
        assert following.strip() and following.strip() in LONG, texts[first : first + 2]
        assert cell_len(following) - cell_len(following.lstrip()) == name_column
        assert not rows[first + 1][0][:name_column].strip()  # no chip, no count there
        # Chips in the palette's colours, and in the new ones after a live switch.
        assert _chip_colours(rows) == _expected(app)
        before = _expected(app)
        app.theme = "textual-light" if app.theme != "textual-light" else "nord"
        await pilot.pause()
        await pilot.pause()
        after = _expected(app)
        assert after != before
        assert _chip_colours(_list_rows(app)) == after


async def test_no_color_chips_are_label_letters_in_text_styles(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    annotation = _annotation()

    app = make_app(annotation.article, annotate=lambda a: annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        await pilot.press("l")
        await pilot.pause()
        rows = _list_rows(app)
        styles = {}
        for name, label, _ in NAMES:
            text, _segments = row = rows[_row_of(rows, name.split()[0])]
            letter = text.lstrip()[0]
            assert letter == label[0], text  # P, O, L, M, T
            style = _style_at(row, cell_len(text) - cell_len(text.lstrip()))
            grey = style.color.get_truecolor() if style.color else None
            assert grey is None or grey.red == grey.green == grey.blue, text  # no hue left
            styles[label] = (style.bold, style.italic, style.underline)
        assert len(set(styles.values())) == len(Label)  # five text styles, as in the article
