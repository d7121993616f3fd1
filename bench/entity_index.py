"""The entity index with many sessions: the card's "Seen in", the update on save, a rebuild.

Sessions are generated, not annotated (this measures the index, not NLP):
each has 50 entities of its own and 10 met in every article (with a resolved
Wikipedia page, so they share one index row each), two mentions per entity,
an offline-style enrichment card per entity and 5 notes. With 1,000 sessions
that is 50,010 indexed entities, and a common entity is "seen in" 1,000
articles: the worst case for the card. Every number is also given as a ratio
to the session save (``SessionStore.save`` over the previous version, lock,
re-read, fsync, backup; the index hook switched off) measured in the same run.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import TYPE_CHECKING

from bench.harness import Result, median_seconds

if TYPE_CHECKING:
    from enrich.session.model import Session

OWN, COMMON = 50, 10
COMMON_NAMES = [f"Gemeinsamer Stab {chr(65 + i)}" for i in range(COMMON)]


def _session(n: int) -> Session:
    from enrich.model import Annotation, Article, Entity, Label, Mention, Paragraph
    from enrich.session.convert import new_session
    from enrich.session.model import EntityNote

    names = [*COMMON_NAMES, *(f"Einheit {n:04d}-{j:02d}" for j in range(OWN))]
    parts, spans = [], []
    pos = 0
    for name in names:
        sentence = f"Am Morgen meldete {name} Bewegungen, später bestätigte {name} sie. "
        first = pos + sentence.index(name)
        second = pos + sentence.rindex(name)
        spans.append(((first, first + len(name)), (second, second + len(name))))
        parts.append(sentence)
        pos += len(sentence)
    text = "".join(parts).rstrip()
    article = Article(text, f"Bericht {n}", f"bench-{n}.txt", "de", (Paragraph(0, len(text)),))
    entities = tuple(
        Entity(
            f"org-{j}",
            name,
            Label.ORG,
            tuple(Mention(s, e, name, Label.ORG, "model") for s, e in pair),
        )
        for j, (name, pair) in enumerate(zip(names, spans, strict=True))
    )
    session = new_session(f"bericht-{n:04d}", Annotation(article, "bench", entities))
    session.created = f"2026-{1 + n % 12:02d}-{1 + n % 28:02d}T08:00:00+00:00"
    for j, e in enumerate(entities):
        found = j < COMMON
        session.enrichment[e.id] = {
            "term": e.name,
            "lang": "de",
            "glossary": None,
            "wikipedia": {
                "status": "found" if found else "not_found",
                "title": e.name if found else None,
                "summary": f"{e.name} ist ein Stab, über den diese Zeilen berichten. " * 4
                if found
                else None,
                "alternatives": [],
            },
            "facts": None,
            "errors": [],
        }
    for e in entities[COMMON - 2 : COMMON + 3]:
        session.notes[e.id] = EntityNote(
            entity_id=e.id, name=e.name, label="ORG", note=f"Notiz zu {e.name} in {n}."
        )
    return session


def entity_index(sessions: int, repeat: int) -> list[Result]:
    import enrich.session.store as store_module
    from enrich.index.entity_index import EntityIndex
    from enrich.index.extract import entity_key
    from enrich.index.hook import index_after_save
    from enrich.session.store import SessionStore

    runs = max(repeat, 5)
    with tempfile.TemporaryDirectory(prefix="kontext-bench-index-") as tmp:
        store = SessionStore(Path(tmp) / "sessions")
        hook = store_module.index_after_save
        store_module.index_after_save = lambda *args: None  # baseline and set-up: no index
        try:
            saved = [store.save(_session(n)) for n in range(sessions)]
            plain = []
            for _ in range(runs):
                saved[0].position.offset += 1
                start = time.perf_counter()
                saved[0] = store.save(saved[0])
                plain.append(time.perf_counter() - start)
        finally:
            store_module.index_after_save = hook
        save_ms = statistics.median(plain) * 1000

        start = time.perf_counter()
        with EntityIndex.open(store=store, check=False, sync=False) as index:  # builds it
            built = time.perf_counter() - start
            start = time.perf_counter()
            count = index.rebuild()
            rebuild_s = time.perf_counter() - start
            n_entities = len(index.entities())
        if count != sessions:
            raise RuntimeError(f"rebuilt {count} of {sessions} sessions")

        def update() -> None:  # what a save adds: the store's hook, on the big index
            saved[1].position.offset += 1
            index_after_save(store, saved[1])

        update_ms = median_seconds(update, runs) * 1000
        start = time.perf_counter()
        index = EntityIndex.open(store=store)  # as the reader would: quick_check and sync
        open_ms = (time.perf_counter() - start) * 1000
        try:
            common = entity_key(COMMON_NAMES[0], "ORG", COMMON_NAMES[0], "de")
            seen = index.seen_in(common)
            if len(seen) != sessions:
                raise RuntimeError(f"seen in {len(seen)} articles, not {sessions}")
            seen_ms = median_seconds(lambda: index.seen_in(common), runs) * 1000
            card_ms = median_seconds(lambda: index.entity(common), runs) * 1000
            newest_ms = median_seconds(lambda: index.seen_in(common, limit=5), runs) * 1000
            rare = entity_key("Einheit 0001-01", "ORG")
            rare_ms = median_seconds(lambda: index.seen_in(rare), runs) * 1000
        finally:
            index.close()
        size = sum(p.stat().st_size for p in Path(tmp).glob("index.sqlite*"))
    what = f"{sessions:,} sessions, {n_entities:,} entities"
    base = "session save (SessionStore.save, no index hook)"
    return [
        Result(
            f"entity index: seen in, an entity met in every article ({what})",
            seen_ms,
            "ms",
            baseline=save_ms,
            baseline_name=base,
            target="<= 20 ms",
            passed=seen_ms <= 20,
            note=f"EntityIndex.seen_in, all {sessions:,} rows; the newest 5 {newest_ms:.2f} ms; "
            f"the whole card (entity(): notes, choice, corrections) {card_ms:.2f} ms; "
            f"a rare entity {rare_ms:.3f} ms; "
            f"open with quick_check + sync {open_ms:.0f} ms",
        ),
        Result(
            f"entity index: update on save ({what})",
            update_ms,
            "ms",
            baseline=save_ms,
            baseline_name=base,
            target="<= 50 ms added",
            passed=update_ms <= 50,
            note="the store's hook: open, replace the session's 60 entities, commit",
        ),
        Result(
            f"entity index: rebuild from {sessions:,} sessions",
            rebuild_s * 1000,
            "ms",
            baseline=save_ms,
            baseline_name=base,
            target="<= 30 s",
            passed=rebuild_s <= 30,
            note=f"read + index every session in one transaction; first build "
            f"{built:.1f} s; {size / 1e6:.0f} MB on disk",
        ),
    ]
