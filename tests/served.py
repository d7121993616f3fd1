"""``kontext serve`` as a real subprocess on a free 127.0.0.1 port, for tests.

Every wait is bounded: the server's first line, its listening socket, frames
from a reader, and its exit. Processes are found through /proc (no psutil).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp

PREFIX = "kontext: serving the reader at "
SUFFIX = " (ctrl+c stops)\n"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Served:
    process: subprocess.Popen[str]
    base: str  # http://127.0.0.1:PORT
    token: str

    @property
    def page(self) -> str:
        return f"{self.base}/?token={self.token}"

    def ws_url(self, token: str | None = None, width: int = 120, height: int = 30) -> str:
        path = "/ws" if token == "" else f"/ws/{token or self.token}"
        return self.base.replace("http:", "ws:") + f"{path}?width={width}&height={height}"

    def stop(self, sig: int = signal.SIGTERM) -> int:
        """Signal the server and wait (at most 60 s) for it to exit."""
        self.process.send_signal(sig)
        try:
            return self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
            raise


def start(
    *args: str, command: list[str] | None = None, home: Path | None = None, cwd: Path | None = None
) -> Served:
    """``kontext serve ARGS`` (or ``command``, which must print the same first line).

    ``home``: its KONTEXT_HOME (sessions, cache); ``cwd``: where it runs.
    """
    port = free_port()
    argv = command or [sys.executable, "-m", "tui.cli", "serve", *args]
    env = dict(os.environ)
    if home is not None:
        env["KONTEXT_HOME"] = str(home)
    if cwd is not None:  # the source checkout stays importable from elsewhere
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    process = subprocess.Popen(
        [*argv, "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,
    )
    assert process.stdout is not None
    line = process.stdout.readline()  # printed before the server starts
    base = f"http://127.0.0.1:{port}"
    assert line.startswith(PREFIX + base + "/?token=") and line.endswith(SUFFIX), line
    url = line.removeprefix(PREFIX).removesuffix(SUFFIX)
    token = parse_qs(urlsplit(url).query)["token"][0]
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:  # polls a socket, bounded: the server has no event
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return Served(process, base, token)
        except OSError:
            assert process.poll() is None, process.communicate()[1]
            time.sleep(0.1)
    process.kill()
    raise AssertionError("the server never listened")


async def screen_until(ws: aiohttp.ClientWebSocketResponse, needle: bytes) -> bytes:
    """What the reader paints, until ``needle`` shows (at most 60 s)."""
    seen = b""
    deadline = time.monotonic() + 60
    while needle not in seen:
        left = deadline - time.monotonic()
        assert left > 0, f"{needle!r} never showed"
        message = await ws.receive(timeout=left)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        seen += message.data
    return seen


def children(pid: int) -> list[int]:
    """Live processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def descendants(pid: int) -> list[int]:
    """Every live process below ``pid``."""
    found: list[int] = []
    todo = [pid]
    while todo:
        kids = children(todo.pop())
        found += kids
        todo += kids
    return found


def alive(pid: int) -> bool:
    """Whether ``pid`` still runs (a zombie does not)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"
