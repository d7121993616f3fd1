"""Turn a source's bytes into text, whatever encoding it claims or really has.

Kept apart from reading and extraction because the rules (BOM first, valid
UTF-8 over a declared label, a guess last) are subtle and apply to every source.
charset-normalizer is imported only when a guess is needed.
"""

from __future__ import annotations

import codecs
import re

from enrich.errors import SourceError

# <meta charset="x"> or <meta http-equiv="Content-Type" content="text/html; charset=x">
_META_CHARSET_RE = re.compile(
    rb"<meta[^>]{0,200}?charset\s*=\s*[\"']?([A-Za-z0-9_.:-]{1,40})", re.I
)

_BOMS: tuple[tuple[bytes, str, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with UTF-16's.
    (codecs.BOM_UTF32_LE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8-sig", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16", "UTF-16"),
)


def decode(data: bytes, label: str, declared: str | None, warnings: list[str]) -> str:
    """Decode by BOM, then UTF-8, then the declared charset, then a guess, then latin-1.

    Valid UTF-8 wins over a declared single-byte charset: servers that label
    everything ISO-8859-1 are common, while latin-1 text that happens to be
    valid UTF-8 is not. Guesses and fallbacks are reported in ``warnings`` so
    the user can tell why umlauts look wrong, if they do.
    """
    for bom, bom_codec, name in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(bom_codec)
            except UnicodeDecodeError:
                warnings.append(f"{label} has invalid {name} byte sequences; they are shown as �")
                return data.decode(bom_codec, errors="replace")

    codec = _codec_name(declared)
    wide = codec is not None and codec.startswith(("utf-16", "utf-32"))
    if not wide and b"\x00" in data:
        raise SourceError(
            f"{label} looks like a binary file (NUL bytes); give a text, Markdown or HTML file"
        )
    candidates: list[str] = [] if wide else ["utf-8"]
    if codec is not None:
        # As browsers do: a page labelled latin-1 or ASCII is really windows-1252.
        candidates += ["cp1252", "latin-1"] if codec in ("iso8859-1", "ascii") else [codec]
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except (UnicodeDecodeError, LookupError):
            continue
    if codec not in (None, "utf-8"):  # a false UTF-8 label is covered by "not UTF-8" below
        warnings.append(f"{label} is not valid {declared} as declared; ignoring that charset")
    if wide:
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass

    guessed = _guess_encoding(data)
    if guessed is not None:
        encoding, text = guessed
        warnings.append(f"{label} is not UTF-8; decoded as {encoding} (guessed)")
        return text
    warnings.append(
        f"{label} is not UTF-8 and its encoding could not be guessed; decoded as latin-1"
    )
    return data.decode("latin-1")


def _guess_encoding(data: bytes) -> tuple[str, str] | None:
    """Ask charset-normalizer, but prefer windows-1252 when it reads as cleanly.

    Kontext's readers mostly get German and English text, and on short texts
    charset-normalizer happily picks e.g. cp1006 for "Grüße"; windows-1252 is
    kept whenever it is no messier than the best guess.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    western = from_bytes(data, cp_isolation=["cp1252"]).best()
    if western is not None and (best is None or western.chaos <= best.chaos):
        return "cp1252", str(western)
    if best is not None:
        return best.encoding, str(best)
    return None


def _codec_name(charset: str | None) -> str | None:
    """The canonical codec name for a declared charset, or None if unknown."""
    if not charset:
        return None
    try:
        info = codecs.lookup(charset.strip().strip("\"'"))
    except LookupError:
        return None
    # Python also has bytes-to-bytes "codecs" (base64, zlib, ...): never for a label.
    return info.name if getattr(info, "_is_text_encoding", True) else None


def html_meta_charset(data: bytes) -> str | None:
    """The charset a page declares in a <meta> tag near its start, if any.

    A meta tag saying UTF-16 or UTF-32 cannot be true of the bytes it was read
    from (they would have a BOM), so browsers take it as UTF-8, and so do we.
    """
    match = _META_CHARSET_RE.search(data, 0, 4096)
    if match is None:
        return None
    charset = match.group(1).decode("ascii")
    codec = _codec_name(charset)
    return "utf-8" if codec and codec.startswith(("utf-16", "utf-32")) else charset


def looks_like_html(data: bytes) -> bool:
    """True if the bytes start like an HTML document (for sources without a type)."""
    head = data[:512].lstrip(codecs.BOM_UTF8).lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))
