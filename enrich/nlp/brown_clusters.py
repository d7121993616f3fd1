"""Brown clusters for the CRF, read from the small shipped table.

A Brown cluster is a path in a binary tree: words that share a long prefix
of the path occur in similar contexts (surnames, cities, companies). The
CRF reads prefixes of several lengths, so it can generalise from a name it
saw to one it never saw. ``training.brown_clusters`` derives the table
(``lexicons/brown-<lang>.tsv.gz``, ``word<TAB>cluster``) from
spacy-lookups-data (MIT); that package is never imported at run time.

Each path is stored reversed, as an integer, so the first ``k`` steps of
the path are the integer's lowest ``k`` bits.
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path

LEXICON_DIR = Path(__file__).parent / "lexicons"
PREFIXES = (4, 6, 10, 16)


def table_path(lang: str) -> Path:
    return LEXICON_DIR / f"brown-{lang}.tsv.gz"


@functools.cache
def load(lang: str) -> dict[str, int]:
    """word → cluster path (reversed, as an int); empty without a table."""
    path = table_path(lang)
    if not path.is_file():
        return {}
    table: dict[str, int] = {}
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# "):
                continue
            word, _, cluster = line.rstrip("\n").partition("\t")
            table[word] = int(cluster)
    return table


@functools.lru_cache(maxsize=200_000)
def prefixes(word: str, lang: str) -> tuple[str, ...]:
    """The word's cluster path prefixes as strings, e.g. ("4:8", "6:40", ...); () if unknown.

    A word missing in its own case is looked up lowercased and capitalised
    (a sentence-initial "Jede" or an all-caps headline word).
    """
    table = load(lang)
    cluster = table.get(word)
    if cluster is None:
        for variant in (word.lower(), word.capitalize()):
            cluster = table.get(variant)
            if cluster is not None:
                break
    if cluster is None:
        return ()
    return tuple(f"{k}:{cluster & ((1 << k) - 1)}" for k in PREFIXES)
