"""Raw Action API queries that wikipedia-api does not offer publicly.

Batched extracts with ``pageprops`` and ``description`` (``enrich.wiki.batch``)
have no public call in the library, so they go through our own ``httpx.Client``
over the very transport the library's clients use: the same endpoint rewrite,
limiter, pause, byte and time bounds and User-Agent. Answers are checked and
retried the way the library does (429, 5xx, timeouts and refused connections
once more after ``retry_wait``), and its public exceptions are raised, so
``WikiClient.call`` reports both routes alike.
"""

from __future__ import annotations

import time
from typing import Any

import httpx
import wikipediaapi

from enrich.wiki.transport import WikiSettings

LIBRARY_API = "https://{lang}.wikipedia.org/w/api.php"  # the transport rewrites it


class RawQuery:
    """``GET api.php?action=query&…`` through a shared transport, as the library sends it."""

    def __init__(self, transport: httpx.BaseTransport, agent: str, settings: WikiSettings) -> None:
        self._settings = settings
        self._client = httpx.Client(
            transport=transport,
            headers={"User-Agent": agent},
            timeout=settings.timeout,
            trust_env=False,  # the transport does proxies itself
        )

    def get(self, lang: str, params: dict[str, Any]) -> Any:
        """The decoded JSON answer (any JSON value; the caller checks its shape)."""
        url = LIBRARY_API.format(lang=lang)
        retries = max(0, self._settings.max_retries)
        for attempt in range(retries + 1):
            try:
                return self._once(url, {"format": "json", **params})
            except wikipediaapi.WikipediaException as exc:
                if attempt == retries or not _retryable(exc):
                    raise
                time.sleep(_wait(exc, self._settings.retry_wait, attempt))
        raise AssertionError("unreachable: the last attempt returns or raises")

    def _once(self, url: str, params: dict[str, Any]) -> Any:
        try:
            response = self._client.get(url, params=params)
        except httpx.TimeoutException as exc:
            raise wikipediaapi.WikiHttpTimeoutError(url) from exc
        except httpx.ConnectError as exc:
            raise wikipediaapi.WikiConnectionError(url) from exc
        if response.status_code == 429:
            after = response.headers.get("Retry-After", "")
            raise wikipediaapi.WikiRateLimitError(url, int(after) if after.isdigit() else None)
        if response.status_code != 200:
            raise wikipediaapi.WikiHttpError(response.status_code, url)
        try:
            return response.json()
        except ValueError as exc:
            raise wikipediaapi.WikiInvalidJsonError(url) from exc


def _retryable(exc: wikipediaapi.WikipediaException) -> bool:
    if isinstance(exc, wikipediaapi.WikiHttpError):
        status: int = exc.status_code
        return status >= 500
    return isinstance(
        exc,
        wikipediaapi.WikiRateLimitError
        | wikipediaapi.WikiHttpTimeoutError
        | wikipediaapi.WikiConnectionError,
    )


def _wait(exc: wikipediaapi.WikipediaException, retry_wait: float, attempt: int) -> float:
    """The library's backoff: Retry-After if given, else ``retry_wait`` doubling per attempt."""
    if isinstance(exc, wikipediaapi.WikiRateLimitError) and exc.retry_after is not None:
        after: int = exc.retry_after
        return float(after)
    return retry_wait * float(2**attempt)
