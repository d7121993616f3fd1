"""Run a command in a fresh process and measure its peak memory and wall time.

A small wrapper process runs the command and reports its own
``RUSAGE_CHILDREN`` maximum, so the figure is that command's alone and not
the largest child the test session ever waited for.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RSS_LIMIT_MB = 500  # issue 13: every hostile case stays under this

_WRAPPER = """
import json, resource, subprocess, sys, time
argv = json.loads(sys.argv[1])
started = time.perf_counter()
limit = float(sys.argv[2])
done = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True, timeout=limit)
print(json.dumps({
    "returncode": done.returncode,
    "stdout": done.stdout.decode("utf-8", "replace"),
    "stderr": done.stderr.decode("utf-8", "replace"),
    "seconds": time.perf_counter() - started,
    "peak_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024,
}))
"""


@dataclass(frozen=True, slots=True)
class Measured:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def measured(
    argv: list[str], *, timeout: float = 120, env: dict[str, str] | None = None
) -> Measured:
    """Run ``argv``; a run past ``timeout`` fails the test (TimeoutExpired) instead of hanging."""
    full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    full_env.pop("KONTEXT_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-c", _WRAPPER, json.dumps(argv), str(timeout)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=timeout + 30,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return Measured(**json.loads(done.stdout.splitlines()[-1]))


def measured_kontext(*args: str, timeout: float = 120) -> Measured:
    """The real ``kontext`` CLI, measured."""
    return measured([sys.executable, "-m", "tui.cli", *args], timeout=timeout)
