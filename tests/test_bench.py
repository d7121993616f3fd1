"""`python -m bench --quick` must run (CI checks for crashes, never for timings)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def test_quick_bench_runs_and_writes_json(tmp_path: Path) -> None:
    out_file = tmp_path / "bench.json"
    subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out_file)],
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    results = {r["case"]: r for r in json.loads(out_file.read_text())}
    throughput = results["annotate throughput"]
    assert throughput["value"] > 0 and throughput["baseline"] > 0
    assert throughput["ratio"] == throughput["value"] / throughput["baseline"]
    assert any(case.startswith("annotate peak RSS") for case in results)
    hit = results["Wikipedia lookup, cache hit (median)"]
    assert hit["note"] == "0 requests during the timed hits"
