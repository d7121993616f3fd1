"""Fetch an article over http(s), safely and with messages a reader can act on.

Kept apart so that httpx is imported only when a URL is actually loaded, and
so that the network rules (size cap, overall deadline, http(s)-only
redirects) live in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from enrich.decoding import html_meta_charset, looks_like_html
from enrich.errors import SourceError
from enrich.extract import MARKDOWN_SUFFIXES, Kind
from enrich.messages import format_size, one_line, quote
from enrich.versions import kontext_version

if TYPE_CHECKING:
    import httpx

MAX_REDIRECTS = 5
PROJECT_URL = "https://github.com/kontext-reader/kontext"

_SCHEME_RE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9+.-]*):")
_MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown"})
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
# Content types that are certainly not an article; anything else is tried as text.
_NON_TEXT_TYPE_PREFIXES = ("image/", "audio/", "video/", "font/")
_NON_TEXT_TYPES = frozenset({"application/pdf", "application/zip", "application/gzip"})


@dataclass(frozen=True, slots=True)
class FetchedPage:
    """A response body, plus what the server and the page say about it."""

    data: bytes
    kind: Kind
    url: str  # after redirects
    charset: str | None = None


def fetch_url(url: str, timeout: float, max_bytes: int) -> FetchedPage:
    """GET an http(s) URL with a size cap, an overall deadline and safe redirects."""
    import httpx

    label = quote(url)
    scheme = url.split(":", 1)[0].lower()
    if scheme not in ("http", "https"):
        raise SourceError(
            f"unsupported URL scheme {quote(scheme)} in {label}; use http:// or https://"
        )
    try:
        host = urlsplit(url).hostname
    except ValueError as exc:  # e.g. an unclosed [IPv6 bracket
        raise SourceError(f"invalid URL {label}: {one_line(str(exc))}") from exc
    if not host:
        raise SourceError(f"invalid URL {label}: it has no host name")
    fail = f"cannot fetch {label}"
    too_large = f"{fail}: body larger than {format_size(max_bytes)}"

    def refuse_odd_redirects(response: httpx.Response) -> None:
        """Stop before httpx follows a redirect to file:, ftp: or similar."""
        location = response.headers.get("location", "") if response.is_redirect else ""
        target = _SCHEME_RE.match(location)
        if target and target.group(1).lower() not in ("http", "https"):
            raise SourceError(
                f"{fail}: it redirects to {quote(location)}; only http:// and https:// are followed"
            )

    headers = {
        "User-Agent": user_agent(),
        "Accept": "text/html, application/xhtml+xml, text/markdown;q=0.9, text/plain;q=0.8, "
        "*/*;q=0.1",
    }
    from enrich.bounded_http import (
        BodyTooLarge,
        DestinationRefused,
        GuardedTransport,
        env_proxy,
        exchange,
        read_capped,
    )

    try:
        with (
            exchange(timeout),
            httpx.Client(
                timeout=timeout,
                follow_redirects=True,
                max_redirects=MAX_REDIRECTS,
                headers=headers,
                event_hooks={"response": [refuse_odd_redirects]},
                transport=GuardedTransport(proxy=env_proxy(url)),
                trust_env=False,  # the proxy is the transport's: env mounts would bypass it
            ) as client,
            client.stream("GET", url) as response,
        ):
            if not response.is_success:
                reason = f" {response.reason_phrase}" if response.reason_phrase else ""
                raise SourceError(f"{fail}: HTTP {response.status_code}{reason}")
            content_type = response.headers.get("content-type", "")
            mime = content_type.split(";", 1)[0].strip().lower()
            if mime in _NON_TEXT_TYPES or mime.startswith(_NON_TEXT_TYPE_PREFIXES):
                raise SourceError(f"{fail}: it is {mime}, not a text, Markdown or HTML page")
            declared_length = response.headers.get("content-length", "")
            if declared_length.isdigit() and int(declared_length) > max_bytes:
                raise SourceError(too_large)
            data = read_capped(response, max_bytes)
            final_url = str(response.url)
            charset = response.charset_encoding
    except SourceError:
        raise
    except BodyTooLarge as exc:
        raise SourceError(too_large) from exc
    except DestinationRefused as exc:
        raise SourceError(
            f"{fail}: {exc}; Kontext follows redirects only to public addresses"
        ) from exc
    except httpx.TimeoutException as exc:
        raise SourceError(f"{fail}: timed out after {timeout:g} s") from exc
    except httpx.TooManyRedirects as exc:
        raise SourceError(f"{fail}: too many redirects (more than {MAX_REDIRECTS})") from exc
    except httpx.UnsupportedProtocol as exc:
        raise SourceError(
            f"{fail}: it redirects to an unsupported URL; only http:// and https:// are followed"
        ) from exc
    except httpx.ConnectError as exc:
        raise SourceError(f"{fail}: {_connect_reason(exc)}") from exc
    except httpx.InvalidURL as exc:
        raise SourceError(f"invalid URL {label}: {one_line(str(exc))}") from exc
    except httpx.HTTPError as exc:
        raise SourceError(f"{fail}: {one_line(str(exc)) or type(exc).__name__}") from exc

    path = urlsplit(final_url).path
    if mime in _HTML_TYPES:
        kind: Kind = "html"
    elif mime in _MARKDOWN_TYPES or PurePosixPath(path).suffix.lower() in MARKDOWN_SUFFIXES:
        kind = "markdown"
    elif mime in ("", "application/octet-stream") and looks_like_html(data):
        kind = "html"
    else:
        kind = "text"
    return FetchedPage(
        data=data,
        kind=kind,
        url=final_url,
        charset=charset or (html_meta_charset(data) if kind == "html" else None),
    )


def user_agent() -> str:
    """Identify Kontext to web servers, with a link for their operators."""
    return f"Kontext/{kontext_version('0')} (+{PROJECT_URL})"


def _connect_reason(exc: BaseException) -> str:
    """Say why a connection failed: refused, unknown host, or the system's words."""
    import socket

    from enrich.bounded_http import HostNotFound

    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ConnectionRefusedError):
            return "connection refused"
        if isinstance(seen, socket.gaierror | HostNotFound):
            return "host not found (check the address and your network)"
        seen = seen.__cause__ or seen.__context__
    return f"cannot connect ({one_line(str(exc)) or type(exc).__name__})"
