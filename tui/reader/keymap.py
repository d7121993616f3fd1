"""The ``[keys]`` table of config.toml: checked, then handed to Textual's keymap.

``[keys]`` maps binding ids (the help screen's last column) to keys, e.g.
``next-mention = "j,down"``. Unknown ids and key names that are no key are
reported in one line each and skipped; the rest goes to ``App.set_keymap``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from functools import cache

from textual.binding import Binding
from textual.keys import Keys, _normalize_key_list, key_to_character

from enrich.text_clean import clean_text

MODIFIERS = frozenset({"ctrl", "shift", "alt", "meta", "super", "hyper"})


@cache
def _named_keys() -> frozenset[str]:
    """Key names Textual knows: escape, enter, f1, pageup, ..."""
    return frozenset(key.value.rpartition("+")[2] for key in Keys) | {"space", "enter", "tab"}


def is_key(text: str) -> bool:
    """Is ``text`` a key Textual can bind ("j", "?", "ctrl+d", "shift+tab", "question_mark")?"""
    if len(text) == 1:
        return text.isprintable() and not text.isspace()
    *modifiers, base = text.split("+")
    if not base or any(m not in MODIFIERS for m in modifiers):
        return False
    return len(base) == 1 or base in _named_keys() or key_to_character(base) is not None


def _keys_of(binding: Binding) -> list[str]:
    return [k.strip() for k in binding.key.split(",") if k.strip()]


def check_keymap(
    wanted: Mapping[str, str], bindings: Iterable[Binding], source: str = "config.toml"
) -> tuple[dict[str, str], list[str]]:
    """The usable part of ``[keys]`` (normalised as Textual wants), and a warning per problem."""
    ids = sorted({b.id for b in bindings if b.id})
    unknown = sorted(set(wanted) - set(ids))
    warnings: list[str] = []
    if unknown:
        listed = ", ".join(repr(clean_text(i)) for i in unknown)
        warnings.append(
            f"{source} [keys]: unknown binding id {listed} (ignored); valid ids: {', '.join(ids)}"
        )
    keymap: dict[str, str] = {}
    for binding_id, keys in wanted.items():
        if binding_id in unknown:
            continue
        parts = [k.strip() for k in keys.split(",")]
        bad = [k for k in parts if not is_key(k)]
        if bad:
            warnings.append(
                f"{source} [keys] {binding_id}: {clean_text(repr(bad[0]))} is not a key "
                '(examples: "j", "?", "ctrl+d", "down", "f2"); its default key is kept'
            )
            continue
        keymap[binding_id] = _normalize_key_list(",".join(parts))
    return keymap, warnings


def textual_keymap(keymap: Mapping[str, str], nodes: Iterable[Sequence[Binding]]) -> dict[str, str]:
    """``keymap`` plus the untouched bindings that share an old key with a remapped one.

    Textual's ``BindingsMap.apply_keymap`` drops every binding on a remapped
    binding's old key: remapping ``next-mention`` would also drop search
    mode's ``n`` (``next-match``). Naming those again with their own keys keeps them.
    ``nodes`` holds each widget's (or screen's) bindings.
    """
    result = dict(keymap)
    for bindings in nodes:
        keys_of: dict[str, set[str]] = {}
        for binding in bindings:
            if binding.id:
                keys_of.setdefault(binding.id, set()).update(_keys_of(binding))
        for moved in (i for i in keys_of if i in keymap):
            for other, keys in keys_of.items():
                if other not in keymap and other != moved and keys & keys_of[moved]:
                    result.setdefault(other, ",".join(sorted(keys)))
    return result


def clashes(keymap: Mapping[str, str], scopes: Iterable[Sequence[Binding]]) -> list[str]:
    """One line per remapped key that another binding active at the same time also has.

    A scope is what can be active together, e.g. the article view's bindings with the app's.
    """
    lines: list[str] = []
    seen: set[tuple[str, frozenset[str]]] = set()
    for bindings in scopes:
        keys_of: dict[str, set[str]] = {}
        for binding in bindings:
            if binding.id:
                keys_of.setdefault(binding.id, set()).update(_keys_of(binding))
        now = {i: set(keymap[i].split(",")) if i in keymap else keys for i, keys in keys_of.items()}
        for moved in (i for i in now if i in keymap):
            for key in sorted(now[moved] - keys_of[moved]):  # shared by default: modes
                for other in (o for o in now if o != moved and key in now[o]):
                    if (key, frozenset((moved, other))) in seen:
                        continue
                    seen.add((key, frozenset((moved, other))))
                    lines.append(
                        f"config.toml [keys] {moved}: {key} is also {other}'s key; "
                        "only one of them works"
                    )
    return lines
