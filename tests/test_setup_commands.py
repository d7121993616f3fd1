"""The README's set-up commands and CI must stay in step."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _readme_commands() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```sh\n(.+?)\n```", text)[:2]


def test_readme_opens_with_two_commands() -> None:
    run_sample, run_tests = _readme_commands()
    assert run_sample.endswith("kontext demo")
    assert "pytest" in run_tests


def test_ci_runs_exactly_the_readme_test_command() -> None:
    _, run_tests = _readme_commands()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [
        line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert commands == [run_tests]
    assert "set -euo pipefail" in ci
