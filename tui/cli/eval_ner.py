"""``kontext eval-ner``: score the whole recognizer on GermEval-format data."""

from __future__ import annotations

import argparse
import json
import sys
from typing import TypedDict, cast

from rich.console import Console
from rich.table import Table

from enrich.errors import SourceError
from enrich.nlp.evaluate import evaluate_file


class _ScoresJSON(TypedDict):
    """The shape ``Scores.to_json()`` builds; p, r, f1 and support per label and overall."""

    micro: dict[str, float]
    per_label: dict[str, dict[str, float]]
    sentences: int
    recognizer: str


def cmd_eval_ner(args: argparse.Namespace) -> int:
    if not args.file.is_file():
        raise SourceError(f"cannot read '{args.file}': no such file")
    try:
        # Scores (enrich/nlp, being moved to training code) returns dict[str, object];
        # the cast states the shape it builds until it declares one itself.
        found = evaluate_file(args.file, lang=args.lang, model=args.model)
        scores = cast(_ScoresJSON, found.to_json())
    except (UnicodeDecodeError, IndexError, ValueError) as exc:
        raise SourceError(f"'{args.file}' is not GermEval TSV data ({type(exc).__name__})") from exc
    if args.json:
        json.dump(scores, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    table = Table(
        title=f"{args.file.name} · {scores['recognizer']} · {scores['sentences']} sentences"
    )
    for col in ("label", "P", "R", "F1", "support"):
        table.add_column(col, justify="right" if col != "label" else "left")
    for label, row in scores["per_label"].items():
        table.add_row(
            label, f"{row['p']:.3f}", f"{row['r']:.3f}", f"{row['f1']:.3f}", str(row["support"])
        )
    micro = scores["micro"]
    table.add_row(
        "micro", f"{micro['p']:.3f}", f"{micro['r']:.3f}", f"{micro['f1']:.3f}", "", style="bold"
    )
    Console().print(table)
    return 0
