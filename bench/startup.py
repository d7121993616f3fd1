"""What a student waits for: first paint, highlights, and a big document's memory.

Each run is a fresh process started by ``bench.probe`` (see there for how a
frame is judged): ``kontext demo --offline``, the same text in a minimal
Textual app (the baseline), and ``kontext read`` on a generated big article.
The runs are interleaved so that load from other processes hits all three
alike. Each gets an empty private ``KONTEXT_HOME`` (no user settings, no
saved session to resume) and no network (``--offline``).
"""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.harness import Result
from bench.texts import big_article

TIMEOUT = 300


@dataclass(slots=True)
class _Runs:
    """Probe outputs of one command, times relative to the process start."""

    label: str
    args: list[str]
    marker: str
    runs: list[dict[str, Any]] = field(default_factory=list)

    def median(self, key: str) -> float:
        return statistics.median(r[key] for r in self.runs)

    def count(self, key: str) -> int:
        return sum(1 for r in self.runs if r.get(key))


def _marker(text: str) -> str:
    """A few words that open the first body paragraph (the title also shows in the header)."""
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    body = paragraphs[1] if len(paragraphs) > 1 else paragraphs[0]
    return " ".join(body.split()[:4])


def _probe(command: _Runs, workdir: Path, keep: bool) -> None:
    """One fresh process; its own empty KONTEXT_HOME, so no saved session offers a resume."""
    out = workdir / f"probe-{command.label}.json"
    out.unlink(missing_ok=True)
    home = Path(tempfile.mkdtemp(prefix="home-", dir=workdir))
    # The cache survives from the warm-up run, as it does between a student's
    # starts (e.g. the compact city table); sessions and settings do not.
    warm_cache = workdir / f"cache-{command.label}"
    if warm_cache.is_dir():
        shutil.copytree(warm_cache, home / "cache")
    env = {**os.environ, "KONTEXT_HOME": str(home)}
    env.pop("KONTEXT_WIKI_API", None)
    # Bytecode as an installed program has it from its second start on. Some
    # machines set PYTHONDONTWRITEBYTECODE, which would leave Kontext's own
    # modules (an editable install) compiled from source on every start while
    # Textual's come precompiled. The warm-up run fills a private cache.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(workdir / "pycache")
    start = time.monotonic()
    proc = subprocess.run(
        [sys.executable, "-m", "bench.probe", str(out), command.marker, *command.args],
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    if not out.is_file():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        raise RuntimeError(f"probe {command.label} wrote nothing (exit {proc.returncode}): {tail}")
    data = json.loads(out.read_text(encoding="utf-8"))
    if data.get("error"):
        tail = " | ".join(proc.stderr.strip().splitlines()[-3:])
        raise RuntimeError(f"probe {command.label}: {data['error']}; stderr: {tail}")
    for key in ("app_run", "paint", "highlights", "spacy_import_start", "recognizer_ready"):
        if key in data:
            data[key] -= start
    if not warm_cache.is_dir() and (home / "cache").is_dir():
        shutil.copytree(home / "cache", warm_cache)
    if keep:
        command.runs.append(data)


def first_paint_and_highlights(big_words: int, repeat: int, warmup: bool) -> list[Result]:
    """Cases 1, 2 and the big document's first paint, highlights and memory (case 3)."""
    from enrich import load_article
    from tui.cli.read_options import sample_path

    with tempfile.TemporaryDirectory(prefix="kontext-bench-") as tmp:
        workdir = Path(tmp)
        demo_text = load_article(str(sample_path("de"))).text
        static_file = workdir / "demo-static.txt"
        static_file.write_text(demo_text, encoding="utf-8")
        big = big_article(big_words)
        big_file = workdir / "big-article.txt"
        big_file.write_text(big.text, encoding="utf-8")
        n_big = len(big.text.split())

        demo = _Runs("demo", ["kontext", "demo", "--offline"], _marker(demo_text))
        static = _Runs("static", ["static", str(static_file)], _marker(demo_text))
        large = _Runs("big", ["kontext", "read", str(big_file), "--offline"], _marker(big.text))
        commands = (demo, static, large)
        if warmup:  # page cache and compiled bytecode, as for a student's second start
            for command in commands:
                _probe(command, workdir, keep=False)
        for _ in range(repeat):
            for command in commands:
                _probe(command, workdir, keep=True)
    return _results(demo, static, large, n_big)


def _results(demo: _Runs, static: _Runs, large: _Runs, n_big: int) -> list[Result]:
    n = len(demo.runs)
    paint, base = demo.median("paint"), static.median("paint")
    spacy_early = demo.count("spacy_before_paint")
    model = statistics.median(r["recognizer_ready"] - r["spacy_import_start"] for r in demo.runs)
    highlights = demo.median("highlights")
    entities = demo.runs[0]["entities"]
    big_paint = large.median("paint")
    # The reader's memory at the highlights frame plus the NLP child's peak: the
    # child has exited by then, but both were resident while it annotated.
    big_rss = statistics.median(r["rss_mb"] + r.get("child_peak_rss_mb", 0.0) for r in large.runs)
    demo_rss = statistics.median(r["rss_mb"] + r.get("child_peak_rss_mb", 0.0) for r in demo.runs)
    return [
        Result(
            "first paint: kontext demo, headless 120×40",
            paint,
            "s",
            baseline=base,
            baseline_name="same text in a minimal Textual app (one Static)",
            target="ratio <= 1.5",
            passed=paint / base <= 1.5,
            note=f"{n} runs; before App.run (imports, loading the article): "
            f"{demo.median('app_run'):.2f} s vs {static.median('app_run'):.2f} s",
        ),
        Result(
            "spaCy imported before the first paint",
            float(spacy_early),
            "runs",
            target="no",
            passed=spacy_early == 0,
            text=f"{'no' if spacy_early == 0 else 'yes'} ({spacy_early} of {n} runs)",
            note="sys.modules at the first frame that shows the article",
        ),
        Result(
            f"time to highlights: kontext demo ({entities} entities)",
            highlights,
            "s",
            target="<= 2.0 s",
            passed=highlights <= 2.0 and all(r["highlighted_on_screen"] for r in demo.runs),
            note=f"model load in it: {model:.2f} s; first paint {paint:.2f} s",
        ),
        Result(
            "model load in the annotation process (spaCy import → recognizer ready)",
            model,
            "s",
            note="in the NLP child process, while the article is already shown",
        ),
        Result(
            "event-loop lag from first paint to highlights: kontext demo",
            demo.median("lag_max") * 1000,
            "ms",
            target="<= 50 ms",
            passed=demo.median("lag_max") <= 0.05,
            note=_lag_note(demo),
        ),
        Result(
            f"big document ({n_big:,} words): first paint",
            big_paint,
            "s",
            baseline=paint,
            baseline_name="kontext demo's first paint",
            target="ratio <= 1.5",
            passed=big_paint / paint <= 1.5,
            note=f"before App.run: {large.median('app_run'):.2f} s",
        ),
        Result(
            f"big document ({n_big:,} words): time to highlights",
            large.median("highlights"),
            "s",
            note=f"{large.runs[0]['entities']} entities",
        ),
        Result(
            f"event-loop lag from first paint to highlights: big document ({n_big:,} words)",
            large.median("lag_max") * 1000,
            "ms",
            target="<= 50 ms",
            passed=large.median("lag_max") <= 0.05,
            note=_lag_note(large),
        ),
        Result(
            f"big document ({n_big:,} words): RSS, shown and annotated",
            big_rss,
            "MB",
            baseline=demo_rss,
            baseline_name="kontext demo, same sum",
            target="<= 400 MB",
            passed=big_rss <= 400,
            note=f"reader {large.median('rss_mb'):.0f} MB at the highlights (peak "
            f"{large.median('peak_rss_mb'):.0f} MB) + NLP child's peak "
            f"{statistics.median(r.get('child_peak_rss_mb', 0.0) for r in large.runs):.0f} MB",
        ),
    ]


def _lag_note(runs: _Runs) -> str:
    loading, applying = runs.median("lag_loading") * 1000, runs.median("lag_applying") * 1000
    return (
        f"worst wake-up of a 5 ms timer: {loading:.0f} ms while the NLP child loads the model "
        f"and annotates, {applying:.0f} ms while the app applies and draws the annotation"
    )
