"""Wikipedia lookups against the loopback fake wiki: cache hits, a slow wiki, a busy reader.

No network but 127.0.0.1: ``tests.fakewiki`` serves fixture pages we wrote,
here with an injected latency per request (a wiki far away). The 50 entity
names are the fake wiki's pages and redirects plus a few pages this module
adds to its own server. Two wikis are measured: one with an article for all
50 names, and one that lacks 8 of them, as a real article's unknown names
do; an unknown name costs a full-text search, which the API cannot batch.
"""

from __future__ import annotations

import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from bench.harness import Result, median_seconds

if TYPE_CHECKING:
    from enrich.model import Annotation
    from tests.fakewiki.server import FakeWiki

LATENCY = 0.1
ENTITIES = 50
UNKNOWN = 8  # names the "mixed" wiki has no article for

# Names a news article could contain that the fixture wiki lacks; the bench adds
# pages for them (all of them for the "known" wiki, all but UNKNOWN for "mixed").
_EXTRA = [
    ("Marinekommando Rostock", "ORG"),
    ("Hafen Sassnitz", "LOC"),
    ("Ostseerat", "ORG"),
    ("Fregatte Sachsen", "MISC"),
    ("Insel Rügen", "LOC"),
    ("Bundespolizei See", "ORG"),
    ("Kapitän Jens Albers", "PER"),
    ("Reederei Nordlicht", "ORG"),
    ("Leitstelle Ostsee", "ORG"),
    ("Minenjagdgeschwader Nord", "ORG"),
    ("Übung Baltic Shield", "MISC"),
    ("Kabelschutzgruppe Kiel", "ORG"),
    ("Admiralin Sabine Kroll", "PER"),
    ("Seenotretter Warnemünde", "ORG"),
]
_LABELS = {
    "Kim Jong-un": "PER",
    "Wolodymyr Selenskyj": "PER",
    "Selenskyj": "PER",
    "Wladimir Putin": "PER",
    "Kim Yo-jong": "PER",
    "Yonhap": "ORG",
    "Yonhap News Agency": "ORG",
    "NATO": "ORG",
    "Vereinte Nationen": "ORG",
    "UN": "ORG",
    "JCS": "ORG",
    "Koreakrieg": "MISC",
    "Ballistische Rakete": "MISC",
    "Raketenwerfer": "MISC",
}


@contextlib.contextmanager
def private_home() -> Iterator[Path]:
    """A fresh KONTEXT_HOME (empty cache, no settings), restored afterwards."""
    saved = {k: os.environ.get(k) for k in ("KONTEXT_HOME", "KONTEXT_WIKI_API")}
    with tempfile.TemporaryDirectory(prefix="kontext-bench-") as home:
        os.environ["KONTEXT_HOME"] = home
        os.environ.pop("KONTEXT_WIKI_API", None)
        try:
            yield Path(home)
        finally:
            for key, value in saved.items():
                if value is None:
                    os.environ.pop(key, None)
                else:
                    os.environ[key] = value


def entity_names() -> list[tuple[str, str]]:
    """50 (name, label): the fixture's plain titles and redirects, then the bench's pages."""
    from tests.fakewiki import api

    wiki = api.Wiki.load("de")
    fixture = [t for t in [*wiki.pages, *wiki.redirects] if "(" not in t and "," not in t]
    names = [(t, _LABELS.get(t, "LOC")) for t in fixture][: ENTITIES - len(_EXTRA)]
    names = [*names, *_EXTRA]
    if len(names) != ENTITIES:
        raise RuntimeError(f"the fake wiki offers {len(names)} names, not {ENTITIES}")
    return names


def _serve(known_extra: int) -> FakeWiki:
    """A slow fake wiki that has articles for the first ``known_extra`` bench names."""
    from tests.fakewiki.server import FakeWiki

    server = FakeWiki(latency=LATENCY)
    pages = server.wikis["de"].pages
    for i, (name, _) in enumerate(_EXTRA[:known_extra]):
        pages[name] = {
            "id": 90_000 + i,
            "description": "Seite für Kontexts Benchmarks",
            "extract": f"{name} ist ein Name aus einem erfundenen Zeitungsartikel. " * 4,
            "langlinks": {},
            "categories": ["Benchmark"],
            "wikibase_item": f"Q9{i:04d}",
        }
    return server.start()


def article_annotation(names: list[tuple[str, str]]) -> Annotation:
    """A short article naming every entity once, annotated by hand."""
    from enrich.model import Annotation, Article, Entity, Label, Mention, Paragraph

    text, entities = "", []
    for i, (name, label) in enumerate(names):
        sentence = f"Am Montag ging es in der Meldung auch um {name}. "
        start = len(text) + sentence.index(name)
        text += sentence
        mention = Mention(start, start + len(name), name, Label(label), "model")
        entities.append(Entity(f"e{i}", name, Label(label), (mention,)))
    article = Article(text, "Meldung", "bench", "de", (Paragraph(0, len(text)),))
    return Annotation(article, "hand-made bench entities", tuple(entities))


def _prefetch_seconds(server: FakeWiki, annotation: Annotation, count: int) -> tuple[float, int]:
    """Wall time of prefetching the first ``count`` entities on an empty cache."""
    from enrich.cache import Cache
    from enrich.wiki.client import WikiSettings
    from enrich.wiki.lookup import WikiLookup
    from enrich.wiki.resolve import query_for

    text = annotation.article.text
    queries = [query_for(e, text) for e in annotation.entities[:count]]
    with tempfile.TemporaryDirectory(prefix="kontext-bench-") as tmp:
        wiki = WikiLookup(WikiSettings(api_url=server.api_url), cache=Cache(Path(tmp) / "c.db"))
        server.reset()
        start = time.perf_counter()
        results = wiki.prefetch(queries, "de", text=text)
        elapsed = time.perf_counter() - start
        wiki.close()
    if len(results) != count:
        raise RuntimeError(f"prefetch answered {len(results)} of {count} entities")
    return elapsed, server.count()


def prefetch(repeat: int) -> list[Result]:
    """50 entities on an empty cache, against one request's latency (same code path)."""
    known, mixed = _serve(len(_EXTRA)), _serve(len(_EXTRA) - UNKNOWN)
    try:
        names = entity_names()
        annotation = article_annotation(names)
        one = [_prefetch_seconds(known, annotation, 1) for _ in range(max(repeat, 3))]
        all_known = [_prefetch_seconds(known, annotation, ENTITIES) for _ in range(repeat)]
        some_unknown = [_prefetch_seconds(mixed, annotation, ENTITIES) for _ in range(repeat)]
    finally:
        known.stop()
        mixed.stop()
    base = statistics.median(t for t, _ in one)
    rows = []
    for label, runs in (
        (f"all {ENTITIES} have an article", all_known),
        (f"{UNKNOWN} of {ENTITIES} unknown to the wiki", some_unknown),
    ):
        value = statistics.median(t for t, _ in runs)
        rows.append(
            Result(
                f"prefetch {ENTITIES} entities, {LATENCY * 1000:.0f} ms latency: {label}",
                value,
                "s",
                baseline=base,
                baseline_name=f"prefetch of 1 entity ({one[0][1]} request)",
                target="ratio <= 4",
                passed=value / base <= 4,
                note=f"{runs[0][1]} requests, at most 2 in flight",
            )
        )
    return rows


def ui_lag_during_prefetch(repeat: int) -> list[Result]:
    """The reader's event-loop lag while it enriches 50 entities from the slow wiki.

    Each run is a fresh process (``bench.prefetch_lag``), so the Wikipedia
    client is imported by the enrichment worker as on a student's first
    lookup; the slow wiki stays in this process, off the reader's GIL.
    """
    server = _serve(len(_EXTRA) - UNKNOWN)
    runs = []
    try:
        with tempfile.TemporaryDirectory(prefix="kontext-bench-") as tmp:
            for i in range(repeat):
                out = Path(tmp) / f"lag-{i}.json"
                server.reset()
                proc = subprocess.run(
                    [sys.executable, "-m", "bench.prefetch_lag", server.api_url, str(out)],
                    env={**os.environ, "KONTEXT_HOME": str(Path(tmp) / f"home-{i}")},
                    stdin=subprocess.DEVNULL,
                    capture_output=True,
                    text=True,
                    timeout=300,
                )
                if proc.returncode != 0 or not out.is_file():
                    tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
                    raise RuntimeError(f"prefetch lag run failed ({proc.returncode}): {tail}")
                runs.append({**json.loads(out.read_text()), "requests": server.count()})
    finally:
        server.stop()
    busy = statistics.median(r["busy_max"] for r in runs) * 1000
    idle = statistics.median(r["idle_max"] for r in runs) * 1000
    first = runs[0]
    return [
        Result(
            f"event-loop lag during the prefetch of {ENTITIES} entities (Pilot)",
            busy,
            "ms",
            baseline=idle,
            baseline_name="same app idle for 1 s, before the annotation",
            target="<= 50 ms",
            passed=busy <= 50,
            note=f"worst wake-up (every 5 ms) over {first['window']:.2f} s, "
            f"{first['requests']} requests; fresh process per run",
        )
    ]


def cache_hit(repeat: int) -> list[Result]:
    """A Wikipedia lookup answered from the SQLite cache (no latency injected)."""
    from tests.fakewiki.server import FakeWiki

    server = FakeWiki().start()
    try:
        with private_home():
            from enrich.wiki.client import WikiSettings
            from enrich.wiki.lookup import WikiLookup

            wiki = WikiLookup(WikiSettings(api_url=server.api_url))
            wiki.lookup("Nordkorea", "de")  # fills the cache
            server.reset()
            hit = median_seconds(lambda: wiki.lookup("Nordkorea", "de"), max(repeat * 20, 20))
            requests = server.count()
            wiki.close()
    finally:
        server.stop()
    return [
        Result(
            "Wikipedia lookup, cache hit (median)",
            hit * 1000,
            "ms",
            target="<= 5 ms",
            passed=hit * 1000 <= 5 and requests == 0,
            note=f"{requests} requests during the timed hits",
        )
    ]
