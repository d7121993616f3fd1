"""The one place Kontext builds wikipedia-api clients and talks to the Action API.

wikipedia-api has no URL setting (it always builds
``https://{lang}.wikipedia.org/w/api.php``), so the endpoint override
(``--wiki-api`` / ``KONTEXT_WIKI_API``) is applied by our transport; see
``enrich.wiki.transport``. All per-language ``Wikipedia`` instances share one
transport (one connection pool, one limiter, one pause), and so do the batched
queries of ``enrich.wiki.batch`` (``enrich.wiki.raw_query``: the library has
no public raw query).

Every failure becomes a ``WikiError`` with one readable line: the library's
exceptions, its ``KeyError`` quirks and httpx errors never reach callers.
"""

from __future__ import annotations

import functools
import ssl
import threading
import urllib.request
from collections.abc import Callable
from typing import Any, TypeVar

import httpx
import wikipediaapi

from enrich.bounded_http import GuardedTransport
from enrich.fetch import PROJECT_URL
from enrich.loopback import is_loopback
from enrich.wiki.endpoint import configured_endpoint, parse_endpoint
from enrich.wiki.raw_query import RawQuery
from enrich.wiki.transport import (
    ApiError,
    Limiter,
    Paused,
    Policy,
    RateLimited,
    RewriteTransport,
    Unreachable,
    WikiError,
    WikiSettings,
    unreachable_reason,
)

__all__ = [
    "ApiError",
    "Paused",
    "RateLimited",
    "Unreachable",
    "WikiClient",
    "WikiError",
    "WikiSettings",
    "configured_endpoint",
    "parse_endpoint",
    "user_agent",
]

T = TypeVar("T")
# What wikipedia-api raises when an answer has an unexpected JSON shape
# (a list where it indexes a dict, a string where it expects a list...).
_SHAPE_ERRORS = (TypeError, AttributeError, ValueError, IndexError, RecursionError)


def user_agent() -> str:
    """Wikimedia's policy format: product/version (contact) library/version."""
    from enrich.versions import installed_version, kontext_version

    library = installed_version("wikipedia-api", "0")
    return f"Kontext/{kontext_version('0')} ({PROJECT_URL}) wikipedia-api/{library}"


@functools.cache
def _ssl_context() -> ssl.SSLContext:
    """One TLS context per process: building one loads the CA bundle, ~0.1 s
    holding the GIL, and each client has two transports (the reader froze)."""
    return httpx.create_ssl_context(trust_env=True)


class WikiClient:
    """Builds the library's clients per language around one shared transport."""

    def __init__(self, settings: WikiSettings | None = None) -> None:
        self.settings = settings or WikiSettings()
        self.endpoint = configured_endpoint(self.settings.api_url)  # KontextError if bad
        self.policy = Policy(
            self.endpoint, Limiter(self.settings.max_in_flight), self.settings, user_agent()
        )
        proxy = self._proxy()
        verify = _ssl_context()
        # Sync requests (all of Kontext's) go through sockets bound by one deadline.
        self.transport = RewriteTransport(
            self.policy,
            GuardedTransport(
                ssl_context=verify, proxy=proxy, max_connections=self.settings.max_in_flight * 2
            ),
        )
        self._raw = RawQuery(self.transport, self.policy.agent, self.settings)
        self._lock = threading.Lock()
        self._wikis: dict[str, wikipediaapi.Wikipedia] = {}

    @property
    def notices(self) -> list[str]:
        """Pauses and other things worth telling the user (e.g. in a status line)."""
        return self.policy.notices

    def wiki(self, lang: str) -> wikipediaapi.Wikipedia:
        """The sync library client for ``lang`` (shared transport)."""
        with self._lock:
            if lang not in self._wikis:
                self._wikis[lang] = wikipediaapi.Wikipedia(
                    **self._library_kwargs(lang), transport=self.transport
                )
            return self._wikis[lang]

    def call(self, lang: str, fn: Callable[..., T], *args: Any, **kwargs: Any) -> T:
        """Run a library call; retry once after a short pause; map errors to WikiError."""
        for attempt in (0, 1):
            try:
                return fn(*args, **kwargs)
            except WikiError as exc:
                if attempt == 0 and self._worth_waiting(exc):
                    continue  # the limiter holds the retry until the pause is over
                raise
            except (wikipediaapi.WikipediaException, KeyError, httpx.HTTPError) as exc:
                raise translate(exc, lang, self.settings.timeout) from exc
            except _SHAPE_ERRORS as exc:  # the library indexing an answer of another shape
                raise translate(exc, lang, self.settings.timeout) from exc
        raise AssertionError("unreachable")

    def api(self, lang: str, params: dict[str, Any]) -> dict[str, Any]:
        """One raw Action API GET over the library clients' transport, with their errors.

        wikipedia-api offers no public raw query (batched extracts, pageprops);
        ``RawQuery`` sends it the way the library would, so the answer is handled alike.
        """
        data = self.call(lang, self._raw.get, lang, params)
        if not isinstance(data, dict):
            raise WikiError(f"Wikipedia ({lang}) sent an unexpected answer (not a JSON object)")
        return data

    def search(self, lang: str, query: str, limit: int = 8) -> list[str]:
        """Titles from ``list=search`` (the library's ``search``), best first."""
        results = self.call(lang, self.wiki(lang).search, query, limit=limit)
        return [str(title) for title in results.pages]

    def close(self) -> None:
        self.transport.close()

    def _worth_waiting(self, exc: WikiError) -> bool:
        return (
            isinstance(exc, (RateLimited, ApiError))
            and exc.pause is not None
            and exc.pause <= self.policy.max_wait
        )

    def _library_kwargs(self, lang: str) -> dict[str, Any]:
        return {
            "user_agent": self.policy.agent,
            "language": lang,
            "extract_format": wikipediaapi.ExtractFormat.WIKI,
            "max_retries": self.settings.max_retries,
            "retry_wait": self.settings.retry_wait,
            "timeout": self.settings.timeout,
            # Our transport does proxies itself: env proxy mounts would bypass it.
            "trust_env": False,
        }

    def _proxy(self) -> str | None:
        """The environment's proxy for Wikipedia, never for a loopback endpoint."""
        if self.endpoint is not None and is_loopback(self.endpoint.host):
            return None
        scheme = self.endpoint.scheme if self.endpoint else "https"
        host = self.endpoint.host_for("en") if self.endpoint else "en.wikipedia.org"
        proxies = urllib.request.getproxies()
        if scheme in proxies and not urllib.request.proxy_bypass(host):
            return proxies[scheme]
        return None


def translate(exc: BaseException, lang: str, timeout: float) -> WikiError:
    """One line for each way a request can fail."""
    site = f"Wikipedia ({lang})"
    if isinstance(exc, wikipediaapi.WikiHttpTimeoutError | httpx.TimeoutException):
        return WikiError(f"{site} did not answer within {timeout:g} s")
    if isinstance(exc, wikipediaapi.WikiRateLimitError):
        return RateLimited(f"{site} asked Kontext to slow down (HTTP 429)")
    if isinstance(exc, wikipediaapi.WikiHttpError):
        return WikiError(f"{site} answered HTTP {exc.status_code}")
    if isinstance(exc, wikipediaapi.WikiInvalidJsonError):
        return WikiError(f"{site} sent an answer that is not JSON")
    if isinstance(exc, RecursionError):
        return WikiError(f"{site} sent an answer nested too deeply to read")
    if isinstance(exc, KeyError):
        return WikiError(f"{site} sent an unexpected answer (no {exc.args[0]!r} in it)")
    if isinstance(exc, _SHAPE_ERRORS):
        return WikiError(f"{site} sent an unexpected answer ({type(exc).__name__})")
    chain: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in chain:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__
    # The most specific reason first: httpx wraps a refused connection in a ConnectError.
    for seen in chain:
        if isinstance(seen, httpx.RemoteProtocolError | httpx.ReadError):
            return WikiError(f"{site} closed the connection before the answer was complete")
        if isinstance(seen, httpx.ConnectError):
            return Unreachable(f"{site} is not reachable ({unreachable_reason(seen)})")
    return WikiError(f"{site}: request failed ({type(exc).__name__})")
