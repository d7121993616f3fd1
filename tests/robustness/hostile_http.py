"""Hostile HTTP servers on 127.0.0.1, and a CLI run measured for time and peak memory.

Each server speaks raw sockets, so it can do what a polite HTTP library will
not: answer forever, send a gzip bomb, drip a status line one byte at a time,
or nest JSON 200,000 deep. ``measured_kontext`` runs the real CLI in a child
process and reads that child's own peak RSS from ``os.wait4``.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass

from tests.robustness.hostile import ROOT, Run

Handler = Callable[[socket.socket, threading.Event], None]
HEAD_OK = "HTTP/1.1 200 OK\r\nContent-Type: {type}\r\nConnection: close\r\n"


@contextmanager
def raw_server(handle: Handler) -> Iterator[str]:
    """Serve each connection with ``handle(conn, stop)``; yields the base URL."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve_one(conn: socket.socket) -> None:
        with conn, suppress(OSError):
            _read_request(conn)
            handle(conn, stop)

    def serve() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            threading.Thread(target=serve_one, args=(conn,), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()


def _read_request(conn: socket.socket) -> None:
    conn.settimeout(5)
    seen = b""
    while b"\r\n\r\n" not in seen and len(seen) < 65536:
        chunk = conn.recv(4096)
        if not chunk:
            return
        seen += chunk


def endless(content_type: str) -> Handler:
    """200 OK without a length, then a body that never ends."""

    def handle(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall((HEAD_OK.format(type=content_type) + "\r\n").encode())
        conn.sendall(b'{"query": {"pages": {"1": {"extract": "')
        block = b"x" * 65536
        while not stop.is_set():
            conn.sendall(block)

    return handle


def gzip_bomb(content_type: str, megabytes: int = 500) -> Handler:
    """A gzip body of ``megabytes`` MB of zeros (about 0.5 MB on the wire)."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, 31)  # 31: gzip framing
    zeros = bytes(1024 * 1024)
    body = b"".join(squeeze.compress(zeros) for _ in range(megabytes)) + squeeze.flush()
    head = HEAD_OK.format(type=content_type)
    head += f"Content-Encoding: gzip\r\nContent-Length: {len(body)}\r\n\r\n"

    def handle(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(head.encode() + body)

    return handle


def drip(every: float = 0.5) -> Handler:
    """A status line and headers, one byte every ``every`` seconds, never finished."""

    def handle(conn: socket.socket, stop: threading.Event) -> None:
        for byte in (HEAD_OK.format(type="application/json") * 100).encode():
            if stop.wait(every):
                return
            conn.sendall(bytes([byte]))

    return handle


def fixed(body: bytes, content_type: str = "application/json") -> Handler:
    """One ordinary answer with the given body."""
    head = HEAD_OK.format(type=content_type) + f"Content-Length: {len(body)}\r\n\r\n"

    def handle(conn: socket.socket, stop: threading.Event) -> None:
        conn.sendall(head.encode() + body)

    return handle


@dataclass(frozen=True, slots=True)
class Measured:
    """A CLI run with its wall time and the child's peak resident memory."""

    run: Run
    seconds: float
    peak_mb: float


# The child is started by a small launcher: Linux passes the high-water mark of
# a process's memory on through fork and exec, so a child forked straight from
# pytest (hundreds of MB after the NLP tests) would report pytest's size.
_LAUNCHER = """
import json, os, subprocess, sys, time
started = time.monotonic()
proc = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(proc.pid, 0)
with open(sys.argv[1], "w") as out:
    json.dump({"code": os.waitstatus_to_exitcode(status), "seconds": time.monotonic() - started,
               "kib": usage.ru_maxrss}, out)
"""


def measured_kontext(*args: str, env: dict[str, str], timeout: float = 120) -> Measured:
    """Run ``kontext`` in a child process: its wall time and its own peak RSS."""
    full_env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", **env}
    full_env.pop("KONTEXT_DEBUG", None)
    with tempfile.TemporaryDirectory() as tmp:
        figures = os.path.join(tmp, "figures.json")
        done = subprocess.run(
            [sys.executable, "-c", _LAUNCHER, figures, sys.executable, "-m", "tui.cli", *args],
            stdin=subprocess.DEVNULL,
            capture_output=True,
            cwd=ROOT,
            env=full_env,
            timeout=timeout,
        )
        with open(figures, encoding="utf-8") as data:
            measured = json.load(data)
    decode = lambda data: data.decode("utf-8", errors="replace")  # noqa: E731
    run = Run(measured["code"], decode(done.stdout), decode(done.stderr))
    return Measured(run, measured["seconds"], measured["kib"] / 1024)  # KiB on Linux
