"""What a Wikipedia lookup returns: plain dataclasses the UI can show as they are.

Kept free of httpx and wikipedia-api so the UI and tests can import the
types without the network stack.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

# found: the term names an article (directly or by redirect).
# disambiguation: the term names a disambiguation page; ``summary`` is the best
#   candidate by context, ``confidence`` says how sure that is.
# search: no such article; a search hit that is clearly the same name was taken.
# not_found: no such article; ``alternatives`` lists search hits, if any.
# error: the lookup failed and nothing was cached; see ``errors``.
# offline: offline and not in the cache.
Status = Literal["found", "disambiguation", "search", "not_found", "error", "offline"]


@dataclass(frozen=True, slots=True)
class WikiSummary:
    """One article's intro, ready to show."""

    title: str
    summary: str
    description: str
    url: str
    confidence: float
    alternatives: list[tuple[str, str]] = field(default_factory=list)  # (title, description)
    langlinks: dict[str, str] = field(default_factory=dict)  # lang -> title
    categories: list[str] = field(default_factory=list)
    from_cache: bool = False
    stale: bool = False
    lang: str = ""
    wikibase_item: str = ""


@dataclass(frozen=True, slots=True)
class WikiQuery:
    """What to look up: the entity's name, its label, and words from around it."""

    term: str
    label: str | None = None
    context: str = ""
    aliases: tuple[str, ...] = ()  # other names to try, e.g. "JCS" for its long form


@dataclass(frozen=True, slots=True)
class WikiResult:
    """The outcome of one lookup, including why it may be uncertain or incomplete."""

    term: str
    lang: str
    status: Status
    summary: WikiSummary | None = None
    preferred: WikiSummary | None = None  # the same article in the preferred language
    alternatives: list[tuple[str, str]] = field(default_factory=list)
    confidence: float = 0.0
    message: str = ""  # one line for the user: what happened and how sure we are
    errors: list[str] = field(default_factory=list)
    from_cache: bool = False
    stale: bool = False
    warnings: list[str] = field(default_factory=list)  # e.g. the cache was rebuilt

    @property
    def ok(self) -> bool:
        return self.summary is not None

    @property
    def confident(self) -> bool:
        """Good enough to show without a "did you mean" hint."""
        return self.summary is not None and self.confidence >= 0.6
