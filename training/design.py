"""Measure a feature or recipe choice on the held-out part of the training data.

    python -m training.design --lang de --train 8000 --copies 1 [--no-brown]

Trains a CRF on a seeded subset of the training split and scores the model
alone (exact spans, micro-F1) on the validation split that
``training.train`` holds out, never on GermEval dev. The model card's
ablation table comes from these runs.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

from enrich.nlp import brown_clusters, crf_features
from enrich.nlp.conll import Sentence
from training.train import SEED, load_splits, train_crf_file


def model_only_f1(model_file: Path, sentences: list[Sentence], lang: str) -> dict[str, float]:
    """Micro P/R/F1 of the CRF alone; predictions on deriv/part spans are not counted."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    tp = fp = fn = 0
    for s in sentences:
        tags = tagger.tag(crf_features.sentence_features(s.tokens, lang))
        pred = set(crf_features.spans_from_tags(tags))
        gold = set(s.spans)
        ignored = set(s.ignored)
        tp += len(pred & gold)
        fp += len({p for p in pred - gold if (p[0], p[1]) not in ignored})
        fn += len(gold - pred)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"p": round(p, 4), "r": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.design", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--lang", default="de", choices=["de", "en"])
    parser.add_argument("--train", type=int, default=8000, help="training sentences (seeded)")
    parser.add_argument("--valid", type=int, default=0, help="validation sentences (0: all)")
    parser.add_argument("--copies", type=int, default=1, help="mention-replacement copies")
    parser.add_argument("--no-brown", action="store_true", help="without the Brown clusters")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.no_brown:
        brown_clusters.load.cache_clear()
        brown_clusters.LEXICON_DIR = Path("/nonexistent")
    splits = load_splits(args.data, args.lang, [], args.seed)
    train = random.Random(args.seed).sample(splits.train, min(args.train, len(splits.train)))
    valid = splits.valid[: args.valid] if args.valid else splits.valid
    started = time.time()
    with tempfile.TemporaryDirectory(prefix="kontext-design-") as tmp:
        model_file = Path(tmp) / "model.crfsuite"
        train_crf_file(train, args.lang, model_file, args.seed, args.copies)
        scores = model_only_f1(model_file, valid, args.lang)
    record = {
        "lang": args.lang,
        "train": len(train),
        "valid": len(valid),
        "copies": args.copies,
        "brown": not args.no_brown,
        "micro": scores,
        "seconds": round(time.time() - started),
    }
    print(json.dumps(record))
    return 0


if __name__ == "__main__":
    sys.exit(main())
