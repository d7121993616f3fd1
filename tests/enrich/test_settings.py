"""config.toml: defaults, values, and a broken file that never stops Kontext."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from enrich.settings import Settings, load_settings
from enrich.settings_edit import SettingsError, save_setting
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


def test_theme_and_keys_are_read(home: Path) -> None:
    (home / "config.toml").write_text(
        'theme = "nord"\n\n[keys]\nnext-mention = "j,down"\nhelp = "h"\n'
    )
    settings, warnings = load_settings()
    assert not warnings
    assert settings.theme == "nord"
    assert settings.keys == {"next-mention": "j,down", "help": "h"}


@pytest.mark.parametrize(
    "text",
    [
        'theme = ""\n',
        "theme = 3\n",
        "[keys]\nnext-mention = 1\n",
        '[keys]\nhelp = ""\n',
        "keys = 'j'\n",
    ],
)
def test_a_bad_theme_or_keys_table_is_one_warning(home: Path, text: str) -> None:
    (home / "config.toml").write_text(text)
    settings, warnings = load_settings()
    assert settings == Settings()
    assert len(warnings) == 1 and "config.toml" in warnings[0] and "\n" not in warnings[0]


def test_saving_the_theme_keeps_the_other_lines_and_comments(home: Path) -> None:
    path = home / "config.toml"
    original = (
        "# Kontext settings\n"
        'preferred_language = "en"  # second summaries\n'
        "\n"
        "# my keys\n"
        "[keys]\n"
        'next-mention = "j,down"\n'
    )
    path.write_text(original)
    save_setting("theme", "nord")
    text = path.read_text()
    assert text.startswith("# Kontext settings\n")
    assert "# second summaries" in text and "# my keys\n[keys]\n" in text
    settings, warnings = load_settings()
    assert not warnings
    assert settings.theme == "nord"
    assert settings.preferred_language == "en" and settings.keys == {"next-mention": "j,down"}

    save_setting("theme", "gruvbox")  # replaced in place, not added twice
    text = path.read_text()
    assert text.count("theme =") == 1 and 'theme = "gruvbox"' in text
    assert text.replace('theme = "gruvbox"\n', "") == original


def test_saving_into_a_missing_file_creates_it(home: Path) -> None:
    path = save_setting("theme", "dracula")
    assert path == home / "config.toml"
    assert load_settings() == (Settings(theme="dracula"), [])


def test_a_file_of_tables_only_gets_the_theme_before_them(home: Path) -> None:
    path = home / "config.toml"
    path.write_text('[keys]\nhelp = "h"')  # no newline at the end either
    save_setting("theme", "nord")
    assert load_settings() == (Settings(theme="nord", keys={"help": "h"}), [])
    assert path.read_text().endswith('[keys]\nhelp = "h"\n')


def test_a_look_alike_line_in_a_multiline_string_is_not_replaced(home: Path) -> None:
    path = home / "config.toml"
    path.write_text('wiki_api = """\ntheme = "x"\n"""\n')
    save_setting("theme", "nord")
    settings, warnings = load_settings()
    assert not warnings
    assert settings.theme == "nord" and settings.wiki_api == 'theme = "x"\n'


@pytest.mark.parametrize("text", ["offline = maybe\n", "colour = 'red'\n", "theme = 3\n"])
def test_a_broken_file_is_never_overwritten(home: Path, text: str) -> None:
    path = home / "config.toml"
    path.write_text(text)
    before = path.stat()
    with pytest.raises(SettingsError) as caught:
        save_setting("theme", "nord")
    message = str(caught.value)
    assert str(path) in message and "not saved" in message and "\n" not in message
    assert path.read_text() == text
    assert path.stat().st_ino == before.st_ino  # not even replaced by a copy


def test_saving_writes_through_a_symlinked_config(home: Path, tmp_path: Path) -> None:
    dotfiles = tmp_path / "dotfiles"
    dotfiles.mkdir()
    real = dotfiles / "kontext.toml"
    real.write_text("offline = true\n")
    (home / "config.toml").symlink_to(real)
    save_setting("theme", "nord")
    assert (home / "config.toml").is_symlink()
    assert real.read_text() == 'offline = true\ntheme = "nord"\n'
