"""`kontext read` and `kontext demo`: argument handling without starting a terminal UI."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tui.cli import main
from tui.reader.app import KontextApp


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch) -> list[KontextApp]:
    """Record the apps the CLI would run instead of taking over the terminal."""
    apps: list[KontextApp] = []

    def fake_run(self: KontextApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)

    monkeypatch.setattr(KontextApp, "run", fake_run)
    return apps


def test_demo_opens_the_german_sample(launched: list[KontextApp]) -> None:
    assert main(["demo", "--offline"]) == 0
    (app,) = launched
    assert app.article.language == "de"
    assert app.article.title.startswith("Großmanöver in der Ostsee")
    assert app.offline is True
    enricher = app._enricher_factory()  # built lazily, in the worker, in the real app
    try:
        assert enricher.offline is True
    finally:
        enricher.close()


def test_read_passes_model_and_language(launched: list[KontextApp], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Die NATO tagt in Berlin.\n\nOlaf Scholz kommt.\n", encoding="utf-8")
    assert main(["read", str(path), "--lang", "de", "--model", "rules", "--offline"]) == 0
    (app,) = launched
    assert app.model == "rules"
    assert len(app.article.paragraphs) == 2


@pytest.mark.parametrize("source", ["/no/such/file.txt", "-", "sample:fr"])
def test_bad_sources_are_one_line_and_exit_2(
    source: str, launched: list[KontextApp], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["read", source]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kontext: error:") and err.count("\n") == 1
    assert not launched
