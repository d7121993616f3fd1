"""Helpers for driving the reader in tests."""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from textual.app import App
from textual.pilot import Pilot
from textual.worker import WorkerFailed

from enrich.enricher import Enricher
from enrich.model import Annotation, Article, Entity, Label, Mention
from tui.app import KontextApp


def offline_enricher() -> Enricher:
    """Glossary and facts only: tests never reach the network."""
    return Enricher(offline=True, wikipedia=False)


def make_app(
    article: Article,
    annotate: Callable[[Article], Annotation] | None = None,
) -> KontextApp:
    return KontextApp(article, offline=True, annotate=annotate, enricher_factory=offline_enricher)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until both workers have finished and their messages are handled."""
    for _ in range(3):
        # A failed worker is handled by the app; tests assert what the user sees.
        with contextlib.suppress(WorkerFailed):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()


def notifications(app: App[None]) -> list[str]:
    """The messages of the toasts shown so far, oldest first."""
    return [str(n.message) for n in app._notifications]


def notified(app: App[None]) -> str:
    """All toast messages as one text, for ``in`` checks."""
    return "\n".join(notifications(app))


def write_config(home: Path, text: str) -> Path:
    """config.toml under ``KONTEXT_HOME`` = ``home``."""
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@contextlib.contextmanager
def busy_workers() -> Iterator[None]:
    """Every thread of the reader's executor blocked (a model load, slow lookups)
    until the block ends: work queued meanwhile has not run yet."""
    import asyncio
    import threading

    from tui.app import WORKER_THREADS

    gate = threading.Event()
    loop = asyncio.get_running_loop()
    for _ in range(WORKER_THREADS):
        loop.run_in_executor(None, gate.wait)
    try:
        yield
    finally:
        gate.set()


async def wait_until_quit(pilot: Pilot[None], seconds: float = 5.0) -> None:
    """Let the app run until it exits by itself (or ``seconds`` pass)."""
    for _ in range(int(seconds / 0.05)):
        await pilot.pause(0.05)
        if not pilot.app.is_running:
            return


def screen_text(app: App[None]) -> str:
    """What the terminal shows, as plain text lines."""
    strips = app.screen._compositor.render_strips()
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


# Entities of the demo article, written by hand so snapshots follow the UI, not the NER:
# (id, name, label, [(surface, kind), ...]).
DEMO_ENTITIES = [
    (
        "per-pistorius",
        "Boris Pistorius",
        Label.PER,
        [("Boris Pistorius", "mention"), ("Pistorius", "mention")],
    ),
    ("per-rutte", "Mark Rutte", Label.PER, [("Mark Rutte", "mention")]),
    ("org-nato", "NATO", Label.ORG, [("NATO", "mention")]),
    (
        "org-bsh",
        "Bundesamt für Seeschifffahrt und Hydrographie",
        Label.ORG,
        [("Bundesamt für Seeschifffahrt und Hydrographie", "mention"), ("BSH", "mention")],
    ),
    ("loc-ostsee", "Ostsee", Label.LOC, [("Ostsee", "mention")]),
    ("loc-russland", "Russland", Label.LOC, [("Russland", "mention"), ("russischen", "related")]),
    ("term-schattenflotte", "Schattenflotte", Label.TERM, [("Schattenflotte", "mention")]),
]


def demo_annotation() -> Annotation:
    """The bundled German sample with the hand-made entities above (every occurrence)."""
    import re

    from enrich import load_article
    from tui.cli import sample_path

    article = load_article(str(sample_path("de")))
    entities, taken = [], set()
    for entity_id, name, label, surfaces in DEMO_ENTITIES:
        mentions = []
        for surface, kind in surfaces:
            for m in re.finditer(rf"\b{re.escape(surface)}\b", article.text):
                if not taken.intersection(range(m.start(), m.end())):
                    taken.update(range(m.start(), m.end()))
                    mentions.append(Mention(m.start(), m.end(), surface, label, "model", kind))
        mentions.sort(key=lambda m: m.start)
        entities.append(Entity(entity_id, name, label, tuple(mentions)))
    return Annotation(article, "hand-made test entities", tuple(entities))
