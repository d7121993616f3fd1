"""Distributional word clusters for the CRF, built from openly licensed German text.

    python -m training.word_clusters --data ../shared/data --lang de

A CRF trained on 5,000 sentences has seen most names once or never. Words
that occur in similar contexts (first names, towns, newspapers, months)
share a cluster, so the model can generalise from the ones it saw to the
ones it did not. Built from the *text* (never the labels) of GermEval 2014
``NER-de-test.tsv``, NewsEye and MobIE (all CC BY 4.0), never from the
held-out ``NER-de-dev.tsv``:

1. count, for every word seen at least twice, the lowercased words right
   before and after it (the most frequent ones; rarer ones by shape);
2. weight the counts by positive pointwise mutual information;
3. reduce to a few dimensions with a seeded randomized SVD (numpy only);
4. k-means the unit vectors at several granularities (coarse to fine).

Only the table (word → cluster ids) ships, in ``enrich/nlp/lexicons/``.
The build is deterministic: same corpora, same table.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from enrich.nlp.conll import read_conll, read_germeval, read_newseye
from enrich.nlp.word_clusters import CLUSTER_DIR, GRANULARITIES

if TYPE_CHECKING:
    import numpy as np
    from numpy.typing import NDArray

SEED = 13
MIN_COUNT = 2
CONTEXT_WORDS = 3000
DIMENSIONS = 100


def corpus_sentences(data: Path, lang: str) -> Iterator[list[str]]:
    """Token lists of the unlabeled text the clusters are built from."""
    if lang != "de":
        raise SystemExit(f"no cluster corpus for language '{lang}'")
    for s in read_germeval(data / "germeval2014" / "NER-de-test.tsv"):
        yield s.tokens
    for path in sorted((data / "newseye-de").glob("*.tsv")):
        for s in read_newseye(path):
            yield s.tokens
    for path in sorted((data / "mobie-de").glob("*.conll2003")):
        for s in read_conll(path, column=3, mapping={}):
            yield s.tokens


def _context_class(word: str) -> str:
    """Rare context words stand in by their kind, so they still say something."""
    if any(c.isdigit() for c in word):
        return "<num>"
    if word[:1].isupper():
        return "<Cap>"
    if word[:1].isalpha():
        return "<low>"
    return "<sym>"


def build(sentences: list[list[str]], seed: int = SEED) -> dict[str, tuple[int, ...]]:
    """word → one cluster id per granularity."""
    import numpy as np

    counts = Counter(t for s in sentences for t in s)
    words = sorted(w for w, c in counts.items() if c >= MIN_COUNT)
    row = {w: i for i, w in enumerate(words)}
    low_counts = Counter(t.lower() for s in sentences for t in s)
    frequent = sorted(low_counts, key=lambda w: (-low_counts[w], w))[:CONTEXT_WORDS]
    ctx_names = [*frequent, "<num>", "<Cap>", "<low>", "<sym>", "<s>", "</s>"]
    ctx = {w: i for i, w in enumerate(ctx_names)}
    n_ctx = len(ctx_names)

    def ctx_id(word: str) -> int:
        low = word.lower()
        return ctx[low] if low in ctx else ctx[_context_class(word)]

    rows: list[int] = []
    cols: list[int] = []
    for s in sentences:
        ids = [ctx["<s>"], *(ctx_id(t) for t in s), ctx["</s>"]]
        for i, t in enumerate(s):
            r = row.get(t)
            if r is None:
                continue
            rows += [r, r]
            cols += [ids[i], n_ctx + ids[i + 2]]  # left block, right block
    flat = np.asarray(rows, dtype=np.int64) * (2 * n_ctx) + np.asarray(cols, dtype=np.int64)
    m = np.bincount(flat, minlength=len(words) * 2 * n_ctx).astype(np.float64)
    m = m.reshape(len(words), 2 * n_ctx)
    # PPMI with context-distribution smoothing (alpha 0.75).
    total = m.sum()
    p_w = m.sum(axis=1, keepdims=True) / total
    p_c = m.sum(axis=0) ** 0.75
    p_c = (p_c / p_c.sum())[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        pmi = np.log((m / total) / (p_w * p_c))
    ppmi = np.where(m > 0, np.maximum(pmi, 0.0), 0.0).astype(np.float32)
    # Seeded randomized SVD.
    rng = np.random.default_rng(seed)
    g = rng.standard_normal((ppmi.shape[1], DIMENSIONS + 20)).astype(np.float32)
    q, _ = np.linalg.qr(ppmi @ g)
    for _ in range(3):
        q, _ = np.linalg.qr(ppmi @ (ppmi.T @ q))
    u_small, sigma, _ = np.linalg.svd(q.T @ ppmi, full_matrices=False)
    vectors = (q @ u_small[:, :DIMENSIONS]) * np.sqrt(sigma[:DIMENSIONS])[None, :]
    vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
    clusters = [_kmeans(vectors, k, seed) for k in GRANULARITIES]
    return {w: tuple(int(c[i]) for c in clusters) for i, w in enumerate(words)}


def _kmeans(x: object, k: int, seed: int, iterations: int = 25) -> NDArray[np.int_]:
    """Spherical k-means with seeded k-means++ starts; returns a cluster id per row."""
    import numpy as np

    x = np.asarray(x, dtype=np.float32)
    rng = np.random.default_rng(seed + k)
    centers = [x[rng.integers(len(x))]]
    best = 1.0 - x @ centers[0]
    for _ in range(1, k):
        probs = np.maximum(best, 0) ** 2
        pick = rng.choice(len(x), p=probs / probs.sum())
        centers.append(x[pick])
        best = np.minimum(best, 1.0 - x @ x[pick])
    c = np.stack(centers)
    assign = np.zeros(len(x), dtype=np.int64)
    for _ in range(iterations):
        assign = np.argmax(x @ c.T, axis=1)
        sums = np.zeros_like(c)
        np.add.at(sums, assign, x)
        norms = np.linalg.norm(sums, axis=1, keepdims=True)
        c = np.where(norms > 0, sums / np.maximum(norms, 1e-9), c)
    # Renumber by first appearance in word order, so ids do not depend on init order.
    order: dict[int, int] = {}
    return np.asarray([order.setdefault(int(a), len(order)) for a in assign])


def write_table(table: dict[str, tuple[int, ...]], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    lines = [f"{w}\t" + "\t".join(map(str, ids)) for w, ids in sorted(table.items())]
    header = "# word\t" + "\t".join(f"k{k}" for k in GRANULARITIES)
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.word_clusters", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--lang", default="de", choices=["de"])
    parser.add_argument("--out", type=Path, help="default: enrich/nlp/lexicons/clusters-<lang>.tsv")
    args = parser.parse_args(argv)
    table = build(list(corpus_sentences(args.data, args.lang)))
    out = args.out or CLUSTER_DIR / f"clusters-{args.lang}.tsv"
    write_table(table, out)
    print(f"{len(table)} words → {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
