"""Is a German word in a Brown cluster of place names? Read from the shipped list.

A gazetteer city that the model did not tag is, in German, often a common
noun that happens to be a town somewhere ("Gold", "Siegen", "Hang"). The
Brown clusters separate the two: the clusters listed in
``lexicons/place-clusters-de.txt`` hold words that the training data shows
as places (built by ``training.place_clusters``, which says how).
"""

from __future__ import annotations

import functools

from enrich.nlp import brown_clusters

FILE = "place-clusters-de.txt"
STEPS = 8  # the first steps of a word's cluster path that name its cluster here


@functools.cache
def _clusters() -> frozenset[int]:
    path = brown_clusters.LEXICON_DIR / FILE
    if not path.is_file():
        return frozenset()
    with open(path, encoding="utf-8") as fh:
        return frozenset(
            int(line.split("\t", 1)[0]) for line in fh if line.strip() and line[0] != "#"
        )


def in_place_cluster(word: str) -> bool:
    """False only if the word has a Brown cluster and it is not one of place names.

    A word the clusters do not know (a rare village) keeps the gazetteer's say.
    """
    clusters = _clusters()
    if not clusters:
        return True  # no list shipped: keep the gazetteer's word
    cluster = brown_clusters.load("de").get(word)
    return cluster is None or cluster & ((1 << STEPS) - 1) in clusters
