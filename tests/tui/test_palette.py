"""The label palette: readable on the article and five colours apart, in every theme."""

from __future__ import annotations

import itertools

import pytest
from rich.style import Style
from textual.color import Color
from textual.theme import BUILTIN_THEMES, Theme
from textual.widget import Widget

from enrich.labels import label_word
from enrich.model import Label
from tests.tui.article_screen import style_of
from tests.tui.helpers import demo_annotation, make_app, screen_strips, settle
from tests.tui.test_settings_theme import _pick_theme
from tui.reader import palette as p
from tui.reader.app import KontextApp
from tui.reader.widgets.legend_bar import LegendBar

DEMO = demo_annotation()

# Sharma, Wu and Dalal (2005), "The CIEDE2000 color-difference formula", test data
# (Lab 1, Lab 2, ΔE00): the formula's published values, to four decimals.
SHARMA = [
    ((50.0, 2.6772, -79.7751), (50.0, 0.0, -82.7485), 2.0425),
    ((50.0, 3.1571, -77.2803), (50.0, 0.0, -82.7485), 2.8615),
    ((50.0, 2.8361, -74.0200), (50.0, 0.0, -82.7485), 3.4412),
    ((50.0, 0.0, 0.0), (50.0, -1.0, 2.0), 2.3669),
    ((50.0, 2.5, 0.0), (73.0, 25.0, -18.0), 27.1492),
    ((50.0, 2.5, 0.0), (61.0, -5.0, 29.0), 22.8977),
    ((50.0, 2.5, 0.0), (56.0, -27.0, -3.0), 31.9030),
    ((50.0, 2.5, 0.0), (58.0, 24.0, 15.0), 19.4535),
    ((50.0, 2.5, 0.0), (50.0, 3.1736, 0.5854), 1.0000),
    ((60.2574, -34.0099, 36.2677), (60.4626, -34.1751, 39.4387), 1.2644),
    ((63.0109, -31.0961, -5.8663), (62.8187, -29.7946, -4.0864), 1.2630),
    ((2.0776, 0.0795, -1.1350), (0.9033, -0.0636, -0.5514), 0.9082),
]


@pytest.mark.parametrize(("lab1", "lab2", "expected"), SHARMA)
def test_ciede2000_matches_the_published_test_data(lab1, lab2, expected) -> None:
    assert p.ciede2000(lab1, lab2) == pytest.approx(expected, abs=1e-4)
    assert p.ciede2000(lab2, lab1) == pytest.approx(expected, abs=1e-4)


def test_contrast_is_the_wcag_ratio() -> None:
    assert p.contrast_hex("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert p.contrast_hex("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)


def _check(variables: dict[str, str]) -> list[str]:
    """What fails for the palette computed from ``variables`` (empty: it is a code)."""
    background, foreground = p.article_colours(variables)
    colours = list(p.css_variables(variables).values())
    problems = [
        f"{key} {c} is {p.contrast_hex(c, background):.2f}:1 on {background}"
        for key, c in zip(p.LABEL_KEYS, colours, strict=True)
        if p.contrast_hex(c, background) < p.MIN_CONTRAST
    ]
    problems += [
        f"{a} and {b} are ΔE {p.delta_e(a, b):.1f} apart"
        for a, b in itertools.combinations(colours, 2)
        if p.delta_e(a, b) < p.MIN_APART
    ]
    problems += [
        f"{c} is ΔE {p.delta_e(c, foreground):.1f} from the text {foreground}"
        for c in colours
        if p.delta_e(c, foreground) < p.MIN_FROM_TEXT
    ]
    return problems


TRUECOLOUR = [name for name, t in BUILTIN_THEMES.items() if not name.startswith("ansi")]


@pytest.mark.parametrize("name", TRUECOLOUR)
def test_every_builtin_theme_gets_a_readable_distinct_palette(name: str) -> None:
    assert _check(p.theme_variables(BUILTIN_THEMES[name])) == []


@pytest.mark.parametrize("name", [n for n in BUILTIN_THEMES if n not in TRUECOLOUR])
def test_a_terminal_theme_gets_five_different_ansi_hues(name: str) -> None:
    """The terminal decides what ANSI colours look like; no two labels share one."""
    colours = list(p.css_variables(p.theme_variables(BUILTIN_THEMES[name])).values())
    bases = {c.removeprefix("ansi_").removeprefix("bright_") for c in colours}
    assert len(bases) == 5 and all(c.startswith("ansi_") for c in colours)
    assert all(Color.parse(c).ansi is not None for c in colours)  # valid CSS colour names


def test_the_theme_colours_are_kept_where_they_pass() -> None:
    """nord's warning colour already works: the palette keeps it, not a colour of its own."""
    variables = p.theme_variables(BUILTIN_THEMES["nord"])
    assert p.css_variables(variables)["kontext-per"] == variables["text-warning"].upper()


def test_the_known_failures_are_corrected() -> None:
    """Issue 16's findings: the old colours failed, the palette's pass."""
    light = p.theme_variables(BUILTIN_THEMES["textual-light"])
    background, foreground = p.article_colours(light)
    assert p.contrast_hex(light["text-primary"], foreground) < 1.5  # TERM read as plain text
    assert p.contrast_hex(light["text-warning"], background) < 4.5  # PER too faint
    assert _check(light) == []
    dark = p.theme_variables(BUILTIN_THEMES["textual-dark"])
    assert p.delta_e(dark["text-secondary"], dark["text-primary"]) < 25  # ORG ~ TERM
    assert _check(dark) == []


def test_a_grey_theme_is_corrected() -> None:
    """All five sources one grey, barely readable: five readable, different colours."""
    grey = Theme(
        name="all-grey",
        primary="#4A4A4A",
        secondary="#4A4A4A",
        warning="#4A4A4A",
        error="#4A4A4A",
        success="#4A4A4A",
        accent="#4A4A4A",
        background="#202020",
        surface="#262626",
        foreground="#A0A0A0",
        dark=True,
    )
    variables = p.theme_variables(grey)
    background, _ = p.article_colours(variables)
    sources = p.source_colours(variables)
    assert len({s.upper() for s in sources}) == 1  # one colour for all five labels
    assert p.contrast_hex(sources[0], background) < 4.5
    assert _check(variables) == []


def _rows(app: KontextApp, widget: Widget) -> list[list[tuple[str, Style]]]:
    """The (text, style) segments of each screen row inside ``widget``, as composited."""
    region = widget.region
    strips = screen_strips(app)
    return [
        [(seg.text, seg.style or Style()) for seg in strips[y].crop(region.x, region.right)]
        for y in range(region.y, region.bottom)
    ]


def _colour_of(rows: list[list[tuple[str, Style]]], text: str) -> object:
    """The colour of the segment that starts with ``text`` (the legend's "1 Person")."""
    found = [s.color for row in rows for t, s in row if t.startswith(text)]
    assert found, f"{text!r} is not on screen"
    return found[0]


async def test_a_live_theme_switch_restyles_the_article_and_the_legend(kontext_home) -> None:
    """From textual-dark to textual-light in the command palette, as a student would:
    the article's highlights and the legend line take textual-light's palette."""
    light = p.css_variables(p.theme_variables(BUILTIN_THEMES["textual-light"]))
    dark = p.css_variables(p.theme_variables(BUILTIN_THEMES["textual-dark"]))
    expected = {key: Color.parse(light[f"kontext-{key}"]).rich_color for key in p.LABEL_KEYS}

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.theme == "textual-dark"
        bar = app.screen.query_one(LegendBar)
        before = _colour_of(_rows(app, bar), "1 Person")
        assert before == Color.parse(dark["kontext-per"]).rich_color
        await _pick_theme(pilot, "textual-light")
        assert app.theme == "textual-light"
        legend = _rows(app, bar)
        for i, (key, label) in enumerate(zip(p.LABEL_KEYS, Label, strict=True), start=1):
            assert _colour_of(legend, f"{i} {label_word(label)}") == expected[key], label
        assert style_of(app, "Pistorius").color == expected["per"]
        assert style_of(app, "NATO", 1).color == expected["org"]
        assert style_of(app, "Ostsee").color == expected["loc"]
        # The palette was checked against the colours the article is really drawn in.
        vars_light = p.theme_variables(BUILTIN_THEMES["textual-light"])
        background, foreground = p.article_colours(vars_light)
        assert style_of(app, "Pistorius").bgcolor == Color.parse(background).rich_color
        assert style_of(app, "Soldaten").color == Color.parse(foreground).rich_color
        assert expected["per"] != before  # the switch changed something a reader sees


def test_the_precomputed_table_matches_the_computation_for_every_builtin_theme() -> None:
    """The first paint reads the table; a Textual update that changes a theme must not
    leave a stale palette behind (regenerate with ``python -m tui.reader.palette``)."""
    from textual.theme import BUILTIN_THEMES

    from tui.reader.palette_table import PALETTES

    keys = {
        key
        for theme in BUILTIN_THEMES.values()
        if (key := p.palette_key(p.theme_variables(theme))) is not None
    }
    assert set(PALETTES) == keys
    for key in keys:
        assert PALETTES[key] == p.compute_palette(*key)


def test_a_theme_of_ones_own_is_computed_not_looked_up() -> None:
    sources = ("#777777",) * 5
    colours = p.label_palette(sources, "#202020", "#E0E0E0")
    assert colours == p.compute_palette(sources, "#202020", "#E0E0E0")
    assert len(set(colours)) == 5
