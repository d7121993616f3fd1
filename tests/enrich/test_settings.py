"""config.toml: defaults, values, and a broken file that never stops Kontext."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from enrich.settings import Settings, load_settings
from tests.fakewiki.fixtures import fakewiki  # noqa: F401
from tests.fakewiki.server import FakeWiki


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path))
    (tmp_path / "config").mkdir()
    return tmp_path / "config"


def test_no_file_means_defaults(home: Path) -> None:
    assert load_settings() == (Settings(), [])


def test_values_are_read_and_validated(home: Path) -> None:
    (home / "config.toml").write_text('preferred_language = "en"\noffline = true\n')
    settings, warnings = load_settings()
    assert settings.preferred_language == "en" and settings.offline and not warnings


@pytest.mark.parametrize("text", ["offline = maybe\n", "offline = 3\n", "colour = 'red'\n"])
def test_a_broken_file_warns_in_one_line_and_keeps_defaults(home: Path, text: str) -> None:
    (home / "config.toml").write_text(text)
    settings, warnings = load_settings()
    assert settings == Settings()
    assert len(warnings) == 1 and "config.toml" in warnings[0] and "\n" not in warnings[0]
    assert (home / "config.toml").read_text() == text  # left untouched


def test_preferred_language_setting_adds_the_english_summary(fakewiki: FakeWiki) -> None:  # noqa: F811
    config = Path(os.environ["KONTEXT_HOME"]) / "config"
    config.mkdir(parents=True, exist_ok=True)
    (config / "config.toml").write_text('preferred_language = "en"\n')
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "lookup", "Nordkorea", "--json"],
        capture_output=True,
        text=True,
        env=dict(os.environ),
        check=True,
    )
    preferred = json.loads(out.stdout)["wikipedia"]["preferred"]
    assert preferred["lang"] == "en" and preferred["title"] == "North Korea"


def test_a_fifo_as_config_file_does_not_hang(home: Path) -> None:
    os.mkfifo(home / "config.toml")
    settings, warnings = load_settings()
    assert settings == Settings()
    assert warnings and "not a regular file" in warnings[0]
