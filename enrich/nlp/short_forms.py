"""Well-known short forms of organisations, from a small table we wrote.

"BVB" shares no letters' order with "Borussia Dortmund", so neither the
last-word nor the initials rule of the clustering can join them; that needs
world knowledge. ``enrich/data/short_forms.toml`` holds a few dozen such
pairs (clubs, companies, institutions, parties). A short form joins a long
form only when the article gives both.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources

FILE = "short_forms.toml"


@functools.cache
def long_forms() -> dict[str, tuple[str, ...]]:
    """short form (as written, case-sensitive) → its long forms."""
    with resources.files("enrich.data").joinpath(FILE).open("rb") as fh:
        table = tomllib.load(fh)
    return {
        short: tuple(str(name) for name in names)
        for short, names in table.items()
        if isinstance(names, list)
    }
