"""tui/key_table.py, the plain copy of the bindings that ``kontext keys --list`` prints,
matches the bindings the reader really has (regenerate it when this fails:
``python -m tui.reader.screens.help > tui/key_table.py``)."""

from __future__ import annotations

from tui.key_table import KEYS
from tui.reader.screens.help import binding_groups, key_table_source


def test_the_key_table_matches_the_bindings() -> None:
    namespace: dict[str, object] = {}
    exec(compile(key_table_source(), "key_table", "exec"), namespace)
    assert namespace["KEYS"] == KEYS, "tui/key_table.py is stale: regenerate it"


def test_every_binding_id_is_in_the_key_table() -> None:
    ids = {b.id for _, bindings in binding_groups() for b in bindings}
    assert ids == {binding_id for _, binding_id, _, _ in KEYS}
