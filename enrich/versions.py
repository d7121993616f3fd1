"""Installed package versions, for ``--version``, user agents and saved sessions.

importlib.metadata costs 10-20 ms to import (it pulls in the email package),
so it is imported here on the first question, never at start-up; the answers
are cached because an installed version does not change while Kontext runs.
"""

from __future__ import annotations

import functools

DISTRIBUTION = "kontext-reader"


@functools.cache
def installed_version(package: str, missing: str = "0+unknown") -> str:
    """The installed version of ``package`` (a distribution name), or ``missing``."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(package)
    except PackageNotFoundError:
        return missing


def kontext_version(missing: str = "0+unknown") -> str:
    """Kontext's own version (``missing`` when run from a tree that is not installed)."""
    return installed_version(DISTRIBUTION, missing)
