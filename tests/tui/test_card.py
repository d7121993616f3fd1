"""The entity card's states: loading, loaded (glossary, facts), error."""

from __future__ import annotations

import threading

from enrich.enricher import Enricher
from enrich.model import Annotation, Label
from tests.helpers import make_article
from tests.tui.helpers import annotated, offline_enricher, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard


def _card(app: KontextApp) -> str:
    return app.query_one(EntityCard).plain


async def test_card_shows_loading_then_glossary_and_facts(sample_annotation: Annotation) -> None:
    gate = threading.Event()

    def slow_enricher() -> Enricher:
        gate.wait(timeout=30)
        return offline_enricher()

    app = KontextApp(
        sample_annotation.article,
        offline=True,
        annotate=lambda a: sample_annotation,
        enricher_factory=slow_enricher,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        try:
            await annotated(pilot)
            await pilot.press("n")
            await pilot.pause()
            assert "Loading" in _card(app)
            assert "Offline" in _card(app)
        finally:
            gate.set()
        await settle(pilot)
        assert app.reader.card_state == "ready" and "Loading" not in _card(app)
        view = app.query_one(ArticleView)
        with_glossary = [eid for eid, card in app.reader.cards.items() if card.glossary]
        assert with_glossary
        view.select_entity(with_glossary[0])
        await pilot.pause()
        assert "Glossary · " in _card(app)
        with_facts = [
            e.id
            for e in sample_annotation.entities
            if e.label == Label.LOC and app.reader.cards[e.id].facts
        ]
        assert with_facts
        view.select_entity(with_facts[0])
        await pilot.pause()
        assert "Facts" in _card(app) and "Facts" in screen_text(app)


async def test_enrichment_error_is_shown_on_the_card(sample_annotation: Annotation) -> None:
    def broken() -> Enricher:
        raise RuntimeError("wiki down")

    app = KontextApp(
        sample_annotation.article,
        offline=True,
        annotate=lambda a: sample_annotation,
        enricher_factory=broken,
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        assert "! Lookups failed: wiki down" in _card(app)


async def test_default_path_runs_the_real_annotator() -> None:
    article = make_article("Die NATO tagt in Berlin. Olaf Scholz kommt auch.", "de")

    app = KontextApp(article, offline=True, enricher_factory=offline_enricher)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert app.reader.annotation is not None
        names = {e.name for e in app.reader.annotation.entities}
        assert "NATO" in names and "Berlin" in names
        await pilot.press("n")
        await pilot.pause()
        assert _card(app).splitlines()[0] == "NATO"


def test_control_sequences_in_enrichment_never_reach_the_terminal() -> None:
    """A hostile wiki answer or glossary file must not clear the screen or set the title."""
    from enrich.enricher import Enrichment
    from tui.card_text import enrichment_parts

    card = Enrichment(
        "Nordkorea", "de", errors=["evil \x1b]0;PWNED\x07 \x1b[2J end", "bell\x07 \x9b31m"]
    )
    rendered = "".join(part.plain for part in enrichment_parts(card.card()))
    assert "evil" in rendered and "end" in rendered
    assert not any(c in rendered for c in ("\x1b", "\x07", "\x9b"))
