"""The session store's one call into the index: after every save, never failing it.

A save is the student's work and must not fail because of a cache: any
error here is logged as one warning and the index is marked for a rebuild
(``EntityIndex.open`` also re-indexes files whose signature changed, so even
a lost marker is caught up).
"""

from __future__ import annotations

import contextlib
import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from enrich.session.model import Session
    from enrich.session.store import SessionStore

log = logging.getLogger("kontext.index")


def index_after_save(store: SessionStore, session: Session) -> None:
    """Index ``session`` as just saved by ``store``; warn instead of raising."""
    from enrich.index import files

    path = files.index_path(store.root)
    try:
        from enrich.index.entity_index import EntityIndex

        with EntityIndex.open(path, store=store, check=False, sync=False) as index:
            sig = files.signature(store.path(session.name))
            index.update_from_session(session.name, session, signature=sig)
    except Exception as exc:  # a cache must never cost a save
        log.warning(
            "kontext: warning: the entity index was not updated (%s); it will be rebuilt",
            " ".join(str(exc).split())[:200] or type(exc).__name__,
        )
        with contextlib.suppress(OSError):
            files.rebuild_marker(path).touch()
