"""One fresh reader process, timed while it enriches 50 entities from a slow wiki.

``python -m bench.prefetch_lag API_URL OUT`` (started by ``bench.lookups``):
the real ``KontextApp`` in a Pilot session gets the hand-made 50-entity
annotation and a real ``Enricher`` pointed at API_URL. Before the app starts,
the article is annotated once by the real recognizer, because in the reader
the annotation worker has loaded the pipeline, its gazetteers (shared with
the offline facts) and the glossary by the time enrichment starts; the
Wikipedia client is left to the enrichment worker to import, as in a real
first lookup. The window opens when the annotation is on screen and closes
when every entity has its card. Writes ``{"busy_max", "idle_max", "window"}``
(seconds) to OUT.
"""

from __future__ import annotations

import asyncio
import json
import sys
import threading
from pathlib import Path
from typing import Any

from bench.lag import idle_lag, sample_lag
from bench.lookups import article_annotation, entity_names


async def _run(api_url: str) -> dict[str, float]:
    from enrich import annotate
    from enrich.enricher import Enricher
    from tui.reader.app import KontextApp

    annotation = article_annotation(entity_names())
    annotate(annotation.article)
    gate = threading.Event()

    def gated(_article: Any) -> Any:
        gate.wait(60)  # hand the annotation over once the sampler runs
        return annotation

    app = KontextApp(
        annotation.article,
        annotate=gated,
        enricher_factory=lambda: Enricher(api_url=api_url),
    )
    entities = len(annotation.entities)

    def done() -> bool:
        cards = app.reader.cards
        return len(cards) >= entities or app.reader.card_state == "error"

    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        loop = asyncio.get_running_loop()
        sampler = asyncio.create_task(
            sample_lag(lambda: app.reader.annotation is not None, done, app=app)
        )
        await asyncio.sleep(0.02)
        start = loop.time()
        gate.set()
        busy = await sampler
        window = loop.time() - start
        if app.reader.card_state == "error":
            raise RuntimeError(f"the reader's lookups failed: {app.reader.card_error}")
        idle = await idle_lag(window)
    if not busy:
        raise RuntimeError("no wake-up fell inside the enrichment window")
    return {"busy_max": max(busy), "idle_max": max(idle), "window": window}


def main(argv: list[str]) -> int:
    api_url, out = argv
    result = asyncio.run(_run(api_url))
    Path(out).write_text(json.dumps(result), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
