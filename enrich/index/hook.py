"""The session store's one call into the index: after every save, never failing it.

A save is the student's work and must not fail because of a cache: any
error here is logged as one warning and the index is marked for a rebuild
(``EntityIndex.open`` also re-indexes files whose signature changed, so even
a lost marker is caught up).

The connection stays open between saves (per process and index file):
closing the last connection to a WAL database checkpoints it, which cost
more than the update itself (bench: 17 of 40 ms). It is reopened when the
file was replaced (set aside and rebuilt by another process) or marked.
"""

from __future__ import annotations

import atexit
import contextlib
import logging
import os
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from enrich.index.entity_index import EntityIndex
    from enrich.session.model import Session
    from enrich.session.store import SessionStore

log = logging.getLogger("kontext.index")
_lock = threading.Lock()
_open: dict[tuple[str, int], tuple[EntityIndex, int]] = {}
_KEPT = 2


def _inode(path: Path) -> int:
    try:
        return os.stat(path).st_ino
    except FileNotFoundError:
        return -1


def _index(store: SessionStore, path: Path) -> EntityIndex:
    """The cached index of ``path`` for this process, reopened if the file changed."""
    from enrich.index import files
    from enrich.index.entity_index import EntityIndex

    key = (str(path), os.getpid())
    cached = _open.get(key)
    if cached is not None:
        index, inode = cached
        if inode == _inode(path) and not files.rebuild_marker(path).exists():
            return index
        del _open[key]
        with contextlib.suppress(Exception):
            index.close()
    index = EntityIndex.open(path, store=store, check=False, sync=False, threads=True)
    while len(_open) >= _KEPT:  # a process saving to many data dirs (tests) keeps few open
        _forget(Path(next(iter(_open))[0]))
    _open[key] = (index, _inode(path))
    return index


def index_after_save(store: SessionStore, session: Session) -> None:
    """Index ``session`` as just saved by ``store``; warn instead of raising."""
    from enrich.index import files

    path = files.index_path(store.root)
    try:
        with _lock:
            index = _index(store, path)
            try:
                sig = files.signature(store.path(session.name))
                index.update_from_session(session.name, session, signature=sig)
            except Exception:
                _forget(path)
                raise
    except Exception as exc:  # a cache must never cost a save
        log.warning(
            "kontext: warning: the entity index was not updated (%s); it will be rebuilt",
            " ".join(str(exc).split())[:200] or type(exc).__name__,
        )
        with contextlib.suppress(OSError):
            files.rebuild_marker(path).touch()


def _forget(path: Path) -> None:
    cached = _open.pop((str(path), os.getpid()), None)
    if cached is not None:
        with contextlib.suppress(Exception):
            cached[0].close()


@atexit.register
def close_all() -> None:
    """Close the cached connections (checkpointing their WAL) at exit."""
    with _lock:
        for index, _ in list(_open.values()):
            with contextlib.suppress(Exception):
                index.close()
        _open.clear()
