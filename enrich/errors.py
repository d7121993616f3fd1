"""Errors the user can act on.

The CLI turns a ``KontextError`` into one line on stderr and exit code 2, so
the message must say what went wrong and what to do, without a traceback.
"""

from __future__ import annotations


class KontextError(Exception):
    """Base class: a problem with the user's input or environment."""


class SourceError(KontextError):
    """The article source cannot be read (missing, binary, empty, unreachable...)."""


class ModelError(KontextError):
    """The requested spaCy pipeline cannot be loaded."""


class SessionError(KontextError):
    """A saved session cannot be read, written or named as asked (the file is left as it was)."""
