"""Snapshots of the entity card's states: loading, loaded, offline, error, disambiguation.

They run with a German interface (``german_ui``). Update with
`pytest --snapshot-update`, then look at the SVGs: each must show what its name
says (the tests also assert the card's text, so a snapshot accepted by mistake
still fails here).
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.pilot import Pilot

from enrich.enricher import Enricher
from enrich.model import Annotation, Entity, Label, Mention
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.helpers import make_article
from tests.tui.helpers import annotated, demo_annotation, offline_enricher, settle
from tui.reader.app import KontextApp
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard

DEMO = demo_annotation()
SIZE = (120, 32)
# German articles read by a German student: the reader's words in German too (the
# snapshots are also the German interface's: header, legend, footer, card).
pytestmark = pytest.mark.usefixtures("german_ui")

TEXT = (
    "Der Vereinigte Generalstab Südkoreas (JCS) teilte mit, Nordkorea habe am Morgen "
    "mehrere ballistische Raketen ins Japanische Meer abgefeuert. Der JCS beobachte die Lage."
)


def _korea() -> Annotation:
    """Two entities the loopback wiki knows: one clear (Nordkorea), one ambiguous (JCS)."""
    article = make_article(TEXT, "de", title="JCS meldet Raketen")
    jcs = tuple(
        Mention(i, i + 3, "JCS", Label.ORG, "model")
        for i in (TEXT.index("JCS"), TEXT.rindex("JCS"))
    )
    start = TEXT.index("Nordkorea")
    korea = (Mention(start, start + 9, "Nordkorea", Label.LOC, "model"),)
    return Annotation(
        article,
        "hand-made",
        (
            Entity("org-jcs", "JCS", Label.ORG, jcs),
            Entity("loc-nordkorea", "Nordkorea", Label.LOC, korea),
        ),
    )


def _card(app: KontextApp) -> str:
    return app.query_one(EntityCard).plain


def _select(entity_id: str, *expected: str, absent: tuple[str, ...] = ()) -> Any:
    """A run_before that waits for the workers, selects the entity and checks the card."""

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, KontextApp)
        await settle(pilot)
        app.query_one(ArticleView).select_entity(entity_id)
        await pilot.pause()
        for text in expected:
            assert text in _card(app), (text, _card(app))
        for text in absent:
            assert text not in _card(app), (text, _card(app))

    return run_before


def test_card_loading(snap_compare: Any) -> None:
    gate = threading.Event()

    def slow() -> Enricher:
        gate.wait(timeout=60)
        return offline_enricher()

    async def run_before(pilot: Pilot[None]) -> None:
        app = pilot.app
        assert isinstance(app, KontextApp)
        await annotated(pilot)
        app.query_one(ArticleView).select_entity("per-pistorius")
        await pilot.pause()
        assert "Glossar, Wikipedia und Fakten werden geladen…" in _card(app)

    app = KontextApp(DEMO.article, offline=True, annotate=lambda a: DEMO, enricher_factory=slow)
    try:
        assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
    finally:
        gate.set()


def test_card_loaded(snap_compare: Any, fakewiki: FakeWiki) -> None:  # noqa: F811
    annotation = _korea()

    def online() -> Enricher:
        return Enricher(offline=False, api_url=fakewiki.api_url)

    app = KontextApp(annotation.article, annotate=lambda a: annotation, enricher_factory=online)
    run_before = _select(
        "loc-nordkorea",
        "Nordkorea\nOrt · 1 Erwähnung\n",  # border title and subtitle
        "Wikipedia",
        "  sicher",
        "de.wikipedia.org/wiki/Nordkorea",
        "o öffnet Wikipedia",
        "Fakten",
        "Hauptstadt Pjöngjang",
        absent=("confidence", "Source:", "Hauptstadt:"),
    )
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_card_offline(snap_compare: Any) -> None:
    app = KontextApp(
        DEMO.article, offline=True, annotate=lambda a: DEMO, enricher_factory=offline_enricher
    )
    run_before = _select(
        "loc-russland", "Ort · ", "\n Offline \n", "Fakten", absent=("Offline:", "Source:")
    )
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_card_error(snap_compare: Any) -> None:
    def broken() -> Enricher:
        raise ConnectionError("wiki unreachable (connection refused)")

    app = KontextApp(DEMO.article, annotate=lambda a: DEMO, enricher_factory=broken)
    run_before = _select(
        "org-nato", "! Nachschlagen fehlgeschlagen: wiki unreachable (connection refused)"
    )
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_card_disambiguation(snap_compare: Any, fakewiki: FakeWiki) -> None:  # noqa: F811
    annotation = _korea()

    def online() -> Enricher:
        return Enricher(offline=False, api_url=fakewiki.api_url)

    app = KontextApp(annotation.article, annotate=lambda a: annotation, enricher_factory=online)
    run_before = _select(
        "org-jcs",
        "JCS\nOrganisation · 2 Erwähnungen\n",
        "Vereinigter Generalstab (Südkorea)",
        "Andere Treffer (w zum Wählen)",
        "· Joint Chiefs of Staff (USA)",
        absent=("has several meanings", "confidence 0."),
    )
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_card_full(snap_compare: Any, fakewiki: FakeWiki) -> None:  # noqa: F811
    """Glossary (the student's own entry), Wikipedia and facts on one titled card."""
    from enrich.glossary.edit import add_entry

    add_entry(
        "Nordkorea",
        "Staat im Norden der Koreanischen Halbinsel; in der Schule meist als DVRK abgekürzt.",
        "LOC",
    )
    annotation = _korea()

    def online() -> Enricher:
        return Enricher(offline=False, api_url=fakewiki.api_url)

    app = KontextApp(annotation.article, annotate=lambda a: annotation, enricher_factory=online)
    run_before = _select(
        "loc-nordkorea",
        "Nordkorea\nOrt · 1 Erwähnung\n",
        "Glossar · user\n",
        "\nWikipedia\nNordkorea  sicher\n",
        "o öffnet Wikipedia",
        "\nFakten\nName Nordkorea\n",
        "Offline-Fakten (Länder- und Städtedaten)",
    )
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
