"""Recognizer choice: --model with a real trained spaCy pipeline, label mapping, fallbacks."""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest
import spacy
from spacy.training import Example

from enrich import annotate
from enrich.errors import ModelError
from enrich.model import Label
from enrich.nlp.labels import map_label
from enrich.nlp.pipeline import load_recognizer
from tests.helpers import entity_of, make_article

# OntoNotes-style labels, as en_core_web_* uses them.
TRAIN = [
    ("Angela Weber visited Paris on Monday.", [(0, 12, "PERSON"), (21, 26, "GPE")]),
    ("Paris welcomed Angela Weber.", [(0, 5, "GPE"), (15, 27, "PERSON")]),
    ("Angela Weber left Paris.", [(0, 12, "PERSON"), (18, 23, "GPE")]),
    ("In Paris, Angela Weber spoke.", [(3, 8, "GPE"), (10, 22, "PERSON")]),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real statistical NER, trained for seconds on four sentences and saved to disk."""
    random.seed(0)
    spacy.util.fix_random_seed(0)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for _, ents in TRAIN:
        for *_, label in ents:
            ner.add_label(label)
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in TRAIN]
    optimizer = nlp.initialize(lambda: examples)
    for _ in range(40):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.1)
    nlp.meta["name"] = "tiny_test"
    path = tmp_path_factory.mktemp("model") / "tiny"
    nlp.to_disk(path)
    return path


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("PERSON", Label.PER),
        ("GPE", Label.LOC),
        ("NORP", Label.MISC),
        ("FAC", Label.LOC),
        ("LAW", Label.MISC),
        ("OTH", Label.MISC),
        ("PER", Label.PER),
        ("DATE", None),
        ("CARDINAL", None),
        ("MONEY", None),
        ("LOCderiv", Label.LOC),
    ],
)
def test_label_mapping(raw: str, expected: Label | None) -> None:
    assert map_label(raw) == expected


def test_model_directory_is_used_and_its_labels_are_mapped(tiny_model: Path) -> None:
    ann = annotate(
        make_article("Angela Weber visited Paris on Monday.", "en"), model=str(tiny_model)
    )
    assert "tiny_test" in ann.recognizer and "+ kontext-rules" in ann.recognizer
    person = entity_of(ann, "Angela Weber")
    assert person.label == Label.PER
    assert person.mentions[0].source == "model"
    assert entity_of(ann, "Paris").label == Label.LOC


def test_rules_still_run_beside_the_model_and_win_by_priority(tiny_model: Path) -> None:
    ann = annotate(
        make_article("President Angela Weber saw 155mm howitzers.", "en"), model=str(tiny_model)
    )
    assert entity_of(ann, "155mm howitzers").label == Label.TERM
    # The title rule outranks the model on the same span (merge priorities).
    first = entity_of(ann, "Angela Weber").mentions[0]
    assert (first.source, first.rule) == ("rule", "title")


def test_cli_model_option_with_a_directory(tiny_model: Path) -> None:
    out = subprocess.run(
        [
            sys.executable,
            "-m",
            "tui.cli",
            "annotate",
            "-",
            "--lang",
            "en",
            "--json",
            "--model",
            str(tiny_model),
        ],
        input="Angela Weber visited Paris.",
        capture_output=True,
        text=True,
        check=True,
    )
    data = json.loads(out.stdout)
    assert "tiny_test" in data["recognizer"]
    assert {m["source"] for e in data["entities"] for m in e["mentions"]} >= {"model"}


def test_unknown_model_name_is_a_clear_error() -> None:
    with pytest.raises(ModelError, match="neither an installed package nor a pipeline directory"):
        load_recognizer("de", "de_no_such_pipeline")


def test_the_bundled_german_model_runs_when_nothing_is_installed() -> None:
    rec = load_recognizer("de")
    assert rec.has_model
    assert rec.description.startswith("kontext-de ")
    assert "kontext_crf_ner" in rec.nlp.pipe_names


def test_rules_only_on_request_or_without_any_model() -> None:
    for rec in (load_recognizer("de", "rules"), load_recognizer("fr")):
        assert not rec.has_model
        assert rec.description.startswith("kontext-rules")


def test_other_language_without_model_warns_but_works() -> None:
    ann = annotate(make_article("Le président Emmanuel Macron a parlé de l'OTAN.", "fr"))
    assert ann.warnings and "no NER model for language 'fr'" in ann.warnings[0]
    assert any(m.text == "OTAN" for e in ann.entities for m in e.mentions)


def test_installed_pipelines_are_preferred_largest_first() -> None:
    from enrich.nlp.pipeline import installed_candidates

    de = installed_candidates("de")
    assert de[:3] == ("de_core_news_lg", "de_core_news_md", "de_core_news_sm")
    en = installed_candidates("en")
    assert en.index("en_core_web_lg") < en.index("en_core_web_sm") < en.index("xx_ent_wiki_sm")
    assert installed_candidates("fr")[-1] == "xx_ent_wiki_sm"


def test_rules_follow_the_article_language_not_the_models(tiny_model: Path) -> None:
    """An English (or multilingual) model on a German article still gets German rules."""
    text = "Verteidigungsminister Boris Pistorius besuchte Nordkoreas Nachbarn, die russischen."
    ann = annotate(make_article(text, "de"), model=str(tiny_model))
    assert entity_of(ann, "Boris Pistorius").label == Label.PER
    russia = next(e for e in ann.entities if any(m.text == "russischen" for m in e.mentions))
    assert russia.name == "Russland"
    assert entity_of(ann, "Nordkoreas").name == "Nordkorea"


def test_a_broken_model_directory_is_a_one_line_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "config.cfg").write_text('[nlp]\nlang = "de"\npipeline = ["nope"]\n')
    with pytest.raises(ModelError) as info:
        load_recognizer("de", str(broken))
    message = str(info.value)
    assert "\n" not in message and message.startswith(f"cannot load spaCy pipeline '{broken}'")
    assert len(message) < 300


def _sample_sentences(lang: str) -> list[list[str]]:
    from enrich.nlp.components.crf_ner import _windows
    from tui.cli.read_options import sample_path

    doc = spacy.blank(lang)(sample_path(lang).read_text(encoding="utf-8"))
    texts = [t.text for t in doc]
    sentences = [[t for t in texts[a:b] if not t.isspace()] for a, b in _windows(texts)]
    return [s for s in sentences if s]


@pytest.fixture(scope="module")
def german_bilou_crf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small German BILOU CRFsuite model, trained on the bundled sample's own names.

    The shipped German model is an average of several CRFs (training/bagging.py) and
    has no CRFsuite file; this one has, so the fast tagger can be checked on BILOU.
    """
    import pycrfsuite

    from enrich.nlp.crf_features import sentence_features
    from enrich.nlp.crf_tagger import VectorTagger, export
    from enrich.nlp.pipeline import _bundled_model_dir

    sentences = _sample_sentences("de")
    model = _bundled_model_dir("de")
    assert model is not None
    shipped = VectorTagger(model / "kontext_crf_ner", "de")
    trainer = pycrfsuite.Trainer(verbose=False)
    for words, tags in zip(sentences, shipped.tag_many(sentences), strict=True):
        trainer.append(sentence_features(words, "de"), tags)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": 50})
    path = tmp_path_factory.mktemp("crf") / "kontext_crf_ner"
    path.mkdir()
    trainer.train(str(path / "model.crfsuite"))
    export(path / "model.crfsuite", path)
    return path


@pytest.mark.parametrize("lang", ["de", "en"])
def test_fast_tagger_gives_crfsuites_tags(lang: str, german_bilou_crf: Path) -> None:
    """The numpy tagger is only a faster way to the same names, never different ones
    (English: the bundled model; German: a BILOU model trained in the test)."""
    import pycrfsuite

    from enrich.nlp.crf_features import sentence_features
    from enrich.nlp.crf_tagger import VectorTagger
    from enrich.nlp.pipeline import _bundled_model_dir

    bundled = _bundled_model_dir(lang)
    assert bundled is not None
    crf_dir = german_bilou_crf if lang == "de" else bundled / "kontext_crf_ner"
    reference = pycrfsuite.Tagger()
    reference.open(str(crf_dir / "model.crfsuite"))
    sentences = _sample_sentences(lang)
    expected = [reference.tag(sentence_features(s, lang)) for s in sentences]
    assert VectorTagger(crf_dir, lang).tag_many(sentences) == expected
    assert any(tag != "O" for tags in expected for tag in tags)  # the sample has names
    if lang == "de":
        assert any(tag.startswith("L-") for tags in expected for tag in tags)  # BILOU


def test_a_crf_model_without_exported_weights_is_tagged_by_crfsuite(tmp_path: Path) -> None:
    import shutil

    from enrich.nlp.pipeline import _bundled_model_dir

    model = tmp_path / "en"
    shutil.copytree(_bundled_model_dir("en"), model)  # type: ignore[arg-type]
    (model / "kontext_crf_ner" / "weights.npz").unlink()
    text = "Senator Maria Lopez spoke in Chicago with Barack Obama on Monday."
    slow = annotate(make_article(text, "en"), model=str(model), glossary=())
    fast = annotate(make_article(text, "en"), glossary=())
    assert [(e.name, e.label) for e in slow.entities] == [(e.name, e.label) for e in fast.entities]
    assert entity_of(slow, "Chicago").label == Label.LOC


def test_markup_pasted_into_the_text_does_not_stick_to_names() -> None:
    """spaCy splits brackets only at a word's edges; "Macron[/bold" is not a name."""
    from enrich import annotate
    from enrich.model import Article, Paragraph

    text = "[bold]Angela Merkel[/bold] traf Olaf Scholz in [link=https://x]Hamburg[/link]."
    article = Article(text, "t", "t", "de", (Paragraph(0, len(text)),))
    mentions = [m.text for e in annotate(article).entities for m in e.mentions]
    assert "Hamburg" in mentions and "Olaf Scholz" in mentions
    assert not any("[" in m or "]" in m for m in mentions)


def test_an_installed_spacy_pipeline_keeps_its_own_tokenizer(tiny_model: Path) -> None:
    """The bundled English model learned wikigold's tokens ("Liberal-Labour" is one);
    a spaCy pipeline was trained on its tokenizer's pieces and keeps them."""
    text = "The Liberal-Labour group met."
    bundled = [t.text for t in load_recognizer("en").nlp.make_doc(text)]
    installed = [t.text for t in load_recognizer("en", str(tiny_model)).nlp.make_doc(text)]
    assert "Liberal-Labour" in bundled
    assert installed[1:4] == ["Liberal", "-", "Labour"]
