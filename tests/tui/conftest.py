"""Fixtures for the reader's Pilot tests: no network, a private KONTEXT_HOME, English."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from enrich.model import Annotation, Article
from tui.ui_text import set_ui_language


@pytest.fixture(autouse=True)
def kontext_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, autosave_off: None
) -> Iterator[Path]:
    home = tmp_path / "kontext-home"
    monkeypatch.setenv("KONTEXT_HOME", str(home))
    monkeypatch.delenv("KONTEXT_WIKI_API", raising=False)
    # The interface language follows the locale: tests ask for German themselves.
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    set_ui_language("en")  # also for cards drawn without a reader
    yield home


@pytest.fixture
def german_ui(kontext_home: Path) -> None:
    """The reader speaks German: ``ui_language = "de"`` in config.toml, as a student sets it."""
    from tests.tui.helpers import write_config

    write_config(kontext_home, 'ui_language = "de"\n')


@pytest.fixture(params=["de", "en"])
def ui_language(request: pytest.FixtureRequest, kontext_home: Path) -> str:
    """Run the test once with a German and once with an English interface (config.toml)."""
    from tests.tui.helpers import write_config

    write_config(kontext_home, f'ui_language = "{request.param}"\n')
    return str(request.param)


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
