"""Exports of a session: Markdown, HTML, Anki, CSV and the session JSON.

``render`` is the one entry point the CLI and the reader call; it returns the
file's bytes and the caller writes them (atomically, via ``enrich.atomic``).
Exports never import textual and never touch the network.
"""

from __future__ import annotations

from pathlib import PurePath

from enrich.errors import KontextError
from enrich.session.model import Session

FORMATS = ("md", "html", "anki", "csv", "json")
_SUFFIXES = {"md": ".md", "html": ".html", "anki": ".apkg", "csv": ".csv", "json": ".json"}
_BY_SUFFIX = {**{v: k for k, v in _SUFFIXES.items()}, ".markdown": "md", ".htm": "html"}


class ExportFormatError(KontextError, ValueError):
    """An export format Kontext does not know (also a ValueError for plain callers)."""


def _check(fmt: str) -> str:
    if fmt not in FORMATS:
        raise ExportFormatError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return fmt


def default_suffix(fmt: str) -> str:
    """The file suffix, with its dot, for ``fmt`` (e.g. ".apkg" for "anki")."""
    return _SUFFIXES[_check(fmt)]


def format_for_path(path: str | PurePath) -> str | None:
    """The format a file name asks for by its suffix, or None if it does not say."""
    return _BY_SUFFIX.get(PurePath(path).suffix.lower())


def render(session: Session, fmt: str) -> bytes:
    """The export of ``session`` in ``fmt`` as the bytes of the file to write."""
    _check(fmt)
    if fmt == "json":
        from enrich.export.session_json import render_json

        return render_json(session)
    from enrich.export.view import export_view

    view = export_view(session)
    if fmt == "md":
        from enrich.export.markdown import render_markdown

        return render_markdown(view)
    if fmt == "html":
        from enrich.export.html_page import render_html

        return render_html(view)
    if fmt == "csv":
        from enrich.export.csv_table import render_csv

        return render_csv(view)
    from enrich.export.anki import render_anki

    return render_anki(view, session)


__all__ = [
    "FORMATS",
    "ExportFormatError",
    "default_suffix",
    "format_for_path",
    "render",
]
