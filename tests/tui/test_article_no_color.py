"""Under NO_COLOR, text style (bold, underline, italic...) carries what colour does."""

from __future__ import annotations

import pytest
from rich.style import Style

from enrich.labels import label_word
from enrich.model import Annotation, Entity, Label, Mention
from tests.helpers import make_article
from tests.tui.article_screen import style_of, text_style
from tests.tui.helpers import make_app, settle
from tui.reader.widgets.legend_bar import legend_line

NAMES = {
    Label.PER: "Angela Merkel",
    Label.ORG: "Bundesbank",
    Label.LOC: "Hamburg",
    Label.MISC: "Tatort",
    Label.TERM: "Inflation",
}
TEXT = (
    "Angela Merkel sprach mit der Bundesbank in Hamburg über den Tatort und die Inflation. "
    "Danach las sie."
)


def _annotation() -> Annotation:
    article = make_article(TEXT, "de")
    entities = []
    for label, name in NAMES.items():
        start = TEXT.index(name)
        mention = Mention(start, start + len(name), name, label, "model")
        entities.append(Entity(f"{label.lower()}-x", name, label, (mention,)))
    return Annotation(article, "test", tuple(entities))


async def _label_styles() -> tuple[dict[Label, object], object, bool, dict[Label, object]]:
    """Styles of the five mentions and of plain text as shown, NO_COLOR flag, and the
    style of each label's sample in the legend line ("1 Person", "2 Organisation" …)."""
    annotation = _annotation()
    result: dict[Label, object] = {}
    legend: dict[Label, object] = {}
    app = make_app(annotation.article, annotate=lambda a: annotation)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        line = legend_line(app.reader.article)  # what the legend bar shows
        for i, (label, name) in enumerate(NAMES.items(), start=1):
            result[label] = style_of(app, name)
            start = line.plain.index(f"{i} {label_word(label)}")
            legend[label] = Style.combine(
                s.style for s in line.spans if s.start == start and isinstance(s.style, Style)
            )
        plain = style_of(app, "Danach")
        return result, plain, app.no_color, legend


async def test_no_color_labels_differ_by_text_style(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    styles, plain, no_color, legend = await _label_styles()
    assert no_color
    looks = {label: text_style(style) for label, style in styles.items()}  # type: ignore[arg-type]
    assert len(set(looks.values())) == len(NAMES), looks  # five different looks
    assert text_style(plain) not in looks.values()  # and none looks like plain text
    for style in styles.values():  # the terminal gets no colour for them
        assert style.color is None or style.color.triplet is None or _grey(style.color)  # type: ignore[attr-defined]
    # The one legend line names each label in words, drawn in that label's text style.
    for label, style in legend.items():
        assert text_style(style) == looks[label], label  # type: ignore[arg-type]


async def test_with_colour_labels_differ_by_colour() -> None:
    styles, plain, no_color, legend = await _label_styles()
    assert not no_color
    colours = {style.color for style in styles.values()}  # type: ignore[attr-defined]
    assert len(colours) == len(NAMES)
    assert plain.color not in colours  # type: ignore[attr-defined]
    for label, style in legend.items():  # the legend's samples in the mentions' colours
        assert style.color == styles[label].color, label  # type: ignore[attr-defined]


async def test_every_built_in_theme_gives_five_label_colours() -> None:
    from textual.theme import BUILTIN_THEMES

    annotation = _annotation()

    app = make_app(annotation.article, annotate=lambda a: annotation)
    async with app.run_test(size=(120, 20)) as pilot:
        await settle(pilot)
        for theme in BUILTIN_THEMES:
            app.theme = theme
            await pilot.pause()
            colours = {style_of(app, name).color for name in NAMES.values()}
            assert len(colours) == len(NAMES), theme
            assert style_of(app, "Danach").color not in colours, theme


def _grey(color: object) -> bool:
    r, g, b = color.triplet  # type: ignore[attr-defined]
    return r == g == b
