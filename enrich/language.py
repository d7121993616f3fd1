"""Guess an article's language, biased towards the languages Kontext supports.

Kontext is mostly used on German and English news, and short or name-heavy
texts often fool a classifier over ~100 languages (a list of German place names
can come out as Esperanto). So a non-German, non-English verdict is only
trusted when it is confident; otherwise the text is re-decided between de and en.
"""

from __future__ import annotations

import copy
import re
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from py3langid.langid import LanguageIdentifier

SUPPORTED_DEFAULT: tuple[str, ...] = ("de", "en")

# The code returned when a text has no letters at all; the caller decides.
UNDETERMINED = "und"

# Characters classified per call: the start of an article is plenty, and the
# classifier's cost grows with the text.
SAMPLE_CHARS = 5_000

# Below this probability, a verdict other than de/en is re-decided between them.
OTHER_LANGUAGE_MIN_PROBABILITY = 0.9

_LETTER_RE = re.compile(r"[^\W\d_]")

# Frequent function words that the other language almost never uses. Counting
# them decides most German or English articles at once, without loading the
# classifier (half a second, on the way to the reader's first paint).
_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "de": frozenset(
        "der die das und ist nicht ein eine einen dem den des sich auch mit für auf "
        "wird wurde sind dass werden bei nach von zu aus wie oder aber noch nur".split()
    ),
    "en": frozenset(
        "the and is are was were of to that this with for from have has not but "
        "which their they will would been be by at its".split()
    ),
}
_WORD_RE = re.compile(r"[^\W\d_]+")
# Both thresholds must hold: enough evidence, and one language far ahead.
_QUICK_MIN_HITS = 12
_QUICK_MIN_RATIO = 5.0
_QUICK_MIN_DISTINCT = 6


def _quick_de_en(sample: str) -> str | None:
    """ "de" or "en" when function words leave no doubt, else None (ask the classifier).

    Several *different* function words must occur: Dutch shares "die", French
    "des", Danish "der"/"den", but none of them shares a handful at once.
    """
    found: dict[str, set[str]] = {lang: set() for lang in _FUNCTION_WORDS}
    hits = dict.fromkeys(_FUNCTION_WORDS, 0)
    for word in _WORD_RE.findall(sample.lower()):
        for lang, words in _FUNCTION_WORDS.items():
            if word in words:
                hits[lang] += 1
                found[lang].add(word)
    (best, top), (_, second) = sorted(hits.items(), key=lambda kv: -kv[1])
    decisive = top >= _QUICK_MIN_HITS and top >= _QUICK_MIN_RATIO * max(second, 1)
    return best if decisive and len(found[best]) >= _QUICK_MIN_DISTINCT else None


@cache
def _full_identifier() -> LanguageIdentifier:
    """Load the model once (about half a second), on first use only."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


@cache
def _de_en_identifier() -> LanguageIdentifier:
    """A second identifier restricted to de/en, sharing the loaded model arrays.

    ``set_languages`` rebinds attributes rather than mutating the arrays, so a
    shallow copy is safe and avoids loading the model twice; the full
    identifier is never restricted, so both can be used from any thread.
    """
    restricted = copy.copy(_full_identifier())
    restricted.set_languages(list(SUPPORTED_DEFAULT))
    return restricted


def detect_language(text: str) -> tuple[str, float]:
    """Return an ISO 639-1 code and its probability for ``text``.

    Only a sample from the first letter on is classified, for speed. Clear
    German or English (by function words) skips the classifier. A text
    without any letter gives ``("und", 0.0)``. After a de/en re-decision the
    probability is the one between those two only, so it reads higher than
    the full classifier's.
    """
    first_letter = _LETTER_RE.search(text)
    if first_letter is None:
        return UNDETERMINED, 0.0
    sample = text[first_letter.start() : first_letter.start() + SAMPLE_CHARS]
    quick = _quick_de_en(sample)
    if quick is not None:
        return quick, 0.99
    code, probability = _full_identifier().classify(sample)
    if code in SUPPORTED_DEFAULT or probability >= OTHER_LANGUAGE_MIN_PROBABILITY:
        return str(code), float(probability)
    code, probability = _de_en_identifier().classify(sample)
    return str(code), float(probability)
