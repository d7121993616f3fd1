"""Surface forms of glossary terms: generated inflections and lookup stems.

German news text rarely uses a term in its dictionary form: "mit
Marschflugkörpern", "die Haubitzen", "des Abkommens". The glossary ruler
matches whole tokens, so every likely form is generated up front from the
word's ending (a heuristic, not a full morphology); ``candidate_stems`` goes
the other way for lookups of forms the generator missed.
"""

from __future__ import annotations

import unicodedata

_UMLAUT = {"a": "ä", "o": "ö", "u": "ü", "A": "Ä", "O": "Ö", "U": "Ü"}
_DE_UMLAUT = str.maketrans({"ä": "a", "ö": "o", "ü": "u"})
# Feminine (and a few other) endings whose plural is -en and that take no genitive -s.
_FEMININE = ("ung", "heit", "keit", "schaft", "ion", "tät", "ik", "ei", "ur", "anz", "enz", "in")
_ADJ_ENDINGS = ("e", "en", "er", "es", "em")
# Stems that mark a capitalised non-final word as an adjective ("Vereinte", "Europäischer").
_ADJ_STEMS = ("isch", "ig", "lich", "al", "t", "ell", "iv", "bar", "är", "ar", "er")
_DE_SUFFIXES = ("nen", "ern", "en", "er", "es", "em", "e", "n", "s")
_EN_SUFFIXES = ("es", "s")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "’": "'"})
_SHORT = 5  # shorter nouns get only the safest endings


def is_acronym(text: str) -> bool:
    """Short all-caps forms ("NATO", "ICBM"): case carries meaning, never inflected."""
    return text.isupper() and len(text) <= 6


def fold(text: str) -> str:
    """Comparison form: NFC, dashes unified, whitespace collapsed, casefolded."""
    text = unicodedata.normalize("NFC", text).translate(_DASHES)
    return " ".join(text.split()).casefold()


def _umlauted(word: str) -> str | None:
    """``word`` with its last back vowel umlauted ("Vertrag" → "Verträg"), if any."""
    for i in range(len(word) - 1, -1, -1):
        ch = word[i]
        if ch in _UMLAUT:
            prev = word[i - 1].lower() if i else ""
            if prev == "e" and ch.lower() == "u":  # "eu" is not umlauted
                return None
            if prev == "a" and ch.lower() == "u":  # "au" → "äu"
                return word[: i - 1] + _UMLAUT[word[i - 1]] + word[i:]
            if prev in ("a", "e", "o"):  # "aa", "ee", "oo" and similar: leave alone
                return None
            return word[:i] + _UMLAUT[ch] + word[i + 1 :]
        if ch.lower() in "eiäöüy":
            return None
    return None


def _noun_forms(word: str) -> set[str]:
    """Inflected forms of a German noun (the word itself included)."""
    forms = {word}
    lower = word.lower()
    if is_acronym(word) or any(c.isdigit() for c in word) or len(word) < 3:
        return forms
    if lower.endswith("e"):
        forms.add(word + "n")
    elif lower.endswith(("er", "el")):
        forms |= {word + "n", word + "s"}
    elif lower.endswith("en"):
        forms.add(word + "s")
    elif lower.endswith(_FEMININE) and len(word) >= _SHORT:
        forms.add(word + ("nen" if lower.endswith("in") else "en"))
    elif lower.endswith("ie"):
        forms.add(word + "n")
    elif lower[-1] in "aiouy":
        forms.add(word + "s")
    elif lower.endswith("nis"):
        forms |= {word + "se", word + "ses", word + "sen"}
    else:
        forms |= {word + "es"} if lower[-1] in "sßxz" else {word + "es", word + "s"}
        if len(word) >= _SHORT:
            forms |= {word + "e", word + "en"}
        umlaut = _umlauted(word)
        if umlaut:
            forms |= {umlaut + "e", umlaut + "en"}
    return forms


def _adjective_forms(word: str) -> set[str]:
    """Declined forms of an adjective: "ballistische" → ballistischen, ballistischer, …"""
    for ending in sorted(_ADJ_ENDINGS, key=len, reverse=True):
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= 3:
            return {stem + e for e in _ADJ_ENDINGS}
    return {word}


def _is_adjective(word: str) -> bool:
    if not word.endswith(_ADJ_ENDINGS) or "-" in word:
        return False
    if word[:1].islower():
        return len(word) > 4
    stem = next(word[: -len(e)] for e in ("en", "er", "es", "em", "e") if word.endswith(e))
    return len(stem) >= 4 and stem.lower().endswith(_ADJ_STEMS)


def german_forms(phrase: str, inflection: str = "noun") -> set[str]:
    """Likely German forms of a term: its head noun inflected, adjectives before it declined.

    The head is the last word; in a hyphenated compound its last part
    ("Kamikaze-Drohne" → "Kamikaze-Drohnen"). Lower-case final words are
    taken as English and left alone.
    """
    words = phrase.split()
    if inflection == "none" or not words:
        return {phrase}
    *before, head = words
    if inflection == "adjective":
        heads = _adjective_forms(head)
    elif not head[:1].isupper() or is_acronym(head):
        return {phrase}
    else:
        prefix, dash, last = head.rpartition("-")
        if dash and (not last[:1].isupper() or is_acronym(last)):
            return {phrase}
        heads = {prefix + dash + form for form in _noun_forms(last)}
    variants: list[set[str]] = []
    adjectives = 0
    for word in before:
        if adjectives < 2 and _is_adjective(word):
            adjectives += 1
            variants.append(_adjective_forms(word))
        else:
            variants.append({word})
    results = {""}
    for options in [*variants, heads]:
        results = {f"{r} {o}".strip() for r in results for o in options}
    return results


def english_forms(phrase: str) -> set[str]:
    """The term and its regular English plural ("cruise missile" → "cruise missiles")."""
    words = phrase.split()
    if not words or is_acronym(words[-1]) or not words[-1][-1:].isalpha():
        return {phrase}
    last = words[-1]
    if last.endswith(("s", "x", "z", "ch", "sh")):
        plural = last + "es"
    elif last.endswith("y") and len(last) > 2 and last[-2].lower() not in "aeiou":
        plural = last[:-1] + "ies"
    else:
        plural = last + "s"
    return {phrase, " ".join([*words[:-1], plural])}


def forms(phrase: str, lang: str, inflection: str = "noun") -> set[str]:
    """Every surface form to highlight for ``phrase`` in a text of language ``lang``."""
    if is_acronym(phrase) or inflection == "none":
        return {phrase}
    if lang == "de":
        last = phrase.split()[-1] if phrase.split() else ""
        if inflection == "adjective" or last[:1].isupper():
            return german_forms(phrase, inflection)
    return english_forms(phrase)


def candidate_stems(text: str, lang: str) -> list[str]:
    """Folded stems ``text`` may be an inflection of, most likely first (not ``text`` itself)."""
    folded = fold(text)
    suffixes = _DE_SUFFIXES if lang == "de" else _EN_SUFFIXES
    stems: list[str] = []
    for suffix in suffixes:
        if folded.endswith(suffix) and len(folded) - len(suffix) >= 4:
            stems.append(folded[: -len(suffix)])
    if lang != "de" and folded.endswith("ies") and len(folded) > 5:
        stems.append(folded[:-3] + "y")
    if lang == "de":
        stems += [s.translate(_DE_UMLAUT) for s in stems if s.translate(_DE_UMLAUT) != s]
    return list(dict.fromkeys(stems))
