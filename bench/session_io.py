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

from bench.harness import Result, median_seconds
from bench.texts import big_article

if TYPE_CHECKING:
    from enrich.session.model import Session

ENTITIES = 500
NOTES = 200
REPLAY_WORDS = 100_000
REPLAY_CORRECTIONS = 50


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
    replay_rows = correction_replay(REPLAY_WORDS, repeat)
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
        *replay_rows,
    ]


def _replay_annotation(words: int):  # type: ignore[no-untyped-def]
    """A big article whose capitalised words are entities: thousands of mentions, no NLP."""
    import re
    from collections import defaultdict

    from enrich.model import Annotation, Entity, Label, Mention

    article = big_article(words)
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for m in re.finditer(r"\b[A-ZÄÖÜ][a-zäöüß]{3,}\b", article.text):
        spans[m.group()].append((m.start(), m.end()))
    entities = tuple(
        Entity(
            f"org-{i}",
            w,
            Label.ORG,
            tuple(Mention(s, e, w, Label.ORG, "model") for s, e in spans[w]),
        )
        for i, w in enumerate(sorted(spans, key=lambda w: -len(spans[w]))[:400])
    )
    return Annotation(article, "bench", entities)


def correction_replay(words: int, repeat: int) -> list[Result]:
    """Replaying a student's corrections: the whole log (resume, merge) and one edit.

    Half the corrections add a frequent lowercase word (every occurrence, checked
    against every mention), half reject an entity.
    """
    import re
    from collections import Counter

    from enrich.session.corrections import apply_corrections
    from enrich.session.model import Correction

    annotation = _replay_annotation(words)
    text = annotation.article.text
    frequent = Counter(re.findall(r"\b[a-zäöüß]{6,}\b", text)).most_common(REPLAY_CORRECTIONS // 2)
    log = []
    for word, _ in frequent:
        start = re.search(rf"\b{word}\b", text).start()  # type: ignore[union-attr]
        log.append(
            Correction(op="add", start=start, end=start + len(word), text=word, label="MISC")
        )
    for entity in annotation.entities[: REPLAY_CORRECTIONS - len(log)]:
        m = entity.mentions[0]
        log.append(Correction(op="reject", start=m.start, end=m.end, text=m.text))
    mentions = sum(len(e.mentions) for e in annotation.entities)
    runs = max(repeat, 3)
    full = median_seconds(lambda: apply_corrections(annotation, log), runs) * 1000
    before = apply_corrections(annotation, log[:-1])
    edit = median_seconds(lambda: apply_corrections(before, log[-1:]), runs) * 1000
    add = log[len(frequent) - 1]
    one_add = median_seconds(lambda: apply_corrections(before, [add]), runs) * 1000
    scan = median_seconds(lambda: [m.start for e in before.entities for m in e.mentions], runs)
    what = f"{words:,}-word article, {mentions:,} mentions"
    return [
        Result(
            f"replay {len(log)} corrections ({what})",
            full,
            "ms",
            baseline=scan * 1000 * len(log),
            baseline_name=f"{len(log)} plain passes over all mentions",
            target="<= 500 ms (resume and merge replay in a worker)",
            passed=full <= 500,
            note="apply_corrections over the whole log",
        ),
        Result(
            f"one correction on top of {len(log) - 1} ({what})",
            max(edit, one_add),
            "ms",
            baseline=scan * 1000,
            baseline_name="one plain pass over all mentions",
            target="<= 16 ms (an edit in the reader, on the event loop)",
            passed=max(edit, one_add) <= 16,
            note=f"the slower of a reject and an add of {add.text!r}",
        ),
    ]
