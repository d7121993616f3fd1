"""The three sessions of tests/enrich/index (one topic), saved into the test's KONTEXT_HOME,
and a reader opened on one of them."""

from __future__ import annotations

from typing import Any

from enrich.session import Session, SessionStore
from tests.enrich.index.conftest import SAVES
from tests.tui.helpers import offline_enricher
from tui.reader.app import KontextApp
from tui.reader.widgets.seen_in import SeenInReady


def save_sessions(count: int = 3) -> list[Session]:
    store = SessionStore()
    return [save(store) for save in SAVES[:count]]


def reader_on(session: Session, **kwargs: Any) -> KontextApp:
    """The reader resumed on ``session`` (no NLP: the session has its entities)."""
    store = SessionStore()
    saved = store.load(session.name)
    from enrich.session.convert import article_of

    return KontextApp(
        article_of(saved.article),
        offline=True,
        annotate=lambda a: (_ for _ in ()).throw(AssertionError("no NLP on a resumed session")),
        enricher_factory=offline_enricher,
        session=saved,
        store=store,
        **kwargs,
    )


def seen_in_for(key: str) -> Any:
    """A MessageLog matcher: the "Seen in" answer for ``key``."""
    return lambda m: isinstance(m, SeenInReady) and m.info.key == key
