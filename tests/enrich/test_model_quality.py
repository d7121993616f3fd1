"""The shipped models' scores, reproduced from the shared corpora (skipped without them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from enrich import annotate, load_article
from enrich.model import Label
from enrich.nlp.evaluate import evaluate_file, score
from tests.helpers import entity_of, make_article
from training.train import english_heldout

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "data"
SEED = ROOT.parent / "shared" / "seed" / "article-de.txt"
RECORDED = json.loads((ROOT / "docs" / "model-scores.json").read_text())

needs_data = pytest.mark.skipif(not DATA.is_dir(), reason="../shared/data is not present")


@needs_data
def test_german_dev_score_matches_the_model_card() -> None:
    scores = evaluate_file(DATA / "germeval2014" / "NER-de-dev.tsv").to_json()
    assert scores["recognizer"].startswith("kontext-de ")
    assert scores["micro"]["f1"] == pytest.approx(RECORDED["de"]["micro"]["f1"], abs=0.005)


@needs_data
def test_english_heldout_score_matches_the_model_card() -> None:
    # The shipped pipeline reproduces the recorded score (0.763), which meets issue 14's
    # target of 0.72 (the model before it: 0.688).
    scores = score(english_heldout(DATA), lang="en").to_json()
    assert scores["recognizer"].startswith("kontext-en ")
    assert scores["micro"]["f1"] == pytest.approx(RECORDED["en"]["micro"]["f1"], abs=0.005)
    assert scores["micro"]["f1"] >= 0.72


@pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")
@pytest.mark.parametrize(
    ("surface", "label"),
    [
        ("Kim Jong Un", Label.PER),
        ("Pjöngjang", Label.LOC),
        ("Oblast Kursk", Label.LOC),
        ("Lee Sung-kwon", Label.PER),
        ("Wolodymyr Selenskyj", Label.PER),
        ("JCS", Label.ORG),
        ("Nordkoreas", Label.LOC),
        ("Russlands", Label.LOC),
        ("Ukraine", Label.LOC),
        ("Südkoreas", Label.LOC),
        ("Yonhap", Label.ORG),  # the CRF misses it; the news-source rule finds it
    ],
)
def test_seed_people_organisations_and_places_with_the_shipped_model(
    surface: str, label: Label
) -> None:
    annotation = _seed_annotation()
    assert annotation.recognizer.startswith("kontext-de ")
    assert entity_of(annotation, surface).label == label


_CACHE: dict[str, object] = {}


def _seed_annotation():  # type: ignore[no-untyped-def]
    if "seed" not in _CACHE:
        _CACHE["seed"] = annotate(load_article(str(SEED)))
    return _CACHE["seed"]


# Validation micro-F1 (whole pipeline) of the seeded 1,500-sentence retrain below;
# training is deterministic. 0.7059 with the fourth version's rules, 0.7239 with the
# fifth's (docs/model-card.md): the rules fix more of a small model's errors;
# 0.7236 with the fifth version's rules and BILOU tags with compound parts; 0.7333 with
# the sixth version's averaged CRFs (the subset's own model and its two halves' models);
# 0.7079 with the seventh version's ensemble, whose members without the word clusters
# are weak on 1,500 sentences (the clusters matter most for a small model; with all
# 27,645 sentences the ensemble gains, docs/model-card.md, seventh version).
SUBSET_SENTENCES = 1500
SUBSET_VALID_F1 = 0.7079


@needs_data
def test_retraining_german_on_a_seeded_subset_runs_end_to_end(tmp_path: Path) -> None:
    """The documented training command, on a small seeded subset (the full run
    takes many minutes): same data and feature lexicons as the shipped model, the
    recorded score, and a pipeline that loads and finds a person."""
    from training.train import train

    shipped = json.loads((ROOT / "enrich/nlp/models/de/TRAINING.json").read_text())
    record = train(DATA, "de", tmp_path / "de", limit=SUBSET_SENTENCES)
    assert record["data"] == shipped["data"]  # same corpus, byte for byte
    assert record["lexicons"] == shipped["lexicons"]  # same feature tables
    f1 = record["valid_pipeline_micro"]["f1"]  # type: ignore[index]
    assert f1 == pytest.approx(SUBSET_VALID_F1, abs=0.01)
    text = "Die Ministerin Katrin Holzapfel besuchte am Montag Hamburg."
    annotation = annotate(make_article(text, "de"), model=str(tmp_path / "de"), glossary=())
    assert entity_of(annotation, "Katrin Holzapfel").label == Label.PER
