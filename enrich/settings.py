"""User settings from ``config.toml`` in the config dir (``KONTEXT_HOME`` overrides).

Only what a student would want to set once: the language for second
summaries, the Wikipedia endpoint, offline mode, the reader's theme, its
interface language and its keys. Command-line flags win over the file. A
broken file is reported in one line and the defaults are used; it is never
overwritten (``save_setting`` in ``enrich.settings_edit`` refuses to touch
it). A ``ui_language`` Kontext has no words for costs only itself.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any

import msgspec

from enrich.messages import NESTED_TOO_DEEPLY
from enrich.paths import config_dir
from enrich.regular_file import read_regular_file
from enrich.text_clean import clean_line

FILE_NAME = "config.toml"
UI_LANGUAGES = ("de", "en")  # the reader's interface (tui/ui_text.py has the words)
MAX_SETTINGS_BYTES = 1024 * 1024  # a settings file is a few lines

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]


class Settings(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Kontext's settings file."""

    # Also show Wikipedia summaries in this language (e.g. "en" for German articles).
    preferred_language: str | None = None
    # MediaWiki API endpoint replacing https://{lang}.wikipedia.org/w/api.php.
    wiki_api: str | None = None
    # Never use the network: cache, glossary and offline facts only.
    offline: bool = False
    # The reader's Textual theme ("nord", "gruvbox", ...); the command palette's "Theme" sets it.
    theme: NonEmpty | None = None
    # The reader's interface language, "de" or "en"; unset: the system locale's, else English.
    ui_language: str | None = None
    # [keys] table: binding id (see `?` in the reader) -> keys, e.g. next-mention = "j,down".
    keys: dict[str, NonEmpty] = msgspec.field(default_factory=dict)


def settings_path() -> Path:
    return config_dir() / FILE_NAME


def error_reason(exc: BaseException) -> str:
    said = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)  # no "[Errno…]"
    return clean_line(said)


def read_settings_file(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its checked contents; raises for anything ``load_settings`` rejects."""
    # Non-blocking, fstat-checked and capped: a FIFO or /dev/zero is refused, not read.
    text = read_regular_file(path, MAX_SETTINGS_BYTES).decode("utf-8")
    try:
        raw = tomllib.loads(text)
    except RecursionError as exc:  # tomllib parses nested arrays and tables recursively
        raise ValueError(NESTED_TOO_DEEPLY) from exc
    msgspec.convert(raw, Settings)
    return text, raw


READ_ERRORS = (
    OSError,
    ValueError,  # includes UnicodeDecodeError and tomllib.TOMLDecodeError
    msgspec.ValidationError,
)


def load_settings() -> tuple[Settings, list[str]]:
    """The settings, plus warnings for a file that could not be used."""
    path = settings_path()
    if not path.exists():
        return Settings(), []
    try:
        _, raw = read_settings_file(path)
        settings = msgspec.convert(raw, Settings)
    except READ_ERRORS as exc:
        return Settings(), [f"{path}: {error_reason(exc)}; using default settings"]
    warnings = []
    if settings.ui_language is not None and settings.ui_language not in UI_LANGUAGES:
        # One bad value costs only itself, as an unknown theme does.
        said = clean_line(repr(settings.ui_language))
        warnings.append(
            f"{path}: ui_language {said} is not one of {', '.join(UI_LANGUAGES)}; "
            "using the system's language"
        )
        settings = msgspec.structs.replace(settings, ui_language=None)
    return settings, warnings
