"""User settings from ``config.toml`` in the config dir (``KONTEXT_HOME`` overrides).

Only what a student would want to set once: the language for second
summaries, the Wikipedia endpoint, offline mode, the reader's theme, its
interface language and its keys. Command-line flags win over the file. A
broken file is reported in one line and the defaults are used; it is never
overwritten (``save_setting`` refuses to touch it). A ``ui_language`` Kontext
has no words for costs only itself.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Annotated, Any

import msgspec
import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Table

from enrich.atomic import atomic_write_text
from enrich.errors import KontextError
from enrich.messages import NESTED_TOO_DEEPLY
from enrich.paths import config_dir
from enrich.regular_file import read_regular_file
from enrich.text_clean import clean_line

FILE_NAME = "config.toml"
UI_LANGUAGES = ("de", "en")  # the reader's interface (tui/ui_text.py has the words)
MAX_SETTINGS_BYTES = 1024 * 1024  # a settings file is a few lines

NonEmpty = Annotated[str, msgspec.Meta(min_length=1)]


class SettingsError(KontextError):
    """config.toml cannot be updated (broken, unreadable, not a file); it is left as it was."""


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


def _reason(exc: BaseException) -> str:
    said = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)  # no "[Errno…]"
    return clean_line(said)


def _read(path: Path) -> tuple[str, dict[str, Any]]:
    """The file's text and its checked contents; raises for anything ``load_settings`` rejects."""
    # Non-blocking, fstat-checked and capped: a FIFO or /dev/zero is refused, not read.
    text = read_regular_file(path, MAX_SETTINGS_BYTES).decode("utf-8")
    try:
        raw = tomllib.loads(text)
    except RecursionError as exc:  # tomllib parses nested arrays and tables recursively
        raise ValueError(NESTED_TOO_DEEPLY) from exc
    msgspec.convert(raw, Settings)
    return text, raw


_READ_ERRORS = (
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
        _, raw = _read(path)
        settings = msgspec.convert(raw, Settings)
    except _READ_ERRORS as exc:
        return Settings(), [f"{path}: {_reason(exc)}; using default settings"]
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


def _candidates(text: str, key: str, value: str) -> list[str]:
    """Texts with ``key = value`` set at the top level, best first (the caller checks each).

    tomlkit keeps every other line, comment and layout. A key already there is
    replaced in place; a new one goes right after the last top-level setting
    (tomlkit itself would put it after the comments that head the first table).
    """
    doc = tomlkit.parse(text)
    existed = key in doc
    doc[key] = value
    options = [tomlkit.dumps(doc)]
    after = None if existed else _end_of_top_level_settings(tomlkit.parse(text), text)
    if after is not None:
        line = tomlkit.dumps({key: value})
        options.insert(0, text[:after] + line + text[after:])
    return [option if option.endswith("\n") else option + "\n" for option in options]


def _end_of_top_level_settings(doc: tomlkit.TOMLDocument, text: str) -> int | None:
    """Where the line after the last top-level ``key = value`` starts, if there is one."""
    body = doc.body
    settings = [
        i for i, (k, item) in enumerate(body) if k is not None and not isinstance(item, Table | AoT)
    ]
    if not settings:
        return None
    head = tomlkit.document()
    for k, item in body[: settings[-1] + 1]:
        if k is None:
            head.add(item)
        else:
            head.add(k, item)
    prefix = tomlkit.dumps(head)
    return len(prefix) if prefix.endswith("\n") and text.startswith(prefix) else None


def save_setting(key: str, value: str) -> Path:
    """Set one top-level string setting in config.toml, keeping every other line and comment.

    A file that ``load_settings`` would reject is not touched (``SettingsError``);
    the new text is written only if it reads back as the old settings plus this one.
    """
    if key not in Settings.__struct_fields__ or key == "keys":
        raise ValueError(f"not a top-level string setting: {key}")
    path = settings_path()
    text, raw = "", dict[str, Any]()
    if path.exists() or path.is_symlink():
        try:
            text, raw = _read(path)
        except _READ_ERRORS as exc:
            raise SettingsError(
                f"{path}: {_reason(exc)}; the file is left as it is and {key} is not saved"
            ) from exc
    expected = {**raw, key: value}
    try:
        candidates = _candidates(text, key, value)
    except (TOMLKitError, ValueError):  # tomllib read it, tomlkit cannot: say so below
        candidates = []
    for candidate in candidates:
        try:
            if tomllib.loads(candidate) == expected:
                atomic_write_text(path.resolve(), candidate)  # through a dotfiles symlink
                return path
        except tomllib.TOMLDecodeError:
            continue
    line = tomlkit.dumps({key: value}).strip()
    raise SettingsError(
        f"{path}: could not add {key} without changing other settings; add the line {line} yourself"
    )
