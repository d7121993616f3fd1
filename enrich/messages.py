"""Small helpers for the one-line messages and titles the user sees.

Shared by the loaders, the fetcher and the extractors, so that every name,
size and title is shown the same way whichever path produced it.
"""

from __future__ import annotations


def quote(value: str, limit: int = 200) -> str:
    """Quote a user-given name for a one-line message, escaping anything unprintable."""
    shown = "".join(ch if ch.isprintable() else ascii(ch)[1:-1] for ch in value)
    if len(shown) > limit:
        shown = shown[: limit - 1] + "…"
    return f"'{shown}'"


def one_line(text: str) -> str:
    """Collapse all whitespace, so titles and messages stay on one line."""
    return " ".join(text.split())


def format_size(size: int) -> str:
    """Bytes for people: 20 MB, 1.5 KB, 300 bytes."""
    for unit, factor in (("MB", 1024 * 1024), ("KB", 1024)):
        if size >= factor:
            return f"{size / factor:.1f}".removesuffix(".0") + f" {unit}"
    return f"{size} bytes"


# The one line for a file whose arrays, tables or objects nest deeper than its
# parser recurses (tomllib and msgspec raise RecursionError).
NESTED_TOO_DEEPLY = (
    "it is nested too deeply to read (hundreds of levels of arrays, tables or objects)"
)
