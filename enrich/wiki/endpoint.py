"""Where Wikipedia requests go: the ``--wiki-api`` / ``KONTEXT_WIKI_API`` override, checked.

Its own module, free of httpx and wikipedia-api, so that ``kontext read`` can
check the flag before the reader starts without importing the network stack
(tui/startup.py, row "first paint": that import was 0.1 s before the first frame).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from urllib.parse import urlsplit

from enrich.errors import KontextError
from enrich.loopback import is_loopback

ENV_API = "KONTEXT_WIKI_API"
DEFAULT_API = "https://{lang}.wikipedia.org/w/api.php"


@dataclass(frozen=True, slots=True)
class Endpoint:
    """Where API requests really go; ``{lang}`` in the host is filled per request."""

    scheme: str
    host: str
    port: int | None
    path: str

    @property
    def templated(self) -> bool:
        return "{lang}" in self.host

    def host_for(self, lang: str) -> str:
        return self.host.replace("{lang}", lang)


def parse_endpoint(url: str) -> Endpoint:
    """Validate ``--wiki-api``: https anywhere, plain http only on loopback."""
    label = f"--wiki-api / {ENV_API} {url!r}"
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
        port = parts.port
    except ValueError as exc:
        raise KontextError(f"{label} is not a valid URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not host:
        raise KontextError(f"{label} must be an http(s) URL such as https://host/w/api.php")
    if scheme == "http" and not is_loopback(host):
        raise KontextError(
            f"{label}: plain http is only allowed for 127.0.0.1, ::1 or localhost; use https://"
        )
    return Endpoint(scheme, host, port, parts.path or "/w/api.php")


def configured_endpoint(api_url: str | None = None) -> Endpoint | None:
    """The override from settings or the environment; None means Wikipedia itself.

    An empty value is an error, not a quiet "the public Wikipedia": somebody
    meant to point Kontext somewhere and the value got lost.
    """
    url = api_url if api_url is not None else os.environ.get(ENV_API)
    if url is None:
        return None
    if not url.strip():
        raise KontextError(
            f"--wiki-api / {ENV_API} / wiki_api is empty; give a MediaWiki API URL "
            "such as https://de.wikipedia.org/w/api.php, or leave it out"
        )
    url = url.strip()
    if url == DEFAULT_API:
        return None
    return parse_endpoint(url)
