"""Where Kontext keeps its files: config, data (sessions, user glossary), cache.

``KONTEXT_HOME`` overrides all of them (tests, portable installs): then
config, data and cache are ``$KONTEXT_HOME/{config,data,cache}``. Otherwise
platformdirs gives the platform's usual places. Directories are created on
first use, not on import; if that fails (read-only home) the path is still
returned, so reading goes on and only writing reports an error.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP = "kontext"


def _home() -> Path | None:
    value = os.environ.get("KONTEXT_HOME")
    return Path(value).expanduser() if value else None


def _dir(kind: str) -> Path:
    home = _home()
    if home is not None:
        path = home / kind
    else:
        import platformdirs

        path = Path(
            {
                "config": platformdirs.user_config_dir,
                "data": platformdirs.user_data_dir,
                "cache": platformdirs.user_cache_dir,
            }[kind](APP, appauthor=False)
        )
    # A read-only or full home must not stop reading: a missing config or
    # glossary reads as empty, and writers report their own error.
    with contextlib.suppress(OSError):
        path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return _dir("config")


def data_dir() -> Path:
    return _dir("data")


def cache_dir() -> Path:
    return _dir("cache")
