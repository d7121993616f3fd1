"""Fixtures for the reader's Pilot tests: no network, a private KONTEXT_HOME."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from enrich.model import Annotation, Article


@pytest.fixture(autouse=True)
def kontext_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, autosave_off: None
) -> Iterator[Path]:
    home = tmp_path / "kontext-home"
    monkeypatch.setenv("KONTEXT_HOME", str(home))
    monkeypatch.delenv("KONTEXT_WIKI_API", raising=False)
    yield home


@pytest.fixture(scope="session")
def sample_annotation() -> Annotation:
    """The German sample, annotated once for the whole session (NLP takes a second)."""
    from enrich import annotate, load_article
    from tui.cli.read_options import sample_path

    article = load_article(str(sample_path("de")))
    return annotate(article, glossary=())


@pytest.fixture
def sample_article(sample_annotation: Annotation) -> Article:
    return sample_annotation.article
