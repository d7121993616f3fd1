"""Distributional word clusters for the CRF, read from the shipped table.

Words that occur in similar contexts (first names, towns, newspapers,
months) share a cluster, so the CRF generalises from names it saw to ones it
did not. ``training.word_clusters`` builds the table
(``lexicons/clusters-<lang>.tsv``) from openly licensed text; run time only
reads it.
"""

from __future__ import annotations

import functools
from pathlib import Path

CLUSTER_DIR = Path(__file__).parent / "lexicons"
# One cluster id per granularity (coarse to fine), in the table's column order.
GRANULARITIES = (50, 200, 800)


@functools.cache
def load(lang: str) -> dict[str, tuple[str, ...]]:
    """word → cluster ids as strings, one per granularity; empty without a table."""
    path = CLUSTER_DIR / f"clusters-{lang}.tsv"
    if not path.is_file():
        return {}
    table: dict[str, tuple[str, ...]] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("# "):
                continue
            word, *ids = line.rstrip("\n").split("\t")
            table[word] = tuple(ids)
    return table
