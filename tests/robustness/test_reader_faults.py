"""The reader under Wikipedia faults: it keeps running and the card says what happened.

The real Enricher talks to the loopback MediaWiki, which misbehaves after a
first good run has filled the cache: the card shows the cached (stale) summary
and the error line.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from enrich.cache import default_path
from enrich.enricher import Enricher
from enrich.model import Annotation, Entity, Label, Mention
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.helpers import make_article
from tests.tui.helpers import screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.widgets.entity_card import EntityCard

MONTH = 31 * 24 * 3600.0


def _age_cache(path: Path, seconds: float) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE entries SET stored = stored - ?", (seconds,))


def _russland_annotation() -> Annotation:
    text = "Russland schickte am Dienstag weitere Schiffe in die Ostsee."
    article = make_article(text, "de")
    mention = Mention(0, 8, "Russland", Label.LOC, "model")
    return Annotation(
        article, "hand-made", (Entity("loc-russland", "Russland", Label.LOC, (mention,)),)
    )


@pytest.mark.parametrize("mode", ["500", "invalid_json", "truncated", "api_error"])
async def test_reader_keeps_running_and_the_card_says_what_happened(
    fakewiki: FakeWiki,  # noqa: F811
    mode: str,
) -> None:
    annotation = _russland_annotation()
    # First a good run fills the cache; then it is a month old and the wiki misbehaves.
    with Enricher(api_url=fakewiki.api_url) as enricher:
        assert enricher.enrich(annotation)["loc-russland"].wikipedia is not None
    _age_cache(default_path(), MONTH)
    fakewiki.fail(mode, times=None)

    def enricher() -> Enricher:
        return Enricher(api_url=fakewiki.api_url)

    app = KontextApp(annotation.article, annotate=lambda a: annotation, enricher_factory=enricher)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        card = app.query_one(EntityCard).plain
        assert "Russland ist" in card  # the cached summary is shown
        assert "cached data (could not refresh)" in card
        assert "! Wikipedia (de)" in card  # and what went wrong
        assert "Russland ist" in screen_text(app)


async def test_reader_card_without_cache_says_what_happened(
    fakewiki: FakeWiki,  # noqa: F811
) -> None:
    annotation = _russland_annotation()
    fakewiki.fail("500", times=None)

    app = KontextApp(
        annotation.article,
        annotate=lambda a: annotation,
        enricher_factory=lambda: Enricher(api_url=fakewiki.api_url),
    )
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        card = app.query_one(EntityCard).plain
        assert card.count("Wikipedia (de) answered HTTP 500") == 1  # said once
        assert "! Wikipedia (de) answered HTTP 500" in card
