"""Edits of ``config.toml`` (the theme picked in the reader), keeping its comments.

Apart from ``enrich.settings``, which only reads, so that reading the settings
before the reader's first frame does not import tomlkit (tui/startup.py, row
"first paint").
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Table

from enrich.atomic import atomic_write_text
from enrich.errors import KontextError
from enrich.settings import (
    READ_ERRORS,
    Settings,
    error_reason,
    read_settings_file,
    settings_path,
)


class SettingsError(KontextError):
    """config.toml cannot be updated (broken, unreadable, not a file); it is left as it was."""


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
            text, raw = read_settings_file(path)
        except READ_ERRORS as exc:
            raise SettingsError(
                f"{path}: {error_reason(exc)}; the file is left as it is and {key} is not saved"
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
