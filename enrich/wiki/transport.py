"""The httpx transports that carry Kontext's Wikipedia etiquette.

A transport (``transport=``) is the hook wikipedia-api supports, and both the
library and our batched queries go through the same one, so one place
enforces the rules for every request: the endpoint override (the URL is
rewritten while the Host header still names the wiki), a descriptive
User-Agent, at most two requests in flight, and a pause of *all* requests
after a 429 or a ``maxlag`` answer. Errors raised here are ``WikiError``s,
which pass through the library untouched.
"""

from __future__ import annotations

import email.utils
import json
import math
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import httpx

from enrich.bounded_http import (
    BodyTooLarge,
    DestinationRefused,
    HostNotFound,
    exchange,
    read_capped,
)
from enrich.errors import KontextError
from enrich.messages import format_size
from enrich.text_clean import clean_line
from enrich.wiki.endpoint import Endpoint


class WikiError(KontextError):
    """A Wikipedia request failed; ``str()`` is one line a reader can act on."""

    def __init__(self, message: str, *, pause: float | None = None) -> None:
        super().__init__(message)
        self.pause = pause  # seconds all requests are paused for, if this caused a pause


class Unreachable(WikiError):
    """The wiki's host cannot be resolved or refuses connections: no network, for now."""


class RateLimited(WikiError):
    """HTTP 429: the server asked us to slow down."""


class ApiError(WikiError):
    """An ``{"error": ...}`` answer sent with HTTP 200 (maxlag, bad parameters...)."""

    def __init__(self, message: str, code: str, *, pause: float | None = None) -> None:
        super().__init__(message, pause=pause)
        self.code = code


class Paused(WikiError):
    """Requests are paused (after a 429) for longer than the caller may wait."""


@dataclass(frozen=True, slots=True)
class WikiSettings:
    """Network knobs; the defaults suit an interactive reader."""

    api_url: str | None = None  # None: $KONTEXT_WIKI_API, else Wikipedia itself
    timeout: float = 5.0
    max_retries: int = 1
    retry_wait: float = 1.0
    max_in_flight: int = 2
    pause_cap: float = 30.0  # never pause longer than this, whatever Retry-After says
    default_pause: float = 5.0  # 429 without a usable Retry-After
    max_wait: float | None = None  # how long a request may wait out a pause; None: timeout
    max_bytes: int = 8 * 1024 * 1024  # one answer, after decompression


class Limiter:
    """At most N requests in flight, and one shared pause for everybody."""

    def __init__(self, max_in_flight: int = 2) -> None:
        self._max = max(1, max_in_flight)
        self._cond = threading.Condition()
        self._in_flight = 0
        self._paused_until = 0.0

    def pause_left(self) -> float:
        return max(0.0, self._paused_until - time.monotonic())

    def pause(self, seconds: float) -> None:
        with self._cond:
            self._paused_until = max(self._paused_until, time.monotonic() + seconds)
            self._cond.notify_all()

    def acquire(self, max_wait: float) -> None:
        """Wait for a slot; raise ``Paused`` rather than wait out a long pause."""
        with self._cond:
            while True:
                left = self.pause_left()  # recomputed after every wake-up
                if left > max_wait:
                    raise Paused(_paused_message(left), pause=left)
                if left > 0:
                    self._cond.wait(left)
                    continue
                if self._in_flight < self._max:
                    self._in_flight += 1
                    return
                self._cond.wait(0.5)  # in-flight requests end within their own timeout

    def release(self) -> None:
        with self._cond:
            self._in_flight -= 1
            self._cond.notify_all()


def _paused_message(left: float) -> str:
    seconds = max(1, math.ceil(left))
    return f"Wikipedia requests are paused for another {seconds} s (the server asked to slow down)"


@dataclass
class Policy:
    """What both transports share: endpoint, limiter, user agent, and the notices."""

    endpoint: Endpoint | None
    limiter: Limiter
    settings: WikiSettings
    agent: str
    notices: list[str] = field(default_factory=list)

    @property
    def max_wait(self) -> float:
        return self.settings.timeout if self.settings.max_wait is None else self.settings.max_wait

    def prepare(self, request: httpx.Request) -> str:
        """Rewrite the URL to the endpoint (keeping Host), set the User-Agent; return lang."""
        host = request.url.host
        lang = host.split(".", 1)[0] if host.endswith("wikipedia.org") else "?"
        request.headers["User-Agent"] = self.agent
        if self.endpoint is not None and host.endswith("wikipedia.org"):
            target = self.endpoint.host_for(lang)
            request.url = request.url.copy_with(
                scheme=self.endpoint.scheme, host=target, port=self.endpoint.port,
                path=self.endpoint.path,
            )  # fmt: skip
            if self.endpoint.templated:
                request.headers["Host"] = request.url.netloc.decode("ascii")
        return lang

    def inspect(self, response: httpx.Response, lang: str) -> None:
        """Turn 429 and 200-with-error answers into errors, pausing everybody if asked."""
        site = f"Wikipedia ({lang})"
        if response.status_code == 429:
            asked = _retry_after(response.headers.get("Retry-After"))
            waited = self._pause(asked, f"{site} answered HTTP 429")
            raise RateLimited(
                f"{site} asked Kontext to slow down (HTTP 429); all requests paused for "
                f"{waited:g} s",
                pause=waited,
            )
        if response.status_code != 200 or b'"error"' not in response.content[:200]:
            return
        try:
            data = json.loads(response.content)
        except (ValueError, RecursionError):
            return  # the library reports invalid JSON itself
        if not isinstance(data, dict) or not isinstance(data.get("error"), dict):
            return
        # The server's words are untrusted text: no escapes, one line, bounded.
        code = clean_line(str(data["error"].get("code", "unknown")))[:80]
        info = clean_line(str(data["error"].get("info", "")))[:200]
        paused: float | None = None
        if code == "maxlag":
            asked = _retry_after(response.headers.get("Retry-After"))
            paused = self._pause(asked, f"{site} is lagging (maxlag)")
        raise ApiError(f"{site} API error {code}: {info}".rstrip(": "), code, pause=paused)

    def _pause(self, asked: float | None, why: str) -> float:
        wanted = self.settings.default_pause if asked is None else asked
        paused = min(max(wanted, 0.0), self.settings.pause_cap)
        self.limiter.pause(paused)
        note = f"{why}: pausing all Wikipedia requests for {paused:g} s"
        if asked is not None and asked > paused:
            note += f" (server asked for {asked:g} s, capped)"
        elif asked is None:
            note += " (no Retry-After)"
        self.notices.append(note)
        del self.notices[:-50]  # a long session keeps only the recent ones
        return paused


def _retry_after(value: str | None) -> float | None:
    """Retry-After as seconds: an integer, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())


class RewriteTransport(httpx.BaseTransport):
    """Sync transport: limiter slot for the whole exchange, body read inside it.

    The exchange (connect, headers, body) ends within ``settings.timeout`` in
    wall-clock time, and the body is capped at ``settings.max_bytes`` after
    decompression; both end as a ``WikiError`` that the library passes on
    without retrying (a retry would double the promised wait).
    """

    def __init__(self, policy: Policy, inner: httpx.BaseTransport) -> None:
        self._policy = policy
        self._inner = inner

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        lang = self._policy.prepare(request)
        settings = self._policy.settings
        self._policy.limiter.acquire(self._policy.max_wait)
        try:
            with _as_wiki_errors(lang, settings), exchange(settings.timeout):
                response = self._inner.handle_request(request)
                try:
                    body = read_capped(response, settings.max_bytes)
                finally:
                    response.close()
        finally:
            self._policy.limiter.release()
        replay = _replay(response, body, request)
        self._policy.inspect(replay, lang)
        return replay

    def close(self) -> None:
        self._inner.close()


# Headers that described the body as it came over the wire, not as it is now.
_WIRE_HEADERS = frozenset({"content-encoding", "content-length", "transfer-encoding"})


def _replay(response: httpx.Response, body: bytes, request: httpx.Request) -> httpx.Response:
    """The answer again, with its already decompressed and capped body."""
    headers = [(k, v) for k, v in response.headers.multi_items() if k.lower() not in _WIRE_HEADERS]
    return httpx.Response(
        response.status_code,
        headers=headers,
        content=body,
        request=request,
        extensions=response.extensions,
    )


@contextmanager
def _as_wiki_errors(lang: str, settings: WikiSettings) -> Iterator[None]:
    """Deadline, size cap, refused address and no network, each as one ``WikiError``."""
    site = f"Wikipedia ({lang})"
    try:
        yield
    except WikiError:
        raise
    except httpx.TimeoutException as exc:
        raise WikiError(f"{site} did not answer within {settings.timeout:g} s") from exc
    except BodyTooLarge as exc:
        size = format_size(settings.max_bytes)
        raise WikiError(f"{site} sent an answer larger than {size}") from exc
    except DestinationRefused as exc:
        raise WikiError(f"{site}: {exc}; refused") from exc
    except httpx.ConnectError as exc:
        raise Unreachable(f"{site} is not reachable ({unreachable_reason(exc)})") from exc


def unreachable_reason(exc: BaseException) -> str:
    """Why a connection failed, in words (never an errno)."""
    import socket

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, socket.gaierror | HostNotFound):
            return "host not found"
        if isinstance(seen, OSError) and seen.errno is not None:
            return "no route to the server"
        seen = seen.__cause__ or seen.__context__
    return "cannot connect"
