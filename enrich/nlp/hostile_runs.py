"""Blank out the runs that make spaCy's tokenizer superlinear, keeping every offset.

spaCy splits prefixes and suffixes off a whitespace-free token one at a time,
searching the rest of the token each time: a token of n characters costs
about n² (25,000 "(" took 32 s). Such runs are never names or terms, so the
text given to the pipeline has them replaced by spaces of the same length:
offsets into the article text stay valid, and the words around them are
recognised as before.
"""

from __future__ import annotations

import re

# A run of one punctuation or symbol character longer than this keeps its first
# character and is blanked after it ("((((((" -> "(     ").
MAX_SAME_RUN = 32
# A whitespace-free token longer than this is blanked whole. The longest German
# compounds are about 60 letters; a 100-character token is a URL, a hash or junk.
MAX_TOKEN_CHARS = 100

_SAME_RUN = re.compile(rf"([^\w\s])\1{{{MAX_SAME_RUN},}}")
_LONG_TOKEN = re.compile(rf"\S{{{MAX_TOKEN_CHARS + 1},}}")


def neutralise(text: str) -> str:
    """``text`` with pathological runs replaced by spaces; same length, same offsets."""
    text = _SAME_RUN.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - 1), text)
    return _LONG_TOKEN.sub(lambda m: " " * len(m.group(0)), text)
