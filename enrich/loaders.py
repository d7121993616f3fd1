"""Turn a file, URL or standard input into an ``Article``.

Everything that can go wrong with the user's source becomes a ``SourceError``
with one actionable line, because the CLI shows exactly that line and nothing
else. Fetching, decoding and extraction live in their own modules; heavy
libraries are imported only on the path that needs them, so importing this
module stays fast.
"""

from __future__ import annotations

import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, BinaryIO
from urllib.parse import unquote, urlsplit

from enrich.bylines import is_byline_or_dateline
from enrich.decoding import decode, html_meta_charset, looks_like_html
from enrich.errors import KontextError, SourceError
from enrich.extract import HTML_SUFFIXES, MARKDOWN_SUFFIXES, Kind, extract
from enrich.fetch import fetch_url
from enrich.language import UNDETERMINED, detect_language
from enrich.messages import format_size, one_line, quote
from enrich.model import Article, Paragraph
from enrich.regular_file import FileTooLargeError, NotRegularFileError, read_regular_file
from enrich.text_clean import clean_text

if TYPE_CHECKING:
    from collections.abc import Sequence

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
# A first paragraph longer than this is body text, not a title.
MAX_TITLE_CHARS = 120
# Bylines and datelines skipped before the title: at most this many paragraphs.
_LEADING_PARAGRAPHS = 4

_URL_RE = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_LANG_RE = re.compile(r"^[a-z]{2,3}$")
# Ends like a sentence: . ! ? : or …, possibly followed by closing quotes/brackets.
_SENTENCE_END_RE = re.compile(r"[.!?:…][\"'»«›‹”“’‘)\]]*$")

_TITLE_SUFFIXES = HTML_SUFFIXES | MARKDOWN_SUFFIXES | {".txt", ".php", ".asp", ".aspx"}


@dataclass(frozen=True, slots=True)
class _Raw:
    """Bytes as read, plus what the source itself says about them."""

    data: bytes
    kind: Kind
    label: str  # how messages name the source: "'x.txt'", "stdin", "'https://…'"
    fallback_title: str
    charset: str | None = None
    url: str | None = None


def load_article(
    source: str,
    *,
    lang: str | None = None,
    stdin: BinaryIO | None = None,
    timeout: float = 10.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Article:
    """Read ``source`` (a path, an http(s) URL or ``-`` for stdin) into an ``Article``.

    ``lang`` overrides language detection. ``timeout`` (seconds) bounds a URL
    fetch as a whole; ``max_bytes`` caps what is read from any source.
    Raises ``SourceError`` (or ``KontextError`` for a malformed ``lang``).
    """
    language = _validate_language(lang) if lang is not None else None
    if source == "-":
        raw = _read_stdin(stdin, max_bytes)
    elif _URL_RE.match(source):
        raw = _read_url(source, timeout, max_bytes)
    else:
        raw = _read_file(source, max_bytes)
    if not raw.data:
        raise SourceError(f"{raw.label} is empty")

    warnings: list[str] = []
    decoded = clean_text(decode(raw.data, raw.label, raw.charset, warnings))
    if not decoded.strip():
        raise SourceError(f"{raw.label} is empty (nothing but whitespace or control characters)")

    text, paragraphs, title = extract(decoded, raw.kind, raw.url, warnings)
    if not paragraphs:
        raise SourceError(f"no article text found in {raw.label}")

    title = one_line(clean_text(title or "")) or _title_from_first_paragraph(text, paragraphs)
    if language is None:
        language, _probability = detect_language(text)
        if language == UNDETERMINED:
            raise SourceError(f"{raw.label} has no readable text (no letters in any language)")
    return Article(
        text=text,
        # A file or URL name is untrusted text too ("\x1b]0;….txt" would retitle the terminal).
        title=title or one_line(clean_text(raw.fallback_title)) or raw.label,
        source=source if source != "-" else "stdin",
        language=language,
        paragraphs=paragraphs,
        warnings=tuple(warnings),
    )


# --- sources ---------------------------------------------------------------


def _read_stdin(stdin: BinaryIO | None, max_bytes: int) -> _Raw:
    """Read standard input whole; HTML is recognised by its first tag."""
    label = "stdin"
    stream = stdin
    if stream is None:
        stream = getattr(sys.stdin, "buffer", None)
        if stream is None:
            raise SourceError("cannot read stdin: there is no standard input to read bytes from")
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise SourceError(f"cannot read stdin: {_os_reason(exc)}") from exc
    if len(data) > max_bytes:
        raise SourceError(f"stdin is too large (more than {format_size(max_bytes)})")
    if looks_like_html(data):
        return _Raw(data, "html", label, "stdin", charset=html_meta_charset(data))
    return _Raw(data=data, kind="text", label=label, fallback_title="stdin")


def _read_file(source: str, max_bytes: int) -> _Raw:
    """Read a regular file, refusing directories, pipes and devices up front.

    ``read_regular_file`` opens it non-blocking and checks it with fstat on the
    open descriptor, so a FIFO is rejected instead of hanging, with no race
    between the check and the read.
    """
    label = quote(source)
    if not source:
        raise SourceError("no source given; name a file, a URL, or '-' for stdin")
    # os.path.expanduser leaves "~nosuchuser/…" alone (Path.expanduser raises).
    path = Path(os.path.expanduser(source))
    not_article = f"{label} is a directory, not an article"
    try:
        data = read_regular_file(path, max_bytes)
    except FileNotFoundError as exc:
        raise SourceError(f"cannot read {label}: no such file") from exc
    except IsADirectoryError as exc:
        raise SourceError(not_article) from exc
    except NotADirectoryError as exc:
        raise SourceError(f"cannot read {label}: a part of the path is not a directory") from exc
    except PermissionError as exc:
        if path.is_dir():
            raise SourceError(not_article) from exc
        raise SourceError(f"cannot read {label}: permission denied") from exc
    except NotRegularFileError as exc:
        if exc.kind == "a directory":
            raise SourceError(not_article) from exc
        raise SourceError(
            f"{label} is not a regular file ({exc.kind}); give a text, "
            "Markdown or HTML file, or pipe the text in and read it with '-'"
        ) from exc
    except FileTooLargeError as exc:
        if exc.size is None:
            raise SourceError(
                f"{label} is too large (the limit is {format_size(max_bytes)})"
            ) from exc
        raise SourceError(
            f"{label} is too large ({format_size(exc.size)}; the limit is {format_size(max_bytes)})"
        ) from exc
    except OSError as exc:
        raise SourceError(f"cannot read {label}: {_os_reason(exc)}") from exc
    except ValueError as exc:  # a NUL byte in the name
        raise SourceError(f"cannot read {label}: the name contains a NUL character") from exc

    suffix = path.suffix.lower()
    kind: Kind = "text"
    if suffix in HTML_SUFFIXES:
        kind = "html"
    elif suffix in MARKDOWN_SUFFIXES:
        kind = "markdown"
    return _Raw(
        data=data,
        kind=kind,
        label=label,
        fallback_title=path.stem or path.name or source,
        charset=html_meta_charset(data) if kind == "html" else None,
    )


def _read_url(url: str, timeout: float, max_bytes: int) -> _Raw:
    """Fetch a URL; the page is titled after its final address until it names itself."""
    page = fetch_url(url, timeout, max_bytes)
    return _Raw(
        data=page.data,
        kind=page.kind,
        label=quote(url),
        fallback_title=_url_title(page.url),
        charset=page.charset,
        url=page.url,
    )


# --- titles, labels, small helpers -----------------------------------------------


def _title_from_first_paragraph(text: str, paragraphs: Sequence[Paragraph]) -> str | None:
    """The first paragraph, if it reads like a headline: short, one line, no sentence end.

    Bylines, datelines and time stamps before it ("Von Maria Beispiel",
    "Updated 5 min ago") are skipped, as lines or as paragraphs of their own.
    """
    for paragraph in paragraphs[:_LEADING_PARAGRAPHS]:
        block = text[paragraph.start : paragraph.end]
        lines = [line for line in block.split("\n") if not is_byline_or_dateline(line)]
        if not lines:
            continue  # nothing but bylines: the title may follow
        first = lines[0].strip()
        if len(lines) > 1 or len(first) > MAX_TITLE_CHARS or _SENTENCE_END_RE.search(first):
            return None
        return first
    return None


def _url_title(url: str) -> str:
    """The last path segment of a URL (without a page suffix), else its host."""
    parts = urlsplit(url)
    segment = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    candidate = PurePosixPath(segment)
    if candidate.suffix.lower() in _TITLE_SUFFIXES:
        segment = candidate.stem
    return one_line(clean_text(segment)) or parts.hostname or url


def _validate_language(lang: str) -> str:
    """Accept ISO 639-1/-3 shaped codes only; what is supported is the caller's call."""
    code = lang.strip().lower()
    if not _LANG_RE.match(code):
        raise KontextError(
            f"invalid language code {quote(lang)}; use a two- or three-letter ISO 639 code "
            "such as 'de' or 'en'"
        )
    return code


def _os_reason(exc: OSError) -> str:
    """An OSError's reason in lower case, without errno noise."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return one_line(reason[:1].lower() + reason[1:])
