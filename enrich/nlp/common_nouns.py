"""German words that are not names on their own, read from the shipped list.

German capitalises every noun, so a sentence-initial "Nacht" or "Woche"
looks like a name to a model. The list (``lexicons/common-nouns-de.txt``)
is learned from the annotated training data by ``training.common_nouns``,
which says how; run time only reads it. ``non_names()`` is its wider
sibling for the rules that see no context.
"""

from __future__ import annotations

import functools
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"
FILE = "common-nouns-de.txt"
# The same test without exempting first/last names and acronyms: words that a
# rule without context (gazetteer, acronyms, first-name extension) must not
# make a name on its own.
NON_NAMES_FILE = "non-names-de.txt"
# Nouns that end many names but mostly mean the thing ("Bank" of "Deutsche Bank").
GENERIC_FILE = "generic-nouns-de.txt"


@functools.cache
def load(name: str = FILE) -> frozenset[str]:
    path = LEXICON_DIR / name
    if not path.is_file():
        return frozenset()
    with open(path, encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and not line.startswith("#"))


def non_names() -> frozenset[str]:
    """Capitalised or all-caps words that are rarely a name ("Gold", "Kaiser", "WM")."""
    return load(NON_NAMES_FILE)


def generic_nouns() -> frozenset[str]:
    """Words that end names but alone mostly mean the thing ("Bank", "Zeitung")."""
    return load(GENERIC_FILE)
