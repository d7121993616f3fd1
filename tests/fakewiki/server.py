"""A loopback imitation of the MediaWiki Action API (formatversion 1 JSON).

Tests must not touch the internet, yet the Wikipedia layer has to run for
real: the actual wikipedia-api client, real HTTP, real timeouts. This server
answers ``action=query`` (titles, redirects, normalisation, extracts, info,
pageprops, description, langlinks, categories, links, ``list=search``,
``generator=links``, ``continue``) from fixture pages we wrote, routes by the
Host header's language (``de.wikipedia.org``), counts requests by kind, and
can misbehave on demand (429, 500, slow, invalid JSON, API error, truncated).
``latency`` delays every answer, like a wiki far away (the benchmarks use it).
The JSON shapes themselves live in ``api.py``.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

from tests.fakewiki import api


@dataclass(frozen=True, slots=True)
class Seen:
    """One request as the server saw it."""

    kind: str
    lang: str
    params: dict[str, str]
    headers: dict[str, str]
    at: float
    fault: str = ""


@dataclass(slots=True)
class Fault:
    """Misbehave for the next ``times`` matching requests (None: until cleared)."""

    mode: str  # 429 | 500 | slow | invalid_json | api_error | maxlag | truncated
    times: int | None = 1
    retry_after: str | None = None
    delay: float = 3.0
    code: str = "internal_api_error_DBQueryError"
    kinds: tuple[str, ...] = ()


class FakeWiki:
    """The server; ``api_url`` goes into ``KONTEXT_WIKI_API``."""

    def __init__(self, langs: tuple[str, ...] = ("de", "en"), *, latency: float = 0.0) -> None:
        self.wikis = {lang: api.Wiki.load(lang) for lang in langs}
        # Seconds every request waits before it is answered (a far-away wiki, for bench/).
        self.latency = latency
        self.requests: list[Seen] = []
        self.faults: list[Fault] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _make_handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/w/api.php"

    def start(self) -> FakeWiki:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stopping.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    # -- test controls ---------------------------------------------------------

    def fail(self, mode: str, **kwargs: Any) -> Fault:
        """Queue a fault, e.g. ``fail("429", retry_after="1")``."""
        fault = Fault(mode, **kwargs)
        with self._lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self._lock:
            self.faults.clear()

    def reset(self) -> None:
        """Forget counted requests (faults stay)."""
        with self._lock:
            self.requests.clear()

    @property
    def counts(self) -> Counter[str]:
        with self._lock:
            return Counter(r.kind for r in self.requests)

    def count(self, *kinds: str) -> int:
        """Requests of these kinds (all requests if none given)."""
        with self._lock:
            return sum(1 for r in self.requests if not kinds or r.kind in kinds)

    def count_props(self, *props: str) -> int:
        """Requests whose ``prop=`` (or generator's props) include any of ``props``."""
        with self._lock:
            return sum(
                1 for r in self.requests if set(r.params.get("prop", "").split("|")) & set(props)
            )

    # -- answering -----------------------------------------------------------------

    def _take_fault(self, kind: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.kinds and kind not in fault.kinds:
                    continue
                if fault.times is not None:
                    fault.times -= 1
                    if fault.times <= 0:
                        self.faults.remove(fault)
                return fault
        return None

    def _record(self, seen: Seen) -> None:
        with self._lock:
            self.requests.append(seen)

    def answer(self, lang: str, params: dict[str, str]) -> Any:
        return api.answer(self.wikis.get(lang), lang, params)


def classify(params: dict[str, str]) -> str:
    """A request's kind for counting: batch, search, links, extracts, info, ..."""
    if params.get("action") == "opensearch":
        return "opensearch"
    if params.get("list"):
        return params["list"]
    if params.get("generator"):
        return params["generator"]
    props = [p for p in params.get("prop", "").split("|") if p]
    if len(props) > 1:
        return "batch"
    return props[0] if props else "query"


def _make_handler(owner: FakeWiki) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            parts = urlsplit(self.path)
            params = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
            host = self.headers.get("Host", "")
            lang = host.split(".", 1)[0] if host.endswith(".wikipedia.org") else "en"
            kind = classify(params)
            fault = owner._take_fault(kind)
            owner._record(
                Seen(kind, lang, params, dict(self.headers.items()), time.monotonic(),
                     fault.mode if fault else "")
            )  # fmt: skip
            if parts.path != "/w/api.php":
                self._send(404, b"not found", "text/plain")
                return
            if owner.latency > 0 and owner._stopping.wait(owner.latency):
                return
            if fault is not None and fault.mode == "slow":
                if owner._stopping.wait(fault.delay):
                    return
                fault = None
            body = json.dumps(owner.answer(lang, params), ensure_ascii=False).encode("utf-8")
            if fault is not None:
                self._misbehave(fault, body)
                return
            self._send(200, body, "application/json; charset=utf-8")

        def _misbehave(self, fault: Fault, body: bytes) -> None:
            extra = {"Retry-After": fault.retry_after} if fault.retry_after else {}
            if fault.mode == "429":
                self._send(429, b"Too many requests", "text/plain", extra)
            elif fault.mode == "500":
                self._send(500, b"Internal error", "text/plain")
            elif fault.mode == "invalid_json":
                self._send(200, b"<html><body>Upstream error</body></html>", "application/json")
            elif fault.mode in ("api_error", "maxlag"):
                code = "maxlag" if fault.mode == "maxlag" else fault.code
                error = json.dumps(
                    api.error(code, "Waiting for a database server: 3 seconds lagged.")
                )
                self._send(200, error.encode(), "application/json", extra)
            elif fault.mode == "truncated":
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body) + 500))
                self.send_header("Connection", "close")
                self.end_headers()
                self._write(body[: len(body) // 2])
            else:
                raise ValueError(f"unknown fault mode {fault.mode!r}")

        def _send(
            self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None
        ) -> None:
            try:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Connection", "close")
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up (timeout): that is what some tests want

        def _write(self, data: bytes) -> None:
            try:
                self.wfile.write(data)
                self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: object) -> None:
            """Keep test output clean."""

    return Handler
