"""Build ``enrich/nlp/lexicons/place-clusters-de.txt``: the Brown clusters of place names.

    python -m training.place_clusters --data ../shared/data

A one-word gazetteer city that the model did not tag is often a common
German noun ("Gold", "Siegen", "Hang", "Favoriten"). The Brown clusters
tell the two apart: for each cluster (the first ``STEPS`` steps of a word's
path), the share of its capitalised, not sentence-initial tokens in the
GermEval training split (train + test minus the seeded held-out 5%, as
``training.train`` splits it) that are inside a gold LOC name. The clusters
where that share is at least ``MIN_SHARE`` (seen at least ``MIN_TOKENS``
times) are written out. Needs a source checkout and the ``train`` extra;
the run time only reads the list.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from enrich.nlp import brown_clusters  # noqa: E402
from enrich.nlp.place_clusters import FILE, STEPS  # noqa: E402
from training.train import SEED, load_splits  # noqa: E402

MIN_SHARE = 0.2
MIN_TOKENS = 30


def cluster_shares(data: Path) -> dict[int, tuple[int, int]]:
    """cluster → (LOC tokens, all tokens) over the capitalised mid-sentence words."""
    table = brown_clusters.load("de")
    mask = (1 << STEPS) - 1
    total: Counter[int] = Counter()
    places: Counter[int] = Counter()
    for sentence in load_splits(data, "de", [], SEED).train:
        labels: dict[int, str] = {}
        for start, end, label in sentence.spans:
            for k in range(start, end):
                labels[k] = label
        for i, word in enumerate(sentence.tokens):
            cluster = table.get(word)
            if i == 0 or not word[:1].isupper() or cluster is None:
                continue
            total[cluster & mask] += 1
            places[cluster & mask] += labels.get(i) == "LOC"
    return {c: (places[c], n) for c, n in total.items()}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args(argv)
    shares = cluster_shares(args.data)
    kept = sorted(
        (c for c, (loc, n) in shares.items() if n >= MIN_TOKENS and loc / n >= MIN_SHARE),
        key=lambda c: -shares[c][0] / shares[c][1],
    )
    lines = [
        f"# Brown clusters (first {STEPS} steps of the path) whose capitalised mid-sentence",
        f"# tokens are place names (LOC) at least {MIN_SHARE:.0%} of the time, seen at least",
        f"# {MIN_TOKENS} times, in GermEval 2014 train + test (Benikova, Biemann, Reznicek 2014;",
        "# CC BY 4.0) minus the seeded held-out 5%. Clusters: spacy-lookups-data",
        "# (MIT, Copyright (C) 2019 ExplosionAI GmbH). Rebuild: python -m training.place_clusters",
        "# cluster<TAB>LOC share<TAB>tokens",
        *(f"{c}\t{shares[c][0] / shares[c][1]:.2f}\t{shares[c][1]}" for c in kept),
    ]
    out = brown_clusters.LEXICON_DIR / FILE
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{out}: {len(kept)} clusters")
    return 0


if __name__ == "__main__":
    sys.exit(main())
