"""The German model is the average of CRFs trained on all sentences, on each half,
and without a group of features."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pycrfsuite
import pytest

from enrich import annotate
from enrich.model import Label
from enrich.nlp.conll import Sentence
from enrich.nlp.crf_features import (
    FEATURE_GROUPS,
    bilou_tags,
    sentence_features,
    without_groups,
)
from enrich.nlp.crf_tagger import ATTRIBUTES_FILE, WEIGHTS_FILE, VectorTagger, export
from enrich.nlp.pipeline import _bundled_model_dir
from tests.helpers import entity_of, make_article
from training import bagging
from training.train import ENSEMBLE, train_crf_file

# Sentences we wrote, with their names as (start, end, label) token spans.
_FIRST = [
    ("Ministerin Klara Vogt besuchte gestern Rostock .", [(1, 3, "PER"), (5, 6, "LOC")]),
    ("Klara Vogt lobte den Verein Hansa Nord .", [(0, 2, "PER"), (5, 7, "ORG")]),
]
_SECOND = [
    ("Der Verein Eintracht Süd spielte in Lübeck .", [(2, 4, "ORG"), (6, 7, "LOC")]),
    ("In Lübeck sprach Jonas Reiter mit Anwohnern .", [(1, 2, "LOC"), (3, 5, "PER")]),
]


def _train(sentences: list[tuple[str, list[tuple[int, int, str]]]], out: Path) -> Path:
    trainer = pycrfsuite.Trainer(verbose=False)
    for text, spans in sentences:
        words = text.split()
        trainer.append(sentence_features(words, "de"), bilou_tags(len(words), spans))
    trainer.set_params({"c1": 0.0, "c2": 0.01, "max_iterations": 30})
    out.mkdir(parents=True)
    trainer.train(str(out / "model.crfsuite"))
    export(out / "model.crfsuite", out)
    return out


def _weights(directory: Path) -> dict[str, np.ndarray]:
    names = json.loads((directory / ATTRIBUTES_FILE).read_text(encoding="utf-8"))
    with np.load(directory / WEIGHTS_FILE) as weights:
        state = weights["state"]
    order = np.argsort(names["labels"])
    return {a: state[i][order] for i, a in enumerate(names["attributes"])}


def test_parts_are_disjoint_cover_everything_and_follow_the_seed() -> None:
    items = list(range(101))
    parts = bagging.partition(items, 2, seed=13)
    assert sorted(parts[0] + parts[1]) == items
    assert abs(len(parts[0]) - len(parts[1])) <= 1
    assert bagging.partition(items, 2, seed=13) == parts
    assert bagging.partition(items, 2, seed=14) != parts
    assert [len(p) for p in bagging.partition(items, 3, seed=13)] == [33, 34, 34]


def test_the_average_weighs_each_model_by_its_share_over_the_union_of_features(
    tmp_path: Path,
) -> None:
    first = _train(_FIRST, tmp_path / "first")
    second = _train(_SECOND, tmp_path / "second")
    bagging.average([first, second], [0.75, 0.25], tmp_path / "average")
    a, b, mean = _weights(first), _weights(second), _weights(tmp_path / "average")
    assert set(mean) == set(a) | set(b)
    both = next(f for f in sorted(set(a) & set(b)) if np.any(a[f] - b[f]))
    assert np.allclose(mean[both], 0.75 * a[both] + 0.25 * b[both])
    only_first = next(f for f in sorted(set(a) - set(b)) if np.any(a[f]))
    assert np.allclose(mean[only_first], 0.75 * a[only_first])
    with pytest.raises(ValueError):
        bagging.average([first, second], [0.5, 0.6], tmp_path / "bad")


def test_a_model_averaged_with_itself_tags_as_it_did(tmp_path: Path) -> None:
    model = _train(_FIRST + _SECOND, tmp_path / "model")
    bagging.average([model, model], [0.75, 0.25], tmp_path / "self")
    sentences = [text.split() for text, _ in _FIRST + _SECOND]
    expected = VectorTagger(model, "de").tag_many(sentences)
    assert VectorTagger(tmp_path / "self", "de").tag_many(sentences) == expected
    assert any(tag != "O" for tags in expected for tag in tags)


def test_the_shipped_german_model_is_the_bagged_average_and_finds_names() -> None:
    model = _bundled_model_dir("de")
    assert model is not None
    record = json.loads((model / "TRAINING.json").read_text(encoding="utf-8"))
    assert record["ensemble"] == [member.to_json() for member in ENSEMBLE["de"]]
    assert sum(member.share for member in ENSEMBLE["de"]) == pytest.approx(1.0)
    # Trained on the held-out 5% too, after every choice was made on it.
    assert record["valid_in_training"] is True
    assert record["train_sentences"] == 27_645 + record["valid_sentences"]
    assert not (model / "kontext_crf_ner" / "model.crfsuite").exists()  # weights only
    text = "Die Ministerin Katrin Holzapfel besuchte am Montag Hamburg."
    annotation = annotate(make_article(text, "de"), glossary=())
    assert entity_of(annotation, "Katrin Holzapfel").label == Label.PER
    assert entity_of(annotation, "Hamburg").label == Label.LOC


def test_every_feature_group_names_features_the_tagger_computes() -> None:
    """A renamed feature must not leave a group silently empty: each prefix of
    each group matches a feature of a sentence we wrote."""
    words = "Der Stadt-Verein Hansa Nord aus Rostock schlug Eintracht Süd .".split()
    features = {f for token in sentence_features(words, "de") for f in token}
    for group, prefixes in FEATURE_GROUPS.items():
        for prefix in prefixes:
            assert any(f.startswith(prefix) for f in features), (group, prefix)
        kept = {
            f for token in without_groups(sentence_features(words, "de"), (group,)) for f in token
        }
        assert kept and not any(f.startswith(prefixes) for f in kept)
        assert kept < features


def test_a_member_trained_without_clusters_has_no_weight_for_them(tmp_path: Path) -> None:
    sentences = [
        Sentence(text.split(), [True] * len(text.split()), spans)
        for text, spans in _FIRST + _SECOND
    ]
    out = tmp_path / "member"
    out.mkdir()
    train_crf_file(
        sentences, "de", out / "model.crfsuite", 13, 0, scheme="BILOU", without=("clusters",)
    )
    export(out / "model.crfsuite", out)
    attributes = json.loads((out / ATTRIBUTES_FILE).read_text(encoding="utf-8"))["attributes"]
    assert attributes and not any(a.startswith(FEATURE_GROUPS["clusters"]) for a in attributes)
    assert any(a.startswith("w=") for a in attributes)
