"""Helpers for driving the reader in tests."""

from __future__ import annotations

from collections.abc import Callable

from textual.app import App
from textual.pilot import Pilot

from enrich.enricher import Enricher
from enrich.model import Annotation, Article
from tui.app import KontextApp


def offline_enricher() -> Enricher:
    """Glossary and facts only: tests never reach the network."""
    return Enricher(offline=True, wikipedia=False)


def make_app(
    article: Article,
    annotate: Callable[[Article], Annotation] | None = None,
) -> KontextApp:
    return KontextApp(
        article, offline=True, annotate=annotate, enricher_factory=offline_enricher
    )


async def settle(pilot: Pilot[None]) -> None:
    """Wait until both workers have finished and their messages are handled."""
    for _ in range(3):
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def screen_text(app: App[None]) -> str:
    """What the terminal shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)
