"""The CRF's tagging scheme: BILOU tags decode to the names a reader sees, even when
the model predicts an invalid sequence, and a model directory says its scheme."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import spacy

from enrich.nlp.components.crf_ner import CrfRecognizer
from enrich.nlp.crf_features import bilou_tags, bio_tags, spans_from_tags
from enrich.nlp.pipeline import _bundled_model_dir

SPANS = [(0, 2, "PER"), (3, 4, "LOC"), (5, 8, "ORG")]  # two, one and three words


def test_bilou_marks_last_and_single_words_and_reads_back_the_same_names() -> None:
    tags = bilou_tags(9, SPANS)
    assert tags == ["B-PER", "L-PER", "O", "U-LOC", "O", "B-ORG", "I-ORG", "L-ORG", "O"]
    assert spans_from_tags(tags, "BILOU") == SPANS
    assert spans_from_tags(bio_tags(9, SPANS), "BIO") == SPANS


@pytest.mark.parametrize(
    ("tags", "names"),
    [
        (["B-PER", "O"], [(0, 1, "PER")]),  # a name without its last word ends at O
        (["I-ORG", "L-ORG"], [(0, 2, "ORG")]),  # a name without its first word
        (["L-LOC", "O"], [(0, 1, "LOC")]),  # a stray last word
        (["B-PER", "I-PER"], [(0, 2, "PER")]),  # the sentence ends the name
        (["B-PER", "L-ORG"], [(0, 1, "PER"), (1, 2, "ORG")]),  # labels never merge
        (["B-PER", "U-PER", "L-PER"], [(0, 1, "PER"), (1, 2, "PER"), (2, 3, "PER")]),
        (["U-LOC", "I-LOC", "L-LOC"], [(0, 1, "LOC"), (1, 3, "LOC")]),
        (["O", "O"], []),
    ],
)
def test_invalid_bilou_sequences_still_give_sensible_names(
    tags: list[str], names: list[tuple[int, int, str]]
) -> None:
    assert spans_from_tags(tags, "BILOU") == names


def test_a_model_saved_before_bilou_loads_as_bio_and_the_scheme_is_read_from_its_config(
    tmp_path: Path,
) -> None:
    old = tmp_path / "old"
    shutil.copytree(_model_dir("en"), old)
    config = (old / "config.cfg").read_text(encoding="utf-8")
    # A model directory from before the scheme existed: no "scheme" line at all.
    (old / "config.cfg").write_text(
        "\n".join(line for line in config.splitlines() if not line.startswith("scheme")) + "\n",
        encoding="utf-8",
    )
    nlp = spacy.load(old)
    assert _recognizer(nlp).scheme == "BIO"
    doc = nlp("Angela Merkel visited Paris with Barack Obama.")
    assert {e.text for e in doc.ents} >= {"Angela Merkel", "Barack Obama"}

    for lang in ("de", "en"):
        model = _model_dir(lang)
        record = (model / "TRAINING.json").read_text(encoding="utf-8")
        bilou = _recognizer(spacy.load(model)).scheme == "BILOU"
        labels = (model / "kontext_crf_ner" / "attributes.json").read_text(encoding="utf-8")
        # The config's scheme is the one the model was trained with (its labels show it).
        assert ('"L-PER"' in labels) == bilou
        assert ('"scheme": "BILOU"' in record) == bilou


def test_an_unknown_scheme_in_a_model_directory_is_a_one_line_error(tmp_path: Path) -> None:
    from enrich.errors import ModelError
    from enrich.nlp.pipeline import load_recognizer

    bad = tmp_path / "bad"
    shutil.copytree(_model_dir("en"), bad)
    config = (bad / "config.cfg").read_text(encoding="utf-8")
    config = config.replace(
        'lang = "en"\n\n[training', 'lang = "en"\nscheme = "BIOES2"\n\n[training'
    )
    assert "BIOES2" in config
    (bad / "config.cfg").write_text(config, encoding="utf-8")
    with pytest.raises(ModelError) as info:
        load_recognizer("en", str(bad))
    assert "\n" not in str(info.value) and "BIOES2" in str(info.value)


def _model_dir(lang: str) -> Path:
    model = _bundled_model_dir(lang)
    assert model is not None
    return model


def _recognizer(nlp: spacy.language.Language) -> CrfRecognizer:
    recognizer = nlp.get_pipe("kontext_crf_ner")
    assert isinstance(recognizer, CrfRecognizer)
    return recognizer
