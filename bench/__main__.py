"""``python -m bench [--quick] [--json FILE]``: Kontext's performance table.

Every case compares itself with a baseline measured in the same run where one
makes sense, reports medians, and never fails on a timing: these machines are
shared and noisy. The exit code is 1 only if a case crashed (the table then
says which and why); that is what CI checks with ``--quick``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bench import annotation, entity_index, entity_list, lookups, reader, session_io, startup
from bench.harness import Result


@dataclass(frozen=True, slots=True)
class Plan:
    """How big and how often: the full run, or the quick one CI runs."""

    words: int  # the big document
    repeat: int
    warmup: bool  # one discarded run of each start-up command first
    screens: int  # places in the big document whose rendering is timed
    session_words: int  # article behind the 500-entity session
    hostile_chars: int  # size of each hostile input and of its normal-text baseline
    index_sessions: int  # sessions behind the entity index (60 entities each)


FULL = Plan(
    words=100_000,
    repeat=5,
    warmup=True,
    screens=10,
    session_words=25_000,
    hostile_chars=1_000_000,
    index_sessions=1000,
)
QUICK = Plan(
    words=20_000,
    repeat=1,
    warmup=False,
    screens=3,
    session_words=25_000,
    hostile_chars=50_000,
    index_sessions=50,
)

Case = tuple[str, Callable[[Plan], list[Result]]]
CASES: list[Case] = [
    (
        "first paint, highlights, big document start-up",
        lambda p: startup.first_paint_and_highlights(p.words, p.repeat, p.warmup),
    ),
    ("annotation throughput", lambda p: annotation.annotate_throughput(p.words, p.repeat)),
    (
        "annotation of hostile inputs",
        lambda p: annotation.hostile_inputs(p.hostile_chars, p.repeat),
    ),
    ("annotation peak memory", lambda p: annotation.annotate_peak_memory(p.words)),
    ("model load", lambda p: annotation.model_load(p.repeat)),
    (
        "big document in the reader",
        lambda p: reader.big_document_reader(p.words, p.screens, max(p.repeat, 3)),
    ),
    ("prefetch against a slow wiki", lambda p: lookups.prefetch(p.repeat)),
    ("event-loop lag during prefetch", lambda p: lookups.ui_lag_during_prefetch(p.repeat)),
    ("cache hit", lambda p: lookups.cache_hit(p.repeat)),
    ("session I/O", lambda p: session_io.session_io(p.session_words, p.repeat)),
    ("entity index", lambda p: entity_index.entity_index(p.index_sessions, p.repeat)),
    ("entity list", lambda p: entity_list.entity_list_open(2300, max(p.repeat, 3))),
]


def run(plan: Plan, only: str = "") -> tuple[list[Result], list[str]]:
    """All cases (or those whose name contains ``only``); a crash becomes a row and an error."""
    results: list[Result] = []
    errors: list[str] = []
    for name, case in CASES:
        if only and only not in name:
            continue
        try:
            results.extend(case(plan))
        except Exception as exc:  # report, go on with the other cases, exit 1 at the end
            line = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            errors.append(f"{name}: {line}")
            results.append(Result(name, 0.0, "", text="CRASHED", note=line))
    return results, errors


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"


def print_table(results: list[Result], title: str) -> None:
    table = Table(title=title)
    for col in ("case", "value", "unit", "baseline (same run)", "ratio", "target", "pass", "note"):
        table.add_column(col)
    for r in results:
        verdict = {True: "pass", False: "FAIL", None: "–"}[r.passed]
        table.add_row(
            Text(r.case),
            r.text or _fmt(r.value),
            r.unit,
            Text(f"{_fmt(r.baseline)} ({r.baseline_name})" if r.baseline else "–"),
            _fmt(r.ratio),
            r.target or "–",
            verdict,
            Text(r.note),
        )
    Console(width=None if sys.stdout.isatty() else 220).print(table)


def _num(value: float) -> str:
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.1f}" if abs(value) >= 10 else f"{value:.3g}"


def markdown_table(results: list[Result]) -> str:
    """The table as docs/performance.md shows it."""
    lines = [
        "| case | value | baseline (same run) | ratio | target | met |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        value = r.text or f"{_num(r.value)} {r.unit}"
        base = f"{_num(r.baseline)} {r.unit}, {r.baseline_name}" if r.baseline else "–"
        ratio = _num(r.ratio) if r.ratio is not None else "–"
        target = (r.target or "–").replace("<=", "≤").replace(">=", "≥")
        met = {True: "yes", False: "**no**", None: "–"}[r.passed]
        lines.append(f"| {r.case} | {value} | {base} | {ratio} | {target} | {met} |")
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="small inputs, one repeat (for CI)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--markdown", type=Path, help="also write the table as Markdown")
    parser.add_argument("--only", default="", help="run only cases whose name contains this")
    args = parser.parse_args(argv)
    plan = QUICK if args.quick else FULL
    load_before, started = os.getloadavg(), time.perf_counter()
    results, errors = run(plan, args.only)
    load_after = os.getloadavg()
    title = (
        f"Kontext benchmarks ({'quick' if args.quick else 'full'}; medians; "
        f"ratio = value / baseline)"
    )
    print_table(results, title)
    print(
        f"{time.perf_counter() - started:.0f} s on {os.cpu_count()} cores; load average "
        f"{load_before[0]:.2f} before, {load_after[0]:.2f} after (1-minute)"
    )
    if args.json:
        args.json.write_text(json.dumps([r.as_dict() for r in results], indent=2) + "\n")
    if args.markdown:
        args.markdown.write_text(markdown_table(results), encoding="utf-8")
    for error in errors:
        print(f"bench: case crashed: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
