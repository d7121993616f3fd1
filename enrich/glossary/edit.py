"""Edit the user's glossary: add, update and remove entries.

Every change is read–modify–write on the whole file, written atomically
(``enrich.atomic``), and checked by parsing the new text back before it
replaces the old file. A user glossary that does not parse cleanly is never
rewritten: the edit is refused with a one-line ``GlossaryFileError``, so no
entry the student wrote by hand can be lost.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from enrich.atomic import atomic_write_text
from enrich.errors import KontextError
from enrich.glossary.inflect import fold
from enrich.glossary.loader import load_bundled, parse_glossary, read_glossary_file
from enrich.glossary.loader import user_glossary_path as _default_path
from enrich.glossary.model import Entry, EntryError, entry_to_dict, validate_entry
from enrich.model import Label

HEADER = (
    "# Kontext user glossary: your own terms and definitions.\n"
    "# Edit by hand or with `kontext glossary add/remove`. Each entry is one [[entry]] table:\n"
    "# term, aliases, label (PER ORG LOC MISC TERM), definition_de / definition_en, related.\n"
)
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
LANGS = ("de", "en")


class GlossaryFileError(KontextError):
    """The user glossary cannot be edited safely (it is malformed or unreadable)."""


def toml_string(text: str) -> str:
    """A TOML basic string for ``text``: quotes, backslashes and control characters escaped."""
    out = []
    for ch in text:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or ord(ch) == 0x7F:
            out.append(f"\\u{ord(ch):04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _toml_value(value: Any) -> str:
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + " }"
    raise TypeError(f"cannot write {type(value).__name__} to the glossary")


def dumps(entries: Iterable[Entry]) -> str:
    """The TOML text of a glossary file holding ``entries``."""
    blocks = []
    for entry in entries:
        lines = ["[[entry]]"]
        lines += [f"{key} = {_toml_value(value)}" for key, value in entry_to_dict(entry).items()]
        blocks.append("\n".join(lines) + "\n")
    return HEADER + "".join("\n" + block for block in blocks)


def _read_strict(path: Path) -> list[Entry]:
    """The user's entries, or ``GlossaryFileError`` if the file has any problem."""
    parsed = read_glossary_file(path)
    if parsed.problems:
        first = parsed.problems[0]
        raise GlossaryFileError(
            f"{parsed.where(first)}: {first.message} — not changing your glossary "
            "until this is fixed (edit or move the file)"
        )
    return parsed.entries


def _write(path: Path, entries: Sequence[Entry]) -> None:
    text = dumps(entries)
    check = parse_glossary(text, str(path))  # never write what we could not read back
    if check.problems or check.entries != list(entries):
        raise GlossaryFileError(f"{path}: refusing to write an entry that would not read back")
    atomic_write_text(path, text)


def _find(entries: Sequence[Entry], term: str) -> int | None:
    target = fold(term)
    for i, entry in enumerate(entries):
        if fold(entry.term) == target:
            return i
    for i, entry in enumerate(entries):
        if any(fold(a) == target for a in entry.aliases):
            return i
    return None


def _label(label: str | Label) -> Label:
    try:
        return Label(str(label).upper())
    except ValueError:
        names = " ".join(member.value for member in Label)
        raise KontextError(f"unknown label '{label}'; use one of {names}") from None


def add_entry(
    term: str,
    definition: str,
    label: str | Label = "TERM",
    aliases: Sequence[str] = (),
    lang: str = "de",
    *,
    path: Path | None = None,
) -> Entry:
    """Add ``term`` to the user glossary, or update the user's entry of that term.

    Updating replaces the definition in ``lang`` and the label, keeps the
    other language's definition and adds the new aliases. Returns the entry
    as stored.
    """
    if lang not in LANGS:
        raise KontextError(f"unknown language '{lang}'; use de or en")
    path = Path(path) if path is not None else _default_path()
    entries = _read_strict(path)
    index = _find(entries, term)
    field = f"definition_{lang}"
    raw: dict[str, Any]
    if index is None:
        raw = {"term": term, "aliases": list(aliases)}
    else:
        raw = entry_to_dict(entries[index])
        raw["aliases"] = [*raw.get("aliases", []), *aliases]
    raw[field] = definition
    raw["label"] = str(_label(label))
    try:
        entry = validate_entry(raw)
    except EntryError as exc:
        raise KontextError(f"cannot add '{term}': {exc}") from None
    if not getattr(entry, field):
        raise KontextError(f"cannot add '{term}': the definition is empty")
    if index is None:
        entries.append(entry)
    else:
        entries[index] = entry
    _write(path, entries)
    return entry


def remove_entry(term: str, *, path: Path | None = None) -> Entry:
    """Remove the user's entry for ``term`` (its term or an alias); returns it.

    Bundled entries cannot be removed; override them with ``add_entry``.
    """
    path = Path(path) if path is not None else _default_path()
    entries = _read_strict(path)
    index = _find(entries, term)
    if index is None:
        bundled, _ = load_bundled()
        if _find(bundled, term) is not None:
            raise KontextError(
                f"'{term}' is a bundled glossary entry and cannot be removed; "
                "use 'kontext glossary add' to override its definition"
            )
        raise KontextError(f"'{term}' is not in your glossary ({path})")
    removed = entries.pop(index)
    _write(path, entries)
    return removed
