"""Session names become file names, so they are sanitised before any path is built.

A name comes from the command line, the reader or a session file someone sent;
whatever it holds, the file it names stays directly inside the sessions
directory: no separators, no ``..``, no hidden or reserved names, no control
characters, and short enough for every file system (with room for the
``~`` backup and the temp-file suffixes of ``enrich.atomic``).
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import PurePath

from enrich.errors import SessionError

# Bytes, not characters: file systems limit names to 255 bytes, and the temp
# file of an atomic write adds ".", ".json.", 8 random characters and ".tmp".
MAX_NAME_BYTES = 120

# Path separators and the characters Windows forbids in file names.
_UNSAFE = re.compile(r'[/\\:*?"<>|]+')
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_SPACES = re.compile(r"\s+")
_DASHES = re.compile(r"-{2,}")
# Device names Windows reserves whatever the extension ("con.json" too).
_RESERVED = {"con", "prn", "aux", "nul"} | {f"{p}{i}" for p in ("com", "lpt") for i in range(10)}
_EDGE = " .-_~"


def sanitize_name(name: str) -> str:
    """A safe file stem for ``name``; ``SessionError`` if nothing usable is left.

    Ordinary names ("seed", "Nordkorea Manöver 2") come back unchanged, so what
    the user typed is what ``kontext sessions list`` shows.
    """
    text = unicodedata.normalize("NFC", str(name))
    text = _CONTROL.sub(" ", text)
    text = _UNSAFE.sub("-", text)
    text = _SPACES.sub(" ", text)
    text = _DASHES.sub("-", text).strip(_EDGE)
    text = truncate_utf8(text, MAX_NAME_BYTES).rstrip(_EDGE)
    if text.split(".", 1)[0].strip().casefold() in _RESERVED:
        text = "_" + text  # Windows reserves "con" before any extension: "con.txt" too
    if not text:
        shown = _CONTROL.sub("?", str(name))[:40]
        raise SessionError(
            f"'{shown}' is not a usable session name; use letters, digits, spaces or dashes"
        )
    return text


def truncate_utf8(text: str, limit: int) -> str:
    data = text.encode("utf-8")
    if len(data) <= limit:
        return text
    return data[:limit].decode("utf-8", "ignore")


def default_name(title: str, source: str = "") -> str:
    """A short readable name for a new session: the title's first words, else the file name.

    "Großmanöver vor der Küste Südkoreas" → "grossmanoever-vor-der-kueste-suedkoreas".
    """
    for candidate in (title, _source_stem(source)):
        slug = _slug(candidate)
        if slug:
            return sanitize_name(slug)
    return "session"


_GERMAN = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
)
_NON_WORD = re.compile(r"[^a-z0-9]+")
_MAX_SLUG = 48


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text.translate(_GERMAN))
    ascii_text = ascii_text.encode("ascii", "ignore").decode().lower()
    slug = _NON_WORD.sub("-", ascii_text).strip("-")
    if len(slug) > _MAX_SLUG:  # cut at a word boundary
        cut = slug.rfind("-", 0, _MAX_SLUG + 1)
        slug = slug[: cut if cut > 0 else _MAX_SLUG]
    return slug


def _source_stem(source: str) -> str:
    if not source or source == "-":
        return ""
    stem = source.rstrip("/").rsplit("/", 1)[-1]
    return PurePath(stem).stem if "." in stem else stem
