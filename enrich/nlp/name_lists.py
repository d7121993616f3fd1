"""First-name and surname lists for the CRF, read from the shipped files.

The lists (``lexicons/first_names.txt``, ``last_names.txt``) are derived
from Faker's person providers (MIT license, notice in each file's header)
by ``training.name_lists``; Kontext does not need Faker at run time.
"""

from __future__ import annotations

import functools
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"
FIRST_FILE = "first_names.txt"
LAST_FILE = "last_names.txt"


@functools.cache
def load(name: str) -> frozenset[str]:
    """The names of one shipped list (empty if the file is missing)."""
    path = LEXICON_DIR / name
    if not path.is_file():
        return frozenset()
    with open(path, encoding="utf-8") as fh:
        return frozenset(line.strip() for line in fh if line.strip() and line[0] != "#")
