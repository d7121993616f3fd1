"""``python -m bench [--quick] [--json FILE]``: Kontext's performance table."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from bench import cases
from bench.harness import Result


def run(quick: bool) -> list[Result]:
    words = 20_000 if quick else 100_000
    repeat = 1 if quick else 5
    results = [
        *cases.annotate_throughput(words, repeat),
        *cases.annotate_peak_memory(words),
        *cases.model_load(repeat),
        *cases.cache_hit(repeat),
    ]
    return results


def _fmt(value: float | None) -> str:
    if value is None:
        return "–"
    return f"{value:,.3f}" if abs(value) < 100 else f"{value:,.0f}"


def print_table(results: list[Result]) -> None:
    table = Table(title="Kontext benchmarks (medians; ratio = value / same-run baseline)")
    for col in ("case", "value", "unit", "baseline", "ratio", "target", "pass"):
        table.add_column(col)
    for r in results:
        verdict = {True: "pass", False: "FAIL", None: "–"}[r.passed]
        table.add_row(
            Text(r.case),
            _fmt(r.value),
            r.unit,
            Text(f"{_fmt(r.baseline)} ({r.baseline_name})" if r.baseline else "–"),
            _fmt(r.ratio),
            r.target or "–",
            verdict,
        )
    Console().print(table)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--quick", action="store_true", help="small inputs, one repeat (for CI)")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    args = parser.parse_args(argv)
    results = run(args.quick)
    print_table(results)
    if args.json:
        args.json.write_text(json.dumps([r.as_dict() for r in results], indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
