"""Snapshots of the article map and of a card with "Seen in" (hand-made entities and
sessions we write here: a retrained model must not change them).
Update with `pytest --snapshot-update`."""

from __future__ import annotations

import dataclasses
from typing import Any

from textual.pilot import Pilot

from enrich.session import EntityNote, SessionStore, new_session
from tests.helpers import make_article
from tests.tui.helpers import demo_annotation, make_app, settle
from tui.reader.widgets.article_view import ArticleView

DEMO = demo_annotation()
EARLIER = (
    ("woche-1", "Pistorius in Vilnius", "2026-10-05T08:00:00+00:00", "Verteidigungsminister."),
    ("woche-2", "Die Brigade wächst", "2026-10-12T08:00:00+00:00", "Besuchte die Brigade."),
)


def _save_earlier_sessions() -> None:
    """Two earlier articles (our own titles) that met Boris Pistorius, each with a note."""
    store = SessionStore()
    for name, title, date, text in EARLIER:
        # Another text (a line added): the reader must not offer to resume these sessions.
        article = make_article(f"{DEMO.article.text}\n\nNachtrag: {title}.", "de", title=title)
        annotation = dataclasses.replace(DEMO, article=article)
        session = new_session(name, annotation)
        session.created = date
        session.notes["per-pistorius"] = EntityNote(
            entity_id="per-pistorius",
            name="Boris Pistorius",
            label="PER",
            note=text,
            tags=[],
            updated=date,
        )
        store.save(session)


def test_article_map(snap_compare: Any) -> None:
    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        await pilot.press("m")
        await pilot.pause()

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=(120, 30), run_before=run_before)


def test_card_with_seen_in(snap_compare: Any) -> None:
    _save_earlier_sessions()

    async def run_before(pilot: Pilot[None]) -> None:
        await settle(pilot)
        pilot.app.query_one(ArticleView).select_entity("per-pistorius")
        await settle(pilot)  # the seen-in worker and its message

    app = make_app(DEMO.article, annotate=lambda a: DEMO)
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
