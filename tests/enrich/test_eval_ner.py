"""Corpus readers and `kontext eval-ner`, on fixtures we wrote and on GermEval when present."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from enrich.nlp.conll import read_conll, read_germeval
from enrich.nlp.evaluate import evaluate_file

DATA = Path(__file__).parent.parent / "data" / "conll"
GERMEVAL_DEV = Path(__file__).resolve().parents[3] / "shared/data/germeval2014/NER-de-dev.tsv"


def test_germeval_reader_maps_labels_and_sets_derivations_aside() -> None:
    first, second = read_germeval(DATA / "mini-germeval.tsv")
    assert first.text.startswith("Der Abgeordnete Anna Weber")
    assert first.spans == [(2, 4, "PER"), (8, 9, "LOC")]
    assert first.ignored == [(6, 7)]  # "polnische" is LOCderiv: related, not a name
    assert second.spans == [(1, 2, "ORG"), (6, 7, "MISC"), (10, 11, "LOC")]  # OTH → MISC


def test_iob1_reader_splits_adjacent_entities_at_b_tags() -> None:
    first, second = read_conll(DATA / "mini-iob1.conll")
    assert first.spans == [(1, 3, "ORG"), (5, 6, "LOC")]
    assert second.spans == [(0, 1, "LOC"), (1, 2, "LOC"), (3, 4, "LOC")]


def test_scores_count_exact_spans_and_ignore_derivations() -> None:
    scores = evaluate_file(DATA / "mini-germeval.tsv").to_json()
    per_label = scores["per_label"]
    # Rules find the titled person, the city and NATO; "Nordwind" and "Ostsee" they miss.
    assert per_label["PER"]["f1"] == 1.0
    assert per_label["ORG"]["f1"] == 1.0
    assert per_label["MISC"]["r"] == 0.0
    assert scores["micro"]["p"] == 1.0  # "polnische" is not counted as a false positive
    assert scores["sentences"] == 2


def test_cli_prints_the_documented_json(tmp_path: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "eval-ner", str(DATA / "mini-germeval.tsv"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert set(data["micro"]) == {"p", "r", "f1"}
    assert set(data["per_label"]) == {"PER", "LOC", "ORG", "MISC"}


def test_cli_rejects_a_missing_file() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "eval-ner", "no-such.tsv"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    assert out.stderr.strip() == "kontext: error: cannot read 'no-such.tsv': no such file"
