"""`python -m bench --quick` must run (CI checks for crashes, never for timings)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench.harness import Result

# Every case of issue 7 has a row (names start like this; sizes vary with --quick).
EXPECTED = [
    "first paint: kontext demo",
    "spaCy imported before the first paint",
    "time to highlights: kontext demo",
    "model load in the annotation process",
    "event-loop lag from first paint to highlights: kontext demo",
    "annotate throughput",
    "annotate peak RSS",
    "annotate hostile input",
    "big document (",
    "prefetch 50 entities, 100 ms latency: all 50 have an article",
    "prefetch 50 entities, 100 ms latency: 8 of 50 unknown",
    "event-loop lag during the prefetch of 50 entities",
    "Wikipedia lookup, cache hit (median)",
    "session save (500 entities, 200 notes)",
    "session load (500 entities, 200 notes)",
    "entity index: seen in",
    "entity index: update on save",
    "entity index: rebuild from",
    "entity list opens (2,300 entities",
]


@pytest.mark.slow
def test_quick_bench_runs_and_writes_json(tmp_path: Path) -> None:
    out_file = tmp_path / "bench.json"
    proc = subprocess.run(
        [sys.executable, "-m", "bench", "--quick", "--json", str(out_file)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]  # 1 means a case crashed
    rows = json.loads(out_file.read_text())
    results = {r["case"]: r for r in rows}
    for prefix in EXPECTED:
        assert any(case.startswith(prefix) for case in results), prefix
    assert "CRASHED" not in {r["text"] for r in rows}
    for row in rows:  # the table's ratio is the value over the same-run baseline
        if row["baseline"]:
            assert row["ratio"] == row["value"] / row["baseline"]
        assert row["value"] >= 0

    paint = next(r for r in rows if r["case"].startswith("first paint: kontext demo"))
    assert paint["value"] > 0 and paint["baseline"] > 0
    spacy = results["spaCy imported before the first paint"]
    assert spacy["text"].split(" ")[0] in ("no", "yes")
    highlights = next(r for r in rows if r["case"].startswith("time to highlights"))
    assert highlights["value"] > paint["value"]  # highlights come after the article
    assert "model load in it" in highlights["note"]
    throughput = results["annotate throughput"]
    assert throughput["value"] > 0 and throughput["baseline"] > 0
    hit = results["Wikipedia lookup, cache hit (median)"]
    assert hit["note"] == "0 requests during the timed hits"
    batched = next(r for r in rows if "all 50 have an article" in r["case"])
    unknown = next(r for r in rows if "8 of 50 unknown" in r["case"])
    # Unknown names cost one search each: the mixed wiki needs more requests.
    assert int(batched["note"].split()[0]) < int(unknown["note"].split()[0])
    assert "KB of JSON" in results["session save (500 entities, 200 notes)"]["note"]


def test_a_crashing_case_is_reported_and_fails_the_run(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import bench.__main__ as entry

    def broken(plan: entry.Plan) -> list[Result]:
        raise RuntimeError("probe demo: the reader exited (1) before the article showed")

    def fine(plan: entry.Plan) -> list[Result]:
        return [Result("still measured", 1.0, "s")]

    monkeypatch.setattr(entry, "CASES", [("broken case", broken), ("fine case", fine)])
    assert entry.main(["--quick"]) == 1
    out, err = capsys.readouterr()
    assert "CRASHED" in out and "still measured" in out
    assert "bench: case crashed: broken case: RuntimeError: probe demo" in err
