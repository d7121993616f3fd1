"""Lift session files written by older Kontext versions to ``SCHEMA_VERSION``.

A session is the student's work and may be years old, so every incompatible
schema change adds one step here instead of breaking old files: ``STEPS[n]``
turns a raw version-``n`` dict into a version-``n + 1`` dict, and ``migrate``
runs the chain. Steps work on plain dicts (the decoded JSON), never on the
current structs, so an old step keeps working after the structs change.
Schema 1 is the first released schema.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from typing import Any

from enrich.errors import SessionError
from enrich.session.model import SCHEMA_VERSION

Raw = dict[str, Any]
Step = Callable[[Raw], Raw]

# version n -> the function that lifts a version-n dict to version n + 1.
STEPS: dict[int, Step] = {}


def step(version: int) -> Callable[[Step], Step]:
    """Register the step from ``version`` to ``version + 1`` (a decorator)."""

    def register(fn: Step) -> Step:
        if version in STEPS:
            raise ValueError(f"a migration from schema {version} is already registered")
        STEPS[version] = fn
        return fn

    return register


def schema_of(raw: Raw) -> int:
    """The file's schema version; ``SessionError`` if it has none that makes sense."""
    version = raw.get("schema")
    if isinstance(version, bool) or not isinstance(version, int) or version < 0:
        raise SessionError("it has no valid 'schema' version, so it is not a Kontext session")
    return version


def migrate(
    raw: Raw, *, target: int = SCHEMA_VERSION, steps: Mapping[int, Step] | None = None
) -> Raw:
    """``raw`` lifted step by step to schema ``target`` (a new dict; ``raw`` is not changed).

    Raises ``SessionError`` for a newer schema than ``target`` (written by a newer
    Kontext) or when a step is missing; the caller adds which file it was.
    """
    chain = STEPS if steps is None else steps
    version = schema_of(raw)
    if version > target:
        raise SessionError(
            f"it was written by a newer Kontext (session schema {version}; this version "
            f"reads up to {target}); update Kontext to open it"
        )
    data = copy.deepcopy(raw) if version < target else dict(raw)
    while version < target:
        lift = chain.get(version)
        if lift is None:
            raise SessionError(f"no migration from session schema {version} to {version + 1}")
        try:
            data = lift(data)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise SessionError(
                f"it could not be migrated from schema {version} ({type(exc).__name__}: {exc})"
            ) from exc
        version += 1
        data["schema"] = version
    return data


def _card_v2(card: Raw) -> Raw:
    """A schema-1 card (free-form ``Enrichment.to_json()``) in the typed card's shape."""
    out = dict(card)
    wiki = out.get("wikipedia")
    if isinstance(wiki, dict):
        wiki = dict(wiki)
        wiki["chosen"] = bool(wiki.get("chosen"))
        listed = wiki.get("alternatives")
        if isinstance(listed, list):
            wiki["alternatives"] = [a for a in listed if isinstance(a, dict)]
        out["wikipedia"] = wiki
    return out


@step(1)
def _typed_cards(raw: Raw) -> Raw:
    """Schema 1 -> 2: the shown cards become typed; anything not a card object is dropped.

    A dropped card is only a cache of what was shown: the reader looks it up again.
    """
    cards = raw.get("enrichment")
    if isinstance(cards, dict):
        raw["enrichment"] = {k: _card_v2(v) for k, v in cards.items() if isinstance(v, dict)}
    return raw
