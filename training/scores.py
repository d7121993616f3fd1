"""Score the shipped models on their held-out data and record it for the model card.

    python -m training.scores --data ../shared/data --out docs/model-scores.json

German: GermEval 2014 ``NER-de-dev.tsv`` (never used for training or
choices). English: the seeded 20% of wikigold that training never sees.
``tests/enrich/test_model_quality.py`` checks that the shipped pipeline
still reproduces the recorded numbers.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from enrich.nlp.evaluate import evaluate_file, score
from training.train import english_heldout


def held_out_scores(data: Path) -> dict[str, dict[str, object]]:
    """{"de": {...}, "en": {...}} with micro and per-label P/R/F1 of the whole pipeline."""
    de = evaluate_file(data / "germeval2014" / "NER-de-dev.tsv").to_json()
    en = score(english_heldout(data), lang="en").to_json()
    return {
        "de": {
            "data": "germeval2014/NER-de-dev.tsv (held out)",
            "micro": de["micro"],
            "per_label": de["per_label"],
        },
        "en": {
            "data": "english/wikigold: seeded 20% held out (training.train.english_heldout)",
            "micro": en["micro"],
            "per_label": en["per_label"],
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.scores", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("docs/model-scores.json"))
    args = parser.parse_args(argv)
    scores = held_out_scores(args.data)
    args.out.write_text(json.dumps(scores, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({lang: s["micro"] for lang, s in scores.items()}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
