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

    Only a sample from the first letter on is classified, for speed. A text
    without any letter gives ``("und", 0.0)``. After a de/en re-decision the
    probability is the one between those two only, so it reads higher than
    the full classifier's.
    """
    first_letter = _LETTER_RE.search(text)
    if first_letter is None:
        return UNDETERMINED, 0.0
    sample = text[first_letter.start() : first_letter.start() + SAMPLE_CHARS]
    code, probability = _full_identifier().classify(sample)
    if code in SUPPORTED_DEFAULT or probability >= OTHER_LANGUAGE_MIN_PROBABILITY:
        return str(code), float(probability)
    code, probability = _de_en_identifier().classify(sample)
    return str(code), float(probability)
