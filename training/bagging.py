"""Average the weights of CRFs trained on parts of the data or of the features.

A linear-chain CRF scores a tag sequence with a sum of weights, so the
average of several CRFs' weights is again one CRF, tagged as fast as any
single model. German trains one model on all its sentences, one on each
half of a seeded split (bagging), and one each without the word clusters and
without the word's spelling (feature bagging), and ships their weighted
average (``training.train.ENSEMBLE``): on 13,822 training sentences none of
them saw, the average scored 1.1 points above the model alone, the halves
0.4 of it (docs/model-card.md, sixth and seventh versions). It costs
training time, and tagging nothing.

The average lives only in the exported ``weights.npz`` and
``attributes.json`` that ``enrich.nlp.crf_tagger`` reads; there is no
CRFsuite file for it.
"""

from __future__ import annotations

import json
import random
from collections.abc import Sequence
from pathlib import Path
from typing import TypeVar

import numpy as np

from enrich.nlp.crf_tagger import ATTRIBUTES_FILE, WEIGHTS_FILE

T = TypeVar("T")


def partition(items: Sequence[T], parts: int, seed: int) -> list[list[T]]:
    """``parts`` disjoint, seeded parts of ``items``: consecutive runs of one
    seeded shuffle, each in that shuffled order (it decides the augmented copies)."""
    order = list(range(len(items)))
    random.Random(seed).shuffle(order)
    cuts = [len(order) * k // parts for k in range(parts + 1)]
    return [[items[i] for i in order[cuts[k] : cuts[k + 1]]] for k in range(parts)]


def average(model_dirs: Sequence[Path], shares: Sequence[float], out: Path) -> None:
    """Write the weighted average of the exported weights in ``model_dirs`` into ``out``.

    Attributes are the union of the models' (sorted, so the same models give
    the same table); a model without an attribute counts as weight 0 for it.
    All models must share one label set.
    """
    if len(shares) != len(model_dirs) or abs(sum(shares) - 1.0) > 1e-9:
        raise ValueError("bagging.average: one share per model, summing to 1")
    loaded = []
    for directory in model_dirs:
        names = json.loads((directory / ATTRIBUTES_FILE).read_text(encoding="utf-8"))
        with np.load(directory / WEIGHTS_FILE) as weights:
            loaded.append((names, weights["state"], weights["trans"]))
    labels: list[str] = loaded[0][0]["labels"]
    attributes = sorted(set().union(*(set(names["attributes"]) for names, _, _ in loaded)))
    row = {a: i for i, a in enumerate(attributes)}
    state = np.zeros((len(attributes) + 1, len(labels)))  # last row: unknown attribute
    trans = np.zeros((len(labels), len(labels)))
    for (names, model_state, model_trans), share in zip(loaded, shares, strict=True):
        if sorted(names["labels"]) != sorted(labels):
            raise ValueError("bagging.average: the models have different labels")
        columns = [names["labels"].index(label) for label in labels]
        rows = np.fromiter((row[a] for a in names["attributes"]), dtype=np.int64)
        state[rows] += share * model_state[:-1][:, columns]
        trans += share * model_trans[np.ix_(columns, columns)]
    out.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(out / WEIGHTS_FILE, state=state, trans=trans)
    names_out = {"labels": labels, "attributes": attributes}
    (out / ATTRIBUTES_FILE).write_text(json.dumps(names_out), encoding="utf-8")
