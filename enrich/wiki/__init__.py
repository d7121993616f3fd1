"""Wikipedia summaries for the entities of an article.

``WikiLookup`` (in ``enrich.wiki.lookup``) is the entry point: ``lookup`` one
term or ``prefetch`` a whole article, cache-first. Importing this package is
cheap: httpx and wikipedia-api load only with ``enrich.wiki.lookup`` /
``enrich.wiki.client``, which ``import enrich`` never touches.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from enrich.wiki.result import WikiQuery, WikiResult, WikiSummary

if TYPE_CHECKING:
    from enrich.wiki.client import WikiClient, WikiError, WikiSettings
    from enrich.wiki.lookup import WikiLookup

__all__ = [
    "WikiClient",
    "WikiError",
    "WikiLookup",
    "WikiQuery",
    "WikiResult",
    "WikiSettings",
    "WikiSummary",
]


def __getattr__(name: str) -> Any:
    """Load the network stack only when it is asked for (PEP 562)."""
    if name == "WikiLookup":
        from enrich.wiki.lookup import WikiLookup

        return WikiLookup
    if name in ("WikiClient", "WikiError", "WikiSettings"):
        from enrich.wiki import client

        return getattr(client, name)
    raise AttributeError(name)
