"""Saving and loading a big session, as the reader's autosave and resume do.

The session is real: a generated article annotated by the real recognizer
(its first 500 entities kept), 200 notes with tags, and the offline
enrichment (glossary and facts) of every entity, which a session stores so it
reads offline. It goes through ``enrich.session.store.SessionStore``: a save
over the previous version (lock, re-read of the file on disk, atomic write
with fsync and a backup) and a load (read, migrate, validate the offsets).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench.harness import Result
from bench.texts import big_article

if TYPE_CHECKING:
    from enrich.session.model import Session

ENTITIES = 500
NOTES = 200


def _session(words: int) -> Session:
    from dataclasses import replace

    from enrich import annotate
    from enrich.enricher import Enricher
    from enrich.session.convert import new_session
    from enrich.session.model import EntityNote, now_iso

    annotation = annotate(big_article(words))
    entities = annotation.entities[:ENTITIES]
    if len(entities) < ENTITIES:
        raise RuntimeError(f"{words} words gave only {len(entities)} entities")
    annotation = replace(annotation, entities=entities)
    session = new_session("bench", annotation)
    with Enricher(offline=True, wikipedia=False) as enricher:
        cards = enricher.enrich(annotation)
    session.enrichment = {eid: card.to_json() for eid, card in cards.items()}
    stamp = now_iso()
    for e in entities[:NOTES]:
        session.notes[e.id] = EntityNote(
            entity_id=e.id,
            name=e.name,
            label=str(e.label),
            note=f"{e.name}: im Seminar nachfragen, welche Rolle das im Artikel spielt. " * 2,
            tags=["prüfung", "kapitel-3"],
            updated=stamp,
        )
    return session


def session_io(words: int, repeat: int) -> list[Result]:
    import msgspec

    from enrich.session.codec import encode
    from enrich.session.store import SessionStore

    session = _session(words)
    n_entities, n_notes = len(session.entities), len(session.notes)
    with tempfile.TemporaryDirectory(prefix="kontext-bench-") as tmp:
        root = Path(tmp)
        store = SessionStore(root / "sessions")
        session = store.save(session)  # the first save creates the file
        saves, loads, plain_writes, plain_reads = [], [], [], []
        for _ in range(max(repeat, 3)):
            session.position.offset += 1  # something changed, as in an autosave
            start = time.perf_counter()
            session = store.save(session)
            saves.append(time.perf_counter() - start)
            start = time.perf_counter()
            loaded = store.load("bench")
            loads.append(time.perf_counter() - start)
            start = time.perf_counter()
            (root / "plain.json").write_bytes(encode(session))
            plain_writes.append(time.perf_counter() - start)
            start = time.perf_counter()
            msgspec.json.decode((root / "plain.json").read_bytes())
            plain_reads.append(time.perf_counter() - start)
        size = store.path("bench").stat().st_size
    if len(loaded.entities) != n_entities or len(loaded.notes) != n_notes:
        raise RuntimeError("the loaded session differs from the saved one")
    what = f"{n_entities} entities, {n_notes} notes"
    note = f"{size / 1024:,.0f} KB of JSON; {len(session.article.text.split()):,}-word article"
    save_ms, load_ms = statistics.median(saves) * 1000, statistics.median(loads) * 1000
    return [
        Result(
            f"session save ({what})",
            save_ms,
            "ms",
            baseline=statistics.median(plain_writes) * 1000,
            baseline_name="encode + plain write, no lock/re-read/fsync",
            target="<= 50 ms",
            passed=save_ms <= 50,
            note=note + "; SessionStore.save over the previous version",
        ),
        Result(
            f"session load ({what})",
            load_ms,
            "ms",
            baseline=statistics.median(plain_reads) * 1000,
            baseline_name="read + parse only (untyped msgspec)",
            target="<= 50 ms",
            passed=load_ms <= 50,
            note="SessionStore.load",
        ),
    ]
