"""Hostile strings shared by the robustness tests, and checks for what may reach a terminal."""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

ESC = "\x1b"
# Markup that Rich or Textual would act on if a string were ever parsed as markup.
MARKUP = ["[bold]", "[@click=app.quit]", "[link=file:///etc/passwd]", "[/]", "[/bold]"]
# Terminal commands: clear screen, clipboard write (OSC 52), hyperlink (OSC 8), title (OSC 0).
CLEAR = f"{ESC}[2J"
CLIPBOARD = f"{ESC}]52;c;cHduZWQ={chr(7)}"
HYPERLINK = f"{ESC}]8;;http://evil.invalid/{ESC}\\"
TITLE = f"{ESC}]0;PWNED{chr(7)}"
C0_C1 = "\x01\x02\x08\x7f\x85\x9b31m\x9d0;x\x9c"
BIDI = "\u202eevil\u202c \u2066iso\u2069"  # RLO … PDF, LRI … PDI
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"
# What no terminal-bound output may contain once cleaned.
FORBIDDEN = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {
    chr(c) for c in range(0x7F, 0xA0)
}
FORBIDDEN |= set("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff")
PAYLOADS = ["]52;", "cHduZWQ=", "[2J", "]8;;", "PWNED", "]0;"]


def hostile_paragraph(name: str = "Emmanuel Macron") -> str:
    """One sentence carrying every kind of hostile text around an entity name."""
    return (
        f"Der Präsident [bold]{name}[/bold] traf [@click=app.quit]Olaf Scholz[/] in Berlin "
        f"[link=file:///etc/passwd]hier[/link] {CLEAR}{CLIPBOARD}{HYPERLINK}Link{TITLE} "
        f"und {C0_C1} sowie {BIDI} [/] Ende."
    )


def unsafe_chars(text: str) -> set[str]:
    """Control, bidi-override and zero-width characters in ``text`` (should be none)."""
    return FORBIDDEN & set(text)


def leaked_payloads(text: str) -> list[str]:
    """Pieces of terminal commands that survived (their ESC may be gone, the rest not)."""
    return [p for p in PAYLOADS if p in text]


@dataclass(frozen=True, slots=True)
class Run:
    """A finished CLI run: exit code and both streams, decoded leniently."""

    returncode: int
    stdout: str
    stderr: str


def kontext(
    *args: str, stdin: bytes | None = None, env: dict[str, str] | None = None, timeout: float = 120
) -> Run:
    """Run the real ``kontext`` CLI in a subprocess, as a user would (no terminal, no colour)."""
    full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    full_env.pop("KONTEXT_DEBUG", None)
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        cwd=ROOT,
        env=full_env,
        timeout=timeout,
    )
    decode = lambda data: data.decode("utf-8", errors="replace")  # noqa: E731
    return Run(done.returncode, decode(done.stdout), decode(done.stderr))


def assert_one_line_error(run: Run, *, code: int = 2) -> str:
    """The run failed with ``code`` and exactly one 'kontext: error:' line, no traceback."""
    assert run.returncode == code, (run.returncode, run.stderr)
    assert "Traceback" not in run.stderr
    lines = [line for line in run.stderr.splitlines() if line.startswith("kontext: error:")]
    assert len(lines) == 1, run.stderr
    return lines[0]


def _drop_file_access_capabilities() -> None:
    """In the child, before exec: root without CAP_DAC_OVERRIDE / CAP_DAC_READ_SEARCH
    obeys file permissions like any user (prctl PR_CAPBSET_DROP)."""
    libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
    for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
        if libc.prctl(24, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP) failed")


def kontext_as_user(*args: str, env: dict[str, str] | None = None) -> Run:
    """``kontext`` with file permissions enforced even when the tests run as root."""
    if os.geteuid() != 0:
        return kontext(*args, env=env)
    full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **(env or {})}
    full_env.pop("KONTEXT_DEBUG", None)
    try:
        done = subprocess.run(
            [sys.executable, "-m", "tui.cli", *args],
            capture_output=True,
            cwd=ROOT,
            env=full_env,
            input=b"",
            timeout=120,
            preexec_fn=_drop_file_access_capabilities,
        )
    except subprocess.SubprocessError as exc:
        pytest.skip(f"cannot drop root's file capabilities here: {exc}")
    return Run(done.returncode, done.stdout.decode(), done.stderr.decode())
