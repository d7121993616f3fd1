"""German inflection rules shared by the gazetteer, surname propagation and clustering."""

from __future__ import annotations


def genitive_bases(word: str) -> list[str]:
    """Base forms a German genitive may come from: "Russlands" → ["Russland"].

    The one place that knows the rule. Short words are left alone ("Bus", "Los").
    """
    if len(word) <= 4 or not word.endswith("s"):
        return []
    return [word[:-1], word[:-2]] if word.endswith("es") else [word[:-1]]
