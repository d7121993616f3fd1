"""``kontext entities list|show|export``, ``kontext index rebuild``, ``kontext rules list|remove``.

The headless face of the entity index (``enrich.index``): what the student
has met across articles, and the personal rules their corrections became.
Wire it into the main parser with ``add_parser(sub)``. Strings from the index
came from session files: they were cleaned when indexed and are printed as
rich ``Text``, never as markup. Nothing here imports textual or spaCy.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.cli.safe_output import plain_console, print_json

if TYPE_CHECKING:
    from rich.console import Console

    from enrich.index.entity_index import EntityIndex
    from enrich.index.model import IndexedEntity, WikiChoice

LABELS = ("PER", "ORG", "LOC", "MISC", "TERM")
DECK_FORMATS = ("anki", "csv", "md")  # kept in step with enrich.index.deck (a test checks)


def _since(value: str) -> str:
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"want a date like 2026-12-01, not {value!r}") from None


def add_parser(subparsers: Any) -> None:
    """Register ``entities``, ``index`` and ``rules`` on the main parser's subparsers."""
    ent = subparsers.add_parser(
        "entities",
        help="the entities you have met across articles",
        description="Every entity of your saved sessions, from the entity index in the data "
        "directory: the articles it appears in, your notes and your Wikipedia choice.",
    )
    sub = ent.add_subparsers(dest="entities_command", required=True, metavar="COMMAND")
    ls = sub.add_parser("list", help="list the entities you have met", description="List them.")
    ls.add_argument("--label", type=str.upper, choices=LABELS, help="only this label")
    ls.add_argument("--since", type=_since, metavar="YYYY-MM-DD", help="met on or after")
    ls.add_argument("--json", action="store_true", help="print machine-readable JSON")
    ls.set_defaults(func=cmd_list)
    show = sub.add_parser(
        "show",
        help="one entity: articles, notes, Wikipedia choice",
        description="Show an entity (by name, alias or Wikipedia title): the articles it "
        "appears in with dates, your notes newest first, and your Wikipedia choice.",
    )
    show.add_argument("name")
    show.add_argument("--json", action="store_true", help="print machine-readable JSON")
    show.set_defaults(func=cmd_show)
    ex = sub.add_parser(
        "export",
        help="everything you have met as one Anki deck, CSV or Markdown",
        description="One note or row per entity, deduplicated across articles, with your "
        "notes. Importing a later Anki export updates the notes instead of duplicating them.",
    )
    ex.add_argument("--format", "-f", choices=DECK_FORMATS, help="default: from the -o suffix")
    ex.add_argument("-o", "--output", metavar="FILE", required=True, help="'-' for stdout")
    ex.add_argument("--force", action="store_true", help="replace FILE if it exists")
    ex.set_defaults(func=cmd_export)

    idx = subparsers.add_parser(
        "index",
        help="the entity index of your sessions",
        description="The entity index is a cache of your sessions in the data directory.",
    )
    isub = idx.add_subparsers(dest="index_command", required=True, metavar="COMMAND")
    rb = isub.add_parser(
        "rebuild", help="make it again from the sessions", description="Rebuild the index."
    )
    rb.set_defaults(func=cmd_rebuild)

    rules = subparsers.add_parser(
        "rules",
        help="your personal rules (corrections that carry over)",
        description="A rejection, relabelling or addition you made in a session becomes a "
        "rule for later articles. Removing a rule undoes it from the next annotation.",
    )
    rsub = rules.add_subparsers(dest="rules_command", required=True, metavar="COMMAND")
    rl = rsub.add_parser("list", help="list the rules in force", description="List the rules.")
    rl.add_argument("--json", action="store_true", help="print machine-readable JSON")
    rl.set_defaults(func=cmd_rules_list)
    rr = rsub.add_parser("remove", help="remove a rule", description="Remove a rule by its id.")
    rr.add_argument("id", help="the rule's id (or its first characters) from 'kontext rules list'")
    rr.set_defaults(func=cmd_rules_remove)


def _open(*, sync: bool = True) -> EntityIndex:
    from rich.text import Text

    from enrich.index.entity_index import EntityIndex
    from enrich.session.store import SessionStore

    index = EntityIndex.open(store=SessionStore(), sync=sync)
    err = plain_console(stderr=True)
    for warning in index.warnings:
        err.print(Text(f"kontext: warning: {warning}"))
    return index


def _plural(n: int, word: str, many: str = "") -> str:
    from enrich.index.deck import plural

    return plural(n, word, many)


def _day(stamp: str) -> str:
    return stamp[:10]


# -- entities list ----------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    with _open() as index:
        rows = index.entities(label=args.label, since=args.since)
        articles = len(index.sessions())
    if args.json:
        from dataclasses import asdict

        print_json([asdict(r) for r in rows])
        return 0
    out = plain_console()
    if not rows:
        filtered = " matching that" if args.label or args.since else ""
        out.print(
            Text(
                f"no entities{filtered} yet; they are indexed when you save a session "
                "(kontext annotate SOURCE --save NAME, or s in the reader)"
            )
        )
        return 0
    table = Table(expand=True)
    table.add_column("Name", ratio=2, overflow="fold")
    table.add_column("Label", no_wrap=True)
    table.add_column("Articles", justify="right", no_wrap=True)
    table.add_column("Mentions", justify="right", no_wrap=True)
    table.add_column("Last seen", no_wrap=True)
    table.add_column("Wikipedia", ratio=2, overflow="fold")
    for r in rows:
        table.add_row(
            Text(r.name, style="bold"),
            Text(r.label),
            Text(str(r.articles)),
            Text(str(r.mentions)),
            Text(_day(r.last_seen)),
            Text(r.wiki_title),
        )
    out.print(table)
    out.print(
        Text(
            f"{_plural(len(rows), 'entity', 'entities')} from "
            f"{_plural(articles, 'article')} in your sessions",
            style="dim",
        )
    )
    return 0


# -- entities show ----------------------------------------------------------


def _entity_json(e: IndexedEntity) -> dict[str, object]:
    from dataclasses import asdict

    return {
        **asdict(e.summary),
        "definition": e.definition,
        "wiki_description": e.wiki_description,
        "wiki_choice": _choice_json(e.wiki_choice) if e.wiki_choice else None,
        "seen_in": [asdict(s) for s in e.sightings],
        "notes": [asdict(n) for n in e.notes],
        "corrections": [asdict(c) for c in e.corrections],
    }


def cmd_show(args: argparse.Namespace) -> int:
    from enrich.errors import KontextError

    with _open() as index:
        found = [index.entity(s.key) for s in index.find(args.name)]
    entities = [e for e in found if e is not None]
    if not entities:
        raise KontextError(
            f"no entity named {args.name!r} in your entity index (see 'kontext entities list')"
        )
    if args.json:
        print_json([_entity_json(e) for e in entities])
        return 0
    out = plain_console()
    for i, e in enumerate(entities):
        if i:
            out.print()
        _print_entity(out, e)
    return 0


def _print_entity(out: Console, e: IndexedEntity) -> None:
    from rich.text import Text

    from enrich.export.view import LABEL_NAMES

    s = e.summary
    head = Text(s.name, style="bold")
    head.append(f" · {s.label} · {LABEL_NAMES.get(s.label, s.label)}")
    out.print(head)
    if s.wiki_title:
        line = Text(f"Wikipedia: {s.wiki_title}")
        if e.wiki_description:
            line.append(f" — {e.wiki_description}")
        out.print(line)
    if e.wiki_choice:
        c = e.wiki_choice
        out.print(
            Text(f"Your Wikipedia choice: {c.title} (from '{c.article_title}', {_day(c.date)})")
        )
    if e.definition:
        out.print(Text(f"Glossary: {' '.join(e.definition.split())}"))
    out.print(Text(f"Seen in {_plural(len(e.sightings), 'article')}:"))
    for x in e.sightings:
        out.print(
            Text(
                f"  {_day(x.date)}  {x.title or x.source}  [{x.session}] · "
                f"{_plural(x.mentions, 'mention')}"
            )
        )
    if e.notes:
        out.print(Text("Your notes, newest first:"))
        for n in e.notes:
            line = Text(f"  {_day(n.updated)}  {n.title}: ", style="dim")
            line.append(" ".join(n.note.split()), style="")
            if n.tags:
                line.append("  " + " ".join(f"#{t}" for t in n.tags))
            out.print(line)
    if e.corrections:
        out.print(Text("Your corrections:"))
        for fix in e.corrections:
            what = {"reject": "rejected", "relabel": f"relabelled as {fix.label}"}.get(
                fix.op, f"added as {fix.label}"
            )
            out.print(Text(f"  {_day(fix.at) or '?'}  {fix.text!r} {what} [{fix.session}]"))


# -- entities export --------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from rich.text import Text

    from enrich.atomic import atomic_write_bytes
    from enrich.errors import KontextError
    from enrich.index.deck import format_for_suffix, render_deck

    to_stdout = args.output == "-"
    fmt = args.format or (None if to_stdout else format_for_suffix(args.output))
    if fmt is None:
        raise KontextError("give --format anki|csv|md, or an -o FILE ending in .apkg, .csv or .md")
    if to_stdout and fmt == "anki":
        raise KontextError("an Anki deck cannot go to stdout; give -o FILE.apkg")
    path = Path(args.output)
    if not to_stdout:
        if path.is_dir():
            raise KontextError(f"'{path}' is a directory; give a file name with -o")
        if path.exists() and not args.force:
            raise KontextError(f"'{path}' exists; pass --force to replace it")
    with _open() as index:
        entities = [e for s in index.entities() if (e := index.entity(s.key)) is not None]
    data = render_deck(entities, fmt)
    if to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise KontextError(f"cannot write '{path}': {exc.strerror or exc}") from exc
    plain_console().print(
        Text(f"exported {_plural(len(entities), 'entity', 'entities')} as {fmt} to {path}")
    )
    return 0


# -- index rebuild ----------------------------------------------------------


def cmd_rebuild(args: argparse.Namespace) -> int:
    from rich.text import Text

    with _open(sync=False) as index:
        count = index.rebuild()
        entities = len(index.entities())
        warnings, path = index.warnings, index.path
    err = plain_console(stderr=True)
    for warning in warnings:
        if warning.startswith("not indexed"):
            err.print(Text(f"kontext: warning: {warning}"))
    plain_console().print(
        Text(
            f"rebuilt the entity index from {_plural(count, 'session')}: "
            f"{_plural(entities, 'entity', 'entities')} ({path})"
        )
    )
    return 0


# -- rules ------------------------------------------------------------------


def cmd_rules_list(args: argparse.Namespace) -> int:
    from rich.table import Table
    from rich.text import Text

    from enrich.index.rules import list_rules

    with _open() as index:
        rules = list_rules(index)
    if args.json:
        print_json(
            [
                {
                    "id": r.id,
                    "op": r.op,
                    "name": r.name,
                    "label": r.label,
                    "at": r.at,
                    "sessions": list(r.sessions),
                }
                for r in rules
            ]
        )
        return 0
    out = plain_console()
    if not rules:
        out.print(
            Text(
                "no personal rules yet; a rejection, relabelling or addition you make in a "
                "session becomes one for later articles"
            )
        )
        return 0
    table = Table(expand=True)
    table.add_column("ID", no_wrap=True)
    table.add_column("Rule", ratio=3, overflow="fold")
    table.add_column("From", ratio=2, overflow="fold")
    table.add_column("Since", no_wrap=True)
    for r in rules:
        table.add_row(
            Text(r.id, style="bold"),
            Text(r.describe()),
            Text(f"{_plural(len(r.sessions), 'session')}: {', '.join(r.sessions)}"),
            Text(_day(r.at)),
        )
    out.print(table)
    out.print(Text(f"{_plural(len(rules), 'rule')}; remove one with 'kontext rules remove ID'"))
    return 0


def cmd_rules_remove(args: argparse.Namespace) -> int:
    from rich.text import Text

    from enrich.index.rules import remove_rule

    with _open() as index:
        rule = remove_rule(index, args.id)
    plain_console().print(
        Text(f"removed rule {rule.id} ({rule.describe()}); the next annotation goes without it")
    )
    return 0


def _choice_json(choice: WikiChoice) -> dict[str, object]:
    """The choice as before contexts: ``similarity`` only means something when carried."""
    from dataclasses import asdict

    return {k: v for k, v in asdict(choice).items() if k != "similarity"}
