"""Make untrusted text safe to show in a terminal and stable to index.

Articles come from files, pipes and the web. Terminal escape sequences in them
could move the cursor, retitle the window or hide text, so they are removed
entirely, and any control character left over is dropped. The result is NFC so
that offsets and matching do not depend on how the source composed accents.

Invisible format characters are neutralised too (docs/robustness.md): bidi
embeddings, overrides and isolates could make a line read differently from
what it says, and zero-width characters or soft hyphens inside a word hide it
from the recognizers ("Ang\u200bela"). Those are removed. Joiners and
direction marks are meaningful in Arabic, Indic or emoji text, so they go only
when they sit between two letters of an alphabet (Latin, Greek, Cyrillic),
where they can only hide a word.
"""

from __future__ import annotations

import re
import unicodedata

# Payload of a control string (OSC, DCS, SOS, PM, APC) up to its terminator
# (BEL or ST). It stops at the next control character, so an unterminated
# string costs at most a scan to that character and the pass stays linear.
_STRING_BODY = r"[^\x00-\x08\x0a-\x1f\x7f-\x9f]*(?:\x07|\x1b\\|\x9c)"

# Every match starts with one control character (tab and newline excepted; CR
# is gone by then). Starting with a plain character class lets `re` skip ahead
# over ordinary text with its fast prefix search, about 8x faster on big texts
# than an alternation of whole sequences. The optional tail, chosen by a
# one-character look-behind, swallows the rest of an escape sequence:
_CONTROL_RE = re.compile(
    r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"
    r"(?:"
    # after ESC: CSI (ESC [ params intermediates final), a control string,
    # or any other sequence (optional intermediates such as ESC ( B, a final byte);
    r"(?<=\x1b)(?:\[[0-?]*[ -/]*[@-~]|[\]PX^_]" + _STRING_BODY + r"|[ -/]*[0-~])"
    # after 8-bit CSI (U+009B): params, intermediates, final byte;
    r"|(?<=\x9b)[0-?]*[ -/]*[@-~]"
    # after 8-bit DCS, SOS, OSC, PM or APC: the string and its terminator.
    r"|(?<=[\x90\x98\x9d\x9e\x9f])" + _STRING_BODY + r")?"
)


# Invisible everywhere: bidi embeddings/overrides (LRE RLE PDF LRO RLO) and
# isolates (LRI RLI FSI PDI), zero-width space, word joiner and invisible
# operators, zero-width no-break space (a BOM inside the text), soft hyphen,
# Mongolian vowel separator, and tag characters (invisible "ASCII smuggling").
_INVISIBLE_RE = re.compile(
    "[\u202a-\u202e\u2066-\u2069\u200b\u2060-\u2064\ufeff\u00ad\u180e"
    "\U000e0001\U000e0020-\U000e007f]+"
)
_ALPHABET = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u0370-\u03ff\u0400-\u04ff\u1e00-\u1eff"
# ZWNJ, ZWJ, LRM, RLM, ALM between two letters of an alphabet.
_JOINERS_IN_WORD_RE = re.compile(
    f"(?<=[{_ALPHABET}])[\u200c\u200d\u200e\u200f\u061c]+(?=[{_ALPHABET}])"
)


def clean_text(raw: str) -> str:
    """Return ``raw`` with unified newlines, no escapes, controls or hiding characters, in NFC.

    Tabs and newlines survive; everything else below U+0020 or in DEL/C1 goes.
    An incomplete escape loses only its introducer: the rest stays as literal text.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL_RE.sub("", text)
    text = _INVISIBLE_RE.sub("", text)
    text = unicodedata.normalize("NFC", text)
    # After NFC, so that "e\u0301" has become the letter "é"; removing joiners
    # between two letters composes nothing new, so cleaning twice is a no-op.
    return _JOINERS_IN_WORD_RE.sub("", text)


def neutralise_in_place(raw: str) -> str:
    """Like ``clean_text`` but length-preserving: each hidden or control character
    (and the rest of its escape sequence) becomes U+FFFD.

    For text whose offsets are already fixed, such as a hand-edited session file:
    mentions, bookmarks and the reading position still point at the same places,
    and the student sees that something was there instead of the terminal obeying it.
    """

    def blot(match: re.Match[str]) -> str:
        return "\ufffd" * len(match.group())

    text = _CONTROL_RE.sub(blot, raw.replace("\r", "\n"))
    text = _INVISIBLE_RE.sub(blot, text)
    return _JOINERS_IN_WORD_RE.sub(blot, text)


def clean_line(raw: str) -> str:
    """Untrusted text cleaned and joined onto one line: names, titles, one-line messages."""
    return " ".join(clean_text(raw).split())
