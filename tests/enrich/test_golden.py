"""Golden tests: the entities a careful reader expects in each bundled sample.

The expectations in tests/data/golden-*.toml were written from the text by a
reader, not copied from program output.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from enrich import annotate, load_article
from enrich.model import Annotation
from enrich.nlp.places import nationality_place
from tests.helpers import entities_with
from tui.cli.read_options import sample_path

DATA = Path(__file__).parent.parent / "data"


def _expected(lang: str) -> list[dict]:
    with open(DATA / f"golden-{lang}.toml", "rb") as fh:
        return tomllib.load(fh)["entity"]


@pytest.fixture(scope="module", params=["de", "en"])
def annotated(request: pytest.FixtureRequest) -> tuple[str, Annotation]:
    lang = request.param
    return lang, annotate(load_article(str(sample_path(lang))))


def test_sample_language_is_detected(annotated: tuple[str, Annotation]) -> None:
    lang, annotation = annotated
    assert annotation.language == lang


def test_every_expected_entity_is_found_as_one_entity(annotated: tuple[str, Annotation]) -> None:
    lang, annotation = annotated
    problems = []
    for exp in _expected(lang):
        entities = {id(e): e for s in exp["surfaces"] for e in entities_with(annotation, s)}
        missing = [s for s in exp["surfaces"] if not entities_with(annotation, s)]
        if missing:
            problems.append(f"{exp['name']}: surfaces not found {missing}")
            continue
        if len(entities) != 1:
            names = sorted(e.name for e in entities.values())
            problems.append(f"{exp['name']}: split over {names}")
            continue
        entity = next(iter(entities.values()))
        if entity.label != exp["label"]:
            problems.append(f"{exp['name']}: label {entity.label}, expected {exp['label']}")
        if entity.name != exp["name"]:
            problems.append(f"{exp['name']}: named {entity.name!r}")
        if exp.get("of") and nationality_place(entity.key, lang) != exp["of"]:
            problems.append(f"{exp['name']}: not related to {exp['of']} ({entity.key!r})")
        related = {m.text for m in entity.mentions if m.kind == "related"}
        if missing_rel := set(exp.get("related", [])) - related:
            problems.append(f"{exp['name']}: related forms not linked {sorted(missing_rel)}")
    assert not problems, "\n".join(problems)


def test_offsets_index_the_article_text(annotated: tuple[str, Annotation]) -> None:
    _, annotation = annotated
    text = annotation.article.text
    for entity in annotation.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text
