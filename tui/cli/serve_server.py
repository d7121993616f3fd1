"""The textual-serve server behind ``kontext serve``, closed to other web pages.

textual-serve 1.1 relays a websocket to a fresh app process for anyone who
connects: any page the student has open could drive a reader (export over a
file of theirs, start readers until memory runs out). This subclass:

- serves the page only at the printed URL, which carries a random per-launch
  token (``/?token=…``, as Jupyter does), and the websocket only at
  ``/ws/TOKEN`` with an ``Origin`` of the server itself;
- leaves ``/download/KEY`` (an export on its way to the browser) open: a
  key is a random 128-bit id, used once, that only the reader's own
  websocket is told;
- runs at most ``max_clients`` readers; one more gets a line in its tab and
  a close (code 1013, "try again later"), no process;
- starts each reader in its own process group, and ends the whole group
  (the reader and its NLP child) when its tab goes away or the server stops:
  first the reader is asked to quit, then what is left is killed.

It overrides textual-serve's ``_make_app``, ``handle_index`` and
``handle_websocket`` and AppService's ``_open_app_process`` (pinned in
pyproject for that reason).
"""

from __future__ import annotations

import asyncio
import contextlib
import hmac
import logging
import os
import secrets
import shlex
import signal
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from enrich.loopback import is_loopback

log = logging.getLogger("textual-serve")

# Our page instead of textual-serve's, which loads a web font from another host (it
# fails offline and tells a third party who reads what) and a logo the reader does not need.
PAGE_TEMPLATES = Path(__file__).with_name("serve_page")

DEFAULT_MAX_CLIENTS = 4
# Seconds a reader gets to quit by itself (and save) before its process group is killed.
QUIT_GRACE = 10.0

_FORBIDDEN_PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Kontext</title></head>
<body><p>Open the reader with the full URL that <code>kontext serve</code> printed
(it ends in <code>?token=…</code>).</p></body></html>
"""


def origin_of(url: str) -> str:
    """``scheme://host[:port]`` of a URL, lower case, without a default port."""
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def allowed_origins(public_url: str, host: str, port: int) -> frozenset[str]:
    """The origins a page of this server has: its public URL, and the address it
    listens on (with the loopback names when it listens on loopback)."""
    hosts = {host}
    if is_loopback(host):
        hosts |= {"localhost", "127.0.0.1", "::1"}
    origins = {origin_of(public_url)}
    for name in hosts:
        bracketed = f"[{name}]" if ":" in name and not name.startswith("[") else name
        origins.add(origin_of(f"http://{bracketed}:{port}"))
    return frozenset(origins)


def kill_group(pgid: int) -> None:
    """SIGKILL a reader's process group (the reader and its NLP child), if any is left."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, signal.SIGKILL)


class ReaderService(AppService):
    """One reader process for one tab, in a process group of its own."""

    def __init__(self, argv: list[str], **kwargs: Any) -> None:
        super().__init__(shlex.join(argv), **kwargs)
        self.argv = argv
        self.process: asyncio.subprocess.Process | None = None
        self._ending: asyncio.Task[None] | None = None

    async def _open_app_process(
        self, width: int = 80, height: int = 24
    ) -> asyncio.subprocess.Process:
        # As textual-serve's, but without a shell and in a new session: the
        # group id is the reader's pid, and killing the group reaches its children.
        process = await asyncio.create_subprocess_exec(
            *self.argv,
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            env=self._build_environment(width=width, height=height),
            start_new_session=True,
        )
        self._process = process
        self._stdin = process.stdin
        self.process = process
        return process

    async def end(self, grace: float = QUIT_GRACE) -> None:
        """Ask the reader to quit; after ``grace`` seconds kill what is left of its group.

        Safe to call more than once and from several tasks (tab closed and
        server stopping at the same time).
        """
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._end(grace))
        await asyncio.shield(self._ending)

    async def _end(self, grace: float) -> None:
        process = self.process
        if process is None:
            return
        with contextlib.suppress(TimeoutError, OSError):
            await asyncio.wait_for(self.stop(), grace)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(process.wait(), grace)
        kill_group(process.pid)  # a stuck reader, or an NLP child it left behind
        await process.wait()
        await self.remote_close()  # the tab learns the reader is gone


class KontextServer(Server):
    """textual-serve's server with a token, an origin check and a cap on readers."""

    def __init__(
        self,
        argv: list[str],
        *,
        host: str,
        port: int,
        public_url: str,
        max_clients: int = DEFAULT_MAX_CLIENTS,
        token: str | None = None,
        grace: float = QUIT_GRACE,
    ) -> None:
        super().__init__(
            shlex.join(argv), host=host, port=port, title="Kontext", public_url=public_url
        )
        self.argv = argv
        self.token = token or secrets.token_urlsafe(32)
        self.max_clients = max_clients
        self.grace = grace
        self.origins = allowed_origins(self.public_url, host, port)
        self.readers: set[ReaderService] = set()
        self.groups: set[int] = set()  # reader groups not yet ended: swept at the very end

    @property
    def launch_url(self) -> str:
        """The URL to print: the page, with this launch's token."""
        return f"{self.public_url}/?token={self.token}"

    def initialize_logging(self) -> None:
        """textual-serve's logging, without aiohttp's access lines: they hold the token
        (``/?token=…``, ``/ws/TOKEN``) and would leave it in any captured log."""
        super().initialize_logging()
        logging.getLogger("aiohttp.access").setLevel(logging.WARNING)

    def token_ok(self, given: str | None) -> bool:
        return given is not None and hmac.compare_digest(given.encode(), self.token.encode())

    def origin_ok(self, origin: str | None) -> bool:
        return origin is not None and origin_of(origin) in self.origins

    async def _make_app(self) -> web.Application:
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(PAGE_TEMPLATES))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws/{token}", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: ``kontext serve`` prints its own line (with the token)."""

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        if not self.token_ok(request.query.get("token")):
            return web.Response(status=403, text=_FORBIDDEN_PAGE, content_type="text/html")
        ws_path = request.app.router["websocket"].url_for(token=self.token)
        base = "wss:" if self.public_url.startswith("https") else "ws:"
        context = {
            "font_size": to_int(request.query.get("fontsize", "16"), 16),
            "app_websocket_url": base + f"{self.public_url}{ws_path}".split(":", 1)[1],
            "config": {"static": {"url": f"{self.public_url}/static/"}},
            "application": {"name": self.title},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Cache-Control"] = "no-store"  # the page holds the token
        response.headers["Referrer-Policy"] = "no-referrer"
        return response

    def refusal(self, request: web.Request) -> str | None:
        """Why this websocket request is refused, or None."""
        if not self.token_ok(request.match_info.get("token")):
            return "wrong or missing token: open the URL kontext serve printed"
        if not self.origin_ok(request.headers.get("Origin")):
            return "this page is not the reader's own: connections from other sites are refused"
        return None

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        refusal = self.refusal(request)
        if refusal is not None:
            raise web.HTTPForbidden(text=refusal)
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        if len(self.readers) >= self.max_clients:  # no await between this and the add below
            open_now = "1 reader is" if self.max_clients == 1 else f"{self.max_clients} readers are"
            line = (
                f"kontext: {open_now} open already, the most this server runs "
                "(--max-clients). Close one and reload this page.\r\n"
            )
            await websocket.send_bytes(line.encode())
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"too many readers")
            return websocket
        service = ReaderService(
            self.argv,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=websocket.close,
            download_manager=self.download_manager,
            debug=self.debug,
        )
        self.readers.add(service)
        try:
            width = to_int(request.query.get("width", "80"), 80)
            height = to_int(request.query.get("height", "24"), 24)
            await service.start(width, height)
            if service.process is not None:
                self.groups.add(service.process.pid)
            await self._process_messages(websocket, service)
        except asyncio.CancelledError:
            pass
        except Exception as error:
            log.exception(error)
        finally:
            try:
                await service.end(self.grace)
            finally:
                self.readers.discard(service)
                if service.process is not None:
                    self.groups.discard(service.process.pid)
                await websocket.close()
        return websocket

    async def on_shutdown(self, app: web.Application) -> None:
        """Server stopping: every reader is asked to quit, then its group is killed."""
        await asyncio.gather(*(reader.end(self.grace) for reader in list(self.readers)))
        self.sweep()

    def sweep(self) -> None:
        """Kill whatever is left of every reader group this server started."""
        for pgid in self.groups:
            kill_group(pgid)
