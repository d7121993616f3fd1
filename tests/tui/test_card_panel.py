"""The entity card as a titled panel: name and label in its border, words for students.

The card is read as the user sees it: the border title and subtitle Textual
draws, the screen's text, and the styles rich gives each segment.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.segment import Segment
from textual.color import Color

from enrich.enricher import Enricher
from enrich.model import Annotation, Entity, Label, Mention
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.helpers import make_article
from tests.tui.helpers import demo_annotation, make_app, screen_text, settle
from tests.tui.test_card_snapshots import _korea
from tui.card_text import KeyValues, readable_url
from tui.reader.app import KontextApp
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard

DEMO = demo_annotation()


def _segments(renderable: Any, width: int) -> list[Segment]:
    console = Console(width=width, color_system="truecolor", force_terminal=True)
    return list(console.render(renderable, console.options.update_width(width)))


def _lines(renderable: Any, width: int) -> list[str]:
    console = Console(width=width, color_system=None, force_terminal=False)
    with console.capture() as captured:
        console.print(renderable)
    return [line.rstrip() for line in captured.get().splitlines()]


async def test_card_border_holds_the_name_in_its_label_colour_and_the_label_in_words(
    german_ui: None,  # the card's words in German
) -> None:
    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("loc-russland")
        await pilot.pause()
        card = app.query_one(EntityCard)
        assert card.border_title is not None and card.border_subtitle is not None
        assert str(card.border_title) == "Russland"
        subtitle = str(card.border_subtitle)
        assert subtitle == "Ort · 2 Erwähnungen + 1 verwandt", subtitle
        loc = Color.parse(app.get_css_variables()["kontext-loc"])
        assert card.styles.border_title_color == loc
        shown = screen_text(app)
        assert "╭─ Russland ─" in shown and f"╰─ {subtitle} ─" in shown
        assert "LOC" not in card.plain and "Offline:" not in card.plain
        assert card.plain.count(" Offline ") == 1  # the badge
        assert card.plain.splitlines()[2] == " Offline "
        assert "Fakten" in shown and "Source:" not in shown
        # Another label recolours the title.
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.pause()
        org = Color.parse(app.get_css_variables()["kontext-org"])
        assert str(card.border_title) == "NATO" and card.styles.border_title_color == org
        assert not card.has_class("-loc")


async def test_an_english_article_gets_english_card_words() -> None:
    text = "NATO ministers met in Berlin. Berlin hosted them for two days."
    article = make_article(text, "en", title="Ministers meet")
    berlin = tuple(
        Mention(i, i + 6, "Berlin", Label.LOC, "model")
        for i in (text.index("Berlin"), text.rindex("Berlin"))
    )
    annotation = Annotation(
        article, "hand-made", (Entity("loc-berlin", "Berlin", Label.LOC, berlin),)
    )

    app = make_app(article, annotate=lambda a: annotation)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("loc-berlin")
        await pilot.pause()
        card = app.query_one(EntityCard)
        assert str(card.border_subtitle) == "Place · 2 mentions"
        assert "Facts" in screen_text(app) and "Fakten" not in card.plain


def test_fact_values_are_not_bold_and_keys_are_dim() -> None:
    grid = KeyValues([("Hauptstadt", "Pjöngjang"), ("Einwohner", "25,5 Millionen")])
    styles = {seg.text.strip(): seg.style for seg in _segments(grid, 40) if seg.text.strip()}
    assert styles["Hauptstadt"] is not None and styles["Hauptstadt"].dim
    assert not (styles["Pjöngjang"] and styles["Pjöngjang"].bold)
    assert _lines(grid, 40)[0] == "Hauptstadt Pjöngjang"


def test_a_wrapped_candidate_keeps_its_indent() -> None:
    rows = [("·", "Joint Chiefs of Staff (USA) – Gremium der ranghöchsten Offiziere")]
    lines = _lines(KeyValues(rows), 24)
    assert len(lines) > 1 and lines[0].startswith("· Joint")
    assert all(line.startswith("  ") and line.strip() for line in lines[1:]), lines


def test_the_url_is_decoded_and_shown_without_the_scheme() -> None:
    url = "https://de.wikipedia.org/wiki/S%C3%BCdkorea_(Staat)"
    assert readable_url(url) == "de.wikipedia.org/wiki/Südkorea_(Staat)"


async def test_confidence_is_a_word_and_the_number_comes_with_details(
    fakewiki: FakeWiki,  # noqa: F811
    german_ui: None,
) -> None:
    annotation = _korea()

    def online() -> Enricher:
        return Enricher(offline=False, api_url=fakewiki.api_url)

    app = KontextApp(annotation.article, annotate=lambda a: annotation, enricher_factory=online)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-jcs")
        await pilot.pause()
        card = app.query_one(EntityCard)
        assert "unsicher" in card.plain and "Trefferwert" not in card.plain
        assert "has several meanings" not in card.plain  # the candidates are listed once
        await pilot.press("enter")  # focus the card
        await pilot.pause()
        assert app.focused is card
        await pilot.press("i")
        await pilot.pause()
        assert "Trefferwert 0." in card.plain and "Trefferwert 0." in screen_text(app)
        await pilot.press("i")
        await pilot.pause()
        assert "Trefferwert" not in card.plain
