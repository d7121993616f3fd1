"""``kontext keys --list``: every key of the reader with its binding id.

The ids are what config.toml's ``[keys]`` table remaps (``next-mention = "j,down"``);
the reader's help shows keys and texts only. The table comes from
``tui.key_table``, a plain copy of the bindings, because the command line never
imports textual.
"""

from __future__ import annotations

import argparse
from typing import Any

from tui.key_table import KEYS


def add_parser(subparsers: Any) -> None:
    """Register ``keys`` on the main parser's subparsers."""
    keys = subparsers.add_parser(
        "keys",
        help="list the reader's keys with the ids config.toml's [keys] table uses",
        description="List every key of the reader: binding id, default keys, what it does. "
        'Remap one in config.toml: [keys] next-mention = "j,down".',
    )
    keys.add_argument(
        "--list", action="store_true", help="print id, keys and description, one per line"
    )
    keys.set_defaults(func=cmd_keys)


def key_lines() -> list[str]:
    """One aligned line per binding id (first place it is listed), in help order."""
    seen: dict[str, tuple[str, str]] = {}
    for _, binding_id, key, does in KEYS:
        seen.setdefault(binding_id, (key, does))
    id_width = max(len(i) for i in seen)
    key_width = max(len(k) for k, _ in seen.values())
    return [
        f"{binding_id:<{id_width}}  {key:<{key_width}}  {does}"
        for binding_id, (key, does) in seen.items()
    ]


def cmd_keys(args: argparse.Namespace) -> int:
    print("\n".join(key_lines()))
    return 0
