"""Measure a feature or recipe choice on the held-out part of the training data.

    python -m training.design --lang de --train 8000 --copies 1 [--no-brown]
        [--scheme BILOU] [--compound] [--iterations 300] [--c1 0.05] [--c2 0.01]
        [--possible-states] [--keep model.crfsuite]

Trains a CRF on a seeded subset of the training split and scores the model
alone (exact spans, micro-F1) on the validation split that
``training.train`` holds out, never on GermEval dev. The model card's
ablation table comes from these runs.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from enrich.nlp import brown_clusters, crf_features
from enrich.nlp.conll import Sentence
from training.train import SEED, load_splits, loss_change, train_crf_file


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0}


def model_only_f1(
    model_file: Path, sentences: list[Sentence], lang: str, scheme: str = "BIO"
) -> dict[str, float]:
    """Micro P/R/F1 of the CRF alone; predictions on deriv/part spans are not counted."""
    return model_only_scores(model_file, sentences, lang, scheme)["micro"]


def model_only_scores(
    model_file: Path, sentences: list[Sentence], lang: str, scheme: str = "BIO"
) -> dict[str, dict[str, float]]:
    """Micro and per-label P/R/F1 of the CRF alone (deriv/part predictions not counted)."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    counts: dict[str, list[int]] = {}
    for s in sentences:
        tags = tagger.tag(crf_features.sentence_features(s.tokens, lang))
        pred = set(crf_features.spans_from_tags(tags, scheme))
        gold = set(s.spans)
        ignored = set(s.ignored)
        for span in pred & gold:
            counts.setdefault(span[2], [0, 0, 0])[0] += 1
        for span in pred - gold:
            if (span[0], span[1]) not in ignored:
                counts.setdefault(span[2], [0, 0, 0])[1] += 1
        for span in gold - pred:
            counts.setdefault(span[2], [0, 0, 0])[2] += 1
    total = [sum(c[k] for c in counts.values()) for k in range(3)]
    out = {"micro": _prf(*total)}
    out |= {label: _prf(*counts[label]) for label in sorted(counts)}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.design", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--lang", default="de", choices=["de", "en"])
    parser.add_argument("--train", type=int, default=8000, help="training sentences (seeded)")
    parser.add_argument("--valid", type=int, default=0, help="validation sentences (0: all)")
    parser.add_argument("--copies", type=int, default=1, help="mention-replacement copies")
    parser.add_argument("--no-brown", action="store_true", help="without the Brown clusters")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--compound", action="store_true", help="with hyphenated-compound features")
    parser.add_argument("--keep", type=Path, help="copy the trained CRFsuite model here")
    parser.add_argument("--scheme", default="BIO", choices=crf_features.SCHEMES)
    parser.add_argument("--iterations", type=int, help="L-BFGS iterations (default 200)")
    parser.add_argument("--c1", type=float, help="L1 weight (default 0.05)")
    parser.add_argument("--c2", type=float, help="L2 weight (default 0.01)")
    parser.add_argument(
        "--possible-states", action="store_true", help="CRFsuite feature.possible_states"
    )
    args = parser.parse_args(argv)
    if args.compound:
        crf_features.COMPOUND_LANGS = frozenset({args.lang})
    params: dict[str, float | int | bool] = {}
    if args.iterations:
        params["max_iterations"] = args.iterations
    if args.c1 is not None:
        params["c1"] = args.c1
    if args.c2 is not None:
        params["c2"] = args.c2
    if args.possible_states:
        params["feature.possible_states"] = True
    if args.no_brown:
        brown_clusters.load.cache_clear()
        brown_clusters.LEXICON_DIR = Path("/nonexistent")
    splits = load_splits(args.data, args.lang, [], args.seed)
    train = random.Random(args.seed).sample(splits.train, min(args.train, len(splits.train)))
    valid = splits.valid[: args.valid] if args.valid else splits.valid
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="kontext-design-") as tmp:
        model_file = Path(tmp) / "model.crfsuite"
        log = train_crf_file(
            train, args.lang, model_file, args.seed, args.copies, scheme=args.scheme, params=params
        )
        scores = model_only_scores(model_file, valid, args.lang, args.scheme)
        if args.keep:
            shutil.copyfile(model_file, args.keep)
    record = {
        "lang": args.lang,
        "train": len(train),
        "valid": len(valid),
        "copies": args.copies,
        "brown": not args.no_brown,
        "scheme": args.scheme,
        "compound": args.lang in crf_features.COMPOUND_LANGS,
        "params": params,
        "iterations": len(log),
        "loss_change_last_10": loss_change(log),
        "micro": scores.pop("micro"),
        "labels": scores,
        "seconds": round(time.time() - started),
    }
    print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
