"""Fixtures for the robustness suite: a private KONTEXT_HOME and no real network."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest


@pytest.fixture(autouse=True)
def kontext_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, autosave_off: None
) -> Iterator[Path]:
    """Every test gets its own config, data and cache; Wikipedia is only ever the fake one."""
    home = tmp_path / "kontext-home"
    monkeypatch.setenv("KONTEXT_HOME", str(home))
    monkeypatch.delenv("KONTEXT_WIKI_API", raising=False)
    monkeypatch.delenv("KONTEXT_DEBUG", raising=False)
    yield home
