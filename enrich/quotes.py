"""Quotation marks in the card's language, so an English card shows “…” and a German one „…“."""

from __future__ import annotations

# (opening, closing) per language; others get the English pair.
_MARKS: dict[str, tuple[str, str]] = {"de": ("„", "“"), "en": ("“", "”")}


def quoted(text: str, lang: str) -> str:
    """``text`` between the quotation marks a reader of ``lang`` expects."""
    opening, closing = _MARKS.get(lang, _MARKS["en"])
    return f"{opening}{text}{closing}"
