"""Personal rules: the student's corrections, carried over to later articles.

A rule is derived, not stored: for each name the student corrected (folded:
case, dashes and spacing do not matter), the latest correction across all
sessions decides whether it is a rejection, a relabelling or an addition.
Only whole-entity rejections become rules (rejecting one mention says
"not here", not "never"). The index holds the corrections, so rules follow
the sessions: undo a correction and its rule goes.

What the student decides about rules themselves (``kontext rules remove``)
is not derivable, so it lives in ``rules.json`` beside the index, written
atomically: a removed rule stays removed until the student makes the same
correction again, later. Rules never touch the bundled model files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal, cast

import msgspec

from enrich.errors import KontextError
from enrich.index.files import rules_path

if TYPE_CHECKING:
    from enrich.index.entity_index import EntityIndex

RuleOp = Literal["reject", "relabel", "add"]
_OPS = ("reject", "relabel", "add")
ID_CHARS = 8
MAX_RULES_FILE = 4 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Rule:
    """One personal rule; ``id`` is stable (a hash of what it does), so it survives rebuilds.

    ``label`` is the new label (relabel, add) or, for a rejection, the label
    the rejected entity had (shown only: a rejection applies to the name).
    ``articles`` are the bare SHA-256 hashes of the articles it came from: a
    rule is not applied to its own article, where the session's corrections
    already apply.
    """

    id: str
    op: RuleOp
    name: str
    label: str
    at: str
    sessions: tuple[str, ...]
    articles: frozenset[str]

    def describe(self) -> str:
        if self.op == "reject":
            return f"reject {self.name!r}" + (f" (was {self.label})" if self.label else "")
        if self.op == "relabel":
            return f"label {self.name!r} as {self.label}"
        return f"add {self.name!r} as {self.label}"


class RuleError(KontextError):
    """A rule id that names no rule, or a rules file that cannot be used."""


class _RulesFile(msgspec.Struct):
    version: int = 1
    removed: dict[str, str] = msgspec.field(default_factory=dict)  # rule id -> when


def rule_id(op: str, norm: str, label: str) -> str:
    digest = hashlib.sha256(f"{op}\0{norm}\0{label}".encode()).hexdigest()
    return digest[:ID_CHARS]


def read_removed(index_file: Path) -> dict[str, str]:
    """Rule id -> when the student removed it; ``RuleError`` if the file is unusable."""
    path = rules_path(index_file)
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_RULES_FILE + 1)
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise RuleError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if len(data) > MAX_RULES_FILE:
        raise RuleError(f"{path} is too big to be a rules file; it was left untouched")
    try:
        return msgspec.json.decode(data, type=_RulesFile).removed
    except msgspec.DecodeError as exc:
        raise RuleError(
            f"{path} is corrupt ({' '.join(str(exc).split())}); it was left untouched. "
            "Fix or delete it to manage rules again"
        ) from exc


def _write_removed(index_file: Path, removed: dict[str, str]) -> None:
    from enrich.atomic import atomic_write_bytes

    data = msgspec.json.format(msgspec.json.encode(_RulesFile(removed=removed)), indent=2)
    atomic_write_bytes(rules_path(index_file), data + b"\n")


def derive_rules(rows: list[tuple[str, ...]], removed: dict[str, str]) -> list[Rule]:
    """Rules from ``EntityIndex.correction_rows()``, minus those removed since.

    Per folded name the latest correction wins (by its stamp, then the
    session's); a rule removed at or after its latest correction stays removed.
    """
    latest: dict[str, tuple[tuple[str, str, int], tuple[str, ...]]] = {}
    for row in rows:
        session, _, updated, seq, op, text, norm, label, scope, at, target_label = row
        if op not in _OPS or (op == "reject" and scope != "entity") or not norm:
            continue
        order = (str(at), str(updated), int(seq))
        if norm not in latest or order >= latest[norm][0]:
            latest[norm] = (order, row)
    sources: dict[str, tuple[set[str], set[str], str]] = {}
    rules: dict[str, Rule] = {}
    for norm, (_, row) in latest.items():
        _, _, _, _, op, text, _, label, _, _, target_label = row
        shown_label = target_label if op == "reject" else label
        ident = rule_id(op, norm, label if op != "reject" else "")
        # op was checked against _OPS when the row was kept (first loop).
        rules[ident] = Rule(ident, cast(RuleOp, op), text, shown_label, "", (), frozenset())
        sources[ident] = (set(), set(), "")
    for row in rows:  # every session where the student made that same correction
        session, sha, updated, _, op, _, norm, label, scope, at, _ = row
        ident = rule_id(op, norm, label if op != "reject" else "")
        if ident in sources and not (op == "reject" and scope != "entity"):
            names, hashes, stamp = sources[ident]
            names.add(session)
            hashes.add(sha)
            sources[ident] = (names, hashes, max(stamp, str(at)))
    result = []
    for ident, rule in rules.items():
        names, hashes, stamp = sources[ident]
        gone = removed.get(ident)
        if gone is not None and gone >= stamp:
            continue
        result.append(
            Rule(
                rule.id,
                rule.op,
                rule.name,
                rule.label,
                stamp,
                tuple(sorted(names)),
                frozenset(hashes),
            )
        )
    result.sort(key=lambda r: (r.at, r.id), reverse=True)
    return result


def list_rules(index: EntityIndex) -> list[Rule]:
    """The personal rules in force, newest first."""
    return derive_rules(index.correction_rows(), read_removed(index.path))


def remove_rule(index: EntityIndex, ident: str) -> Rule:
    """Remove the rule whose id is ``ident`` (or starts with it, if only one does)."""
    from enrich.session.model import now_iso

    wanted = ident.strip().lower()
    rules = list_rules(index)
    matches = [r for r in rules if r.id == wanted] or (
        [r for r in rules if r.id.startswith(wanted)] if len(wanted) >= 4 else []
    )
    if not matches:
        raise RuleError(f"no rule with id '{ident}' (see 'kontext rules list')")
    if len(matches) > 1:
        raise RuleError(f"'{ident}' matches {len(matches)} rules; give more of the id")
    rule = matches[0]
    removed = read_removed(index.path)
    removed[rule.id] = max(now_iso(), rule.at)
    try:
        _write_removed(index.path, removed)
    except OSError as exc:
        raise RuleError(f"cannot write {rules_path(index.path)}: {exc.strerror or exc}") from exc
    return rule
