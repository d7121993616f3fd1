"""User settings from ``config.toml`` in the config dir (``KONTEXT_HOME`` overrides).

Only what a student would want to set once: the language for second
summaries, the Wikipedia endpoint and offline mode. Command-line flags win
over the file. A broken file is reported in one line and the defaults are used.
"""

from __future__ import annotations

import tomllib

import msgspec

from enrich.paths import config_dir
from enrich.text_clean import clean_text

FILE_NAME = "config.toml"


class Settings(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Kontext's settings file."""

    # Also show Wikipedia summaries in this language (e.g. "en" for German articles).
    preferred_language: str | None = None
    # MediaWiki API endpoint replacing https://{lang}.wikipedia.org/w/api.php.
    wiki_api: str | None = None
    # Never use the network: cache, glossary and offline facts only.
    offline: bool = False


def load_settings() -> tuple[Settings, list[str]]:
    """The settings, plus warnings for a file that could not be used."""
    path = config_dir() / FILE_NAME
    if not path.exists():
        return Settings(), []
    if not path.is_file():  # a FIFO would block the read forever; a directory cannot be read
        return Settings(), [f"{path}: not a regular file; using default settings"]
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
        return msgspec.convert(raw, Settings), []
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, msgspec.ValidationError) as exc:
        reason = " ".join(clean_text(str(exc)).split())
        return Settings(), [f"{path}: {reason}; using default settings"]
