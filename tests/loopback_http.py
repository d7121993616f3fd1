"""A tiny HTTP server on 127.0.0.1 for tests that fetch URLs.

Tests must not touch the internet, yet URL loading (redirects, timeouts, size
caps, content types) has to be exercised for real. Register routes, get URLs,
and the server answers them from a daemon thread.
"""

from __future__ import annotations

import socket
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit


@dataclass(frozen=True, slots=True)
class Route:
    """What the server answers for one path."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    delay: float = 0.0  # seconds to wait before answering at all
    send_length: bool = True  # False: no Content-Length, body ends when the connection closes


@dataclass(frozen=True, slots=True)
class Request:
    """A request the server received, for asserting on what a client sent."""

    path: str
    headers: dict[str, str]


class LoopbackServer:
    """A ``ThreadingHTTPServer`` on an ephemeral loopback port with registered routes."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[Request] = []
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.05},
            name="loopback-http",
            daemon=True,
        )

    @property
    def port(self) -> int:
        return int(self._server.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def add(
        self,
        path: str,
        body: bytes | str = b"",
        *,
        status: int = 200,
        content_type: str | None = None,
        headers: dict[str, str] | None = None,
        delay: float = 0.0,
        send_length: bool = True,
    ) -> str:
        """Register a route and return its full URL. ``str`` bodies are sent as UTF-8."""
        all_headers = dict(headers or {})
        if content_type is not None:
            all_headers["Content-Type"] = content_type
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = Route(status, all_headers, data, delay, send_length)
        return self.url(path)

    def redirect(self, path: str, location: str, *, status: int = 302) -> str:
        """Register a redirect from ``path`` to ``location`` and return the URL of ``path``."""
        return self.add(path, status=status, headers={"Location": location})

    def start(self) -> LoopbackServer:
        self._thread.start()
        return self

    def close(self) -> None:
        """Stop serving; delayed handlers wake up and give up instead of lingering."""
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> LoopbackServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.close()


def unused_port() -> int:
    """A loopback port with nothing listening on it (for 'connection refused')."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _make_handler(owner: LoopbackServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            owner.requests.append(Request(self.path, dict(self.headers.items())))
            route = owner.routes.get(self.path) or owner.routes.get(urlsplit(self.path).path)
            if route is None:
                route = Route(404, {"Content-Type": "text/plain"}, b"not found")
            if route.delay and owner._stopping.wait(route.delay):
                return
            try:
                self.send_response(route.status)
                for name, value in route.headers.items():
                    self.send_header(name, value)
                if route.send_length:
                    self.send_header("Content-Length", str(len(route.body)))
                self.send_header("Connection", "close")
                self.end_headers()
                self.wfile.write(route.body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (size cap, timeout): that is what some tests want

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output clean."""

    return Handler
