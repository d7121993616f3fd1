"""Blank out the runs that make spaCy's tokenizer superlinear, keeping every offset.

spaCy strips prefixes and suffixes off a whitespace-free token one character
at a time, and each strip searches the whole rest of the token: a token of n
affix characters costs about n² (25,000 "(" took 32 s; 1 MB of distinct
100-character punctuation tokens over a minute). Such runs are never names or
terms, so the text given to the pipeline has them replaced by spaces of the
same length: offsets into the article text stay valid, and the words around
them are recognised as before.
"""

from __future__ import annotations

import re

# A run of one punctuation or symbol character longer than this keeps its first
# character and is blanked after it ("((((((" -> "(     ").
MAX_SAME_RUN = 32
# Punctuation a token may start or end with ('„(' before a word, '“).' after it);
# more is blanked from the outside in, so each token costs a few affix searches.
MAX_AFFIX = 3
# A whitespace-free token longer than this is blanked whole. The longest German
# compounds are about 60 letters; a 100-character token is a URL, a hash or junk.
MAX_TOKEN_CHARS = 100

_SAME_RUN = re.compile(rf"([^\w\s])\1{{{MAX_SAME_RUN},}}")
# Possessive, and starting only where a run starts: linear on any input.
_LEADING = re.compile(rf"(?<!\S)[^\w\s]{{{MAX_AFFIX + 1},}}+")
_TRAILING = re.compile(rf"(?<![^\w\s])[^\w\s]{{{MAX_AFFIX + 1},}}+(?!\S)")
_LONG_TOKEN = re.compile(rf"(?<!\S)\S{{{MAX_TOKEN_CHARS + 1},}}+")
# A token with this much punctuation inside ("a(b.c]d„e…") is split by spaCy into
# a token per character or two: three times the tokens of prose, each a new
# word for the vocabulary. Blanked whole if punctuation is half of it or more
# (markup such as "[link=https://x]Hamburg[/link]." is a third: kept).
MAX_TOKEN_PUNCT = 8  # more than the six affixes a token may keep
_PUNCT_TOKEN = re.compile(rf"(?<!\S)(?=(?:\w*+[^\w\s]){{{MAX_TOKEN_PUNCT}}})\S++")


def _keep_last(match: re.Match[str]) -> str:
    run = match.group(0)
    return " " * (len(run) - MAX_AFFIX) + run[-MAX_AFFIX:]


def _keep_first(match: re.Match[str]) -> str:
    run = match.group(0)
    return run[:MAX_AFFIX] + " " * (len(run) - MAX_AFFIX)


def _blank_if_dense(match: re.Match[str]) -> str:
    token = match.group(0)
    punct = sum(1 for char in token if not char.isalnum() and char != "_")
    return " " * len(token) if punct * 2 >= len(token) else token


def _suspect(token: str) -> bool:
    """Whether any pattern below could match inside this whitespace-free token.

    Every pattern matches inside one token only, and needs a token longer than
    MAX_TOKEN_CHARS or more than MAX_AFFIX punctuation characters in it (blanking
    only shortens tokens, so an earlier pass cannot make a later one match).
    """
    if len(token) > MAX_TOKEN_CHARS:
        return True
    if token.isalnum():
        return False
    return sum(1 for char in token if not char.isalnum() and char != "_") > MAX_AFFIX


def neutralise(text: str) -> str:
    """``text`` with pathological runs replaced by spaces; same length, same offsets.

    Ordinary prose has no suspect token: one split and a set of its words is
    several times cheaper than the five regex passes (bench text: 0.1 s).
    """
    if not any(_suspect(token) for token in set(text.split())):
        return text
    text = _SAME_RUN.sub(lambda m: m.group(1) + " " * (len(m.group(0)) - 1), text)
    text = _LEADING.sub(_keep_last, text)
    text = _TRAILING.sub(_keep_first, text)
    text = _LONG_TOKEN.sub(lambda m: " " * len(m.group(0)), text)
    return _PUNCT_TOKEN.sub(_blank_if_dense, text)
