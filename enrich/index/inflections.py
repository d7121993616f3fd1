"""The forms of a name that a personal rule and an index key treat as the same name.

The glossary's inflection rules (``enrich.glossary.inflect``), plus German noun
forms of the last part of a hyphenated name that starts with a digit
("240-mm-Raketenwerfer"), which ``forms`` hands to the English rules because
its first character is no capital.
"""

from __future__ import annotations

import functools

from enrich.glossary.inflect import fold, forms, german_forms


@functools.lru_cache(maxsize=16_384)
def folded_forms(text: str, lang: str) -> frozenset[str]:
    """``text`` and its likely inflections in ``lang``, folded (case, dashes, spaces)."""
    found = {text, *forms(text, lang)}
    prefix, dash, tail = text.rpartition("-")
    if lang == "de" and dash and tail[:1].isupper() and " " not in tail:
        found |= {prefix + dash + f for f in german_forms(tail)}
    return frozenset(fold(f) for f in found)


def same_name(a: str, b: str, lang: str) -> bool:
    """Is one of ``a`` and ``b`` an inflection of the other (or are they equal)?"""
    return not folded_forms(a, lang).isdisjoint(folded_forms(b, lang))


def base_form(name: str, lang: str) -> str:
    """The shortest form ``name`` is an inflection of, folded: one key for a paradigm.

    "240-mm-Raketenwerfern" and "240-mm-Raketenwerfer" both give
    "240-mm-raketenwerfer"; "Nordkoreas" gives "nordkorea". Only the last
    three characters are tried.
    """
    folded = fold(name)
    for cut in (3, 2, 1):
        stem = name[:-cut]
        if len(stem) >= 3 and not stem.endswith((" ", "-")) and folded in folded_forms(stem, lang):
            return fold(stem)
    return folded
