"""German words that are not names on their own, read from the shipped list.

German capitalises every noun, so a sentence-initial "Nacht" or "Woche"
looks like a name to a model. The list (``lexicons/common-nouns-de.txt``)
is learned from the annotated training data by ``training.common_nouns``,
which says how; run time only reads it.
"""

from __future__ import annotations

import functools
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"
FILE = "common-nouns-de.txt"


@functools.cache
def load() -> frozenset[str]:
    path = LEXICON_DIR / FILE
    if not path.is_file():
        return frozenset()
    with open(path, encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))
