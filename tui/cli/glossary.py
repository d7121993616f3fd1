"""``kontext glossary``: list, show, add and remove glossary entries.

Wire it into the main parser with ``add_parser(sub)``; every subcommand sets
``func`` like the other commands, so ``main`` runs it and turns a
``KontextError`` into one line on stderr and exit code 2. Output is built
from rich ``Text`` objects only, so text from glossary files is never read
as markup. Nothing here imports textual or spaCy.
"""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from tui.cli.safe_output import plain_console

if TYPE_CHECKING:
    from rich.text import Text

    from enrich.glossary import Entry

LANGS = ("de", "en")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``glossary list|show|add|remove`` on the main parser's subparsers."""
    parser = subparsers.add_parser(
        "glossary",
        help="list, show and edit glossary entries",
        description="Kontext explains terms from its bundled glossary and from your own "
        "(glossary.toml in Kontext's config directory). Your entries take precedence.",
    )
    sub = parser.add_subparsers(dest="glossary_command", required=True, metavar="COMMAND")

    ls = sub.add_parser("list", help="list glossary entries", description="List entries.")
    ls.add_argument(
        "--source", choices=("all", "user", "bundled"), default="all", help="default: all"
    )
    ls.add_argument("--lang", choices=LANGS, default="de", help="definition language")
    ls.set_defaults(func=cmd_list)

    show = sub.add_parser(
        "show",
        help="explain one term",
        description="Show the entry for a term, an alias or an inflected form of one.",
    )
    show.add_argument("term")
    show.add_argument("--lang", choices=LANGS, default="de", help="language of the term")
    show.set_defaults(func=cmd_show)

    add = sub.add_parser(
        "add",
        help="add or update an entry in your glossary",
        description="Add a term to your glossary, or update your entry for it.",
    )
    add.add_argument("term")
    add.add_argument("--definition", required=True, help="one or two sentences")
    add.add_argument("--label", default="TERM", help="PER, ORG, LOC, MISC or TERM (default)")
    add.add_argument(
        "--alias", action="append", default=[], help="another name or form (repeatable)"
    )
    add.add_argument("--lang", choices=LANGS, default="de", help="definition language")
    add.set_defaults(func=cmd_add)

    rm = sub.add_parser(
        "remove", help="remove an entry from your glossary", description="Remove your entry."
    )
    rm.add_argument("term")
    rm.set_defaults(func=cmd_remove)
    return parser


def _warn(warnings: list[str]) -> None:
    if not warnings:
        return
    from rich.text import Text

    err = plain_console(stderr=True)
    for warning in warnings:
        err.print(Text.assemble(("kontext: warning: ", "yellow"), warning))


def _heading(entry: Entry, source: str) -> Text:
    from rich.text import Text

    return Text.assemble(
        (entry.term, "bold"), "  ", (str(entry.label), "cyan"), "  ", (source, "dim")
    )


def cmd_list(args: argparse.Namespace) -> int:
    from rich.text import Text

    from enrich.glossary import load_glossary
    from enrich.mention_counts import plural

    glossary, warnings = load_glossary()
    _warn(warnings)
    out = plain_console()
    matches = [m for m in glossary.entries() if args.source in ("all", m.source)]
    for match in sorted(matches, key=lambda m: (m.entry.id, m.entry.term)):
        line = _heading(match.entry, match.source)
        line.append("  ")
        line.append(match.entry.definition(args.lang))
        out.print(line)
    out.print(Text(plural(len(matches), "entry", "entries"), style="dim"))
    return 0


def cmd_show(args: argparse.Namespace) -> int:
    from rich.text import Text

    from enrich.errors import KontextError
    from enrich.glossary import load_glossary

    glossary, warnings = load_glossary()
    _warn(warnings)
    match = glossary.resolve(args.term, args.lang)
    if match is None:
        raise KontextError(f"no glossary entry for '{args.term}' (see 'kontext glossary list')")
    entry = match.entry
    out = plain_console()
    out.print(_heading(entry, match.source))
    if entry.aliases:
        out.print(Text.assemble(("also: ", "dim"), ", ".join(entry.aliases)))
    for lang in LANGS:
        text = getattr(entry, f"definition_{lang}")
        if text:
            out.print(Text.assemble((f"{lang}: ", "dim"), text))
    if entry.wikipedia is not None:
        titles = [f"{k}: {v}" for k, v in (("de", entry.wikipedia.de), ("en", entry.wikipedia.en))]
        titles = [t for t in titles if not t.endswith(": ")]
        if titles:
            out.print(Text.assemble(("Wikipedia: ", "dim"), " · ".join(titles)))
    if entry.related:
        out.print(Text.assemble(("related: ", "dim"), ", ".join(entry.related)))
    return 0


def cmd_add(args: argparse.Namespace) -> int:
    from rich.text import Text

    from enrich.glossary import add_entry, load_glossary, user_glossary_path

    path = user_glossary_path()
    entry = add_entry(args.term, args.definition, args.label, tuple(args.alias), args.lang)
    out = plain_console()
    out.print(Text(f"saved '{entry.term}' ({entry.label}) in {path}"))
    glossary, _ = load_glossary(user=False)
    bundled = glossary.lookup(entry.term, args.lang)
    if bundled is not None and bundled.id == entry.id:
        out.print(Text("your entry takes precedence over the bundled one", style="dim"))
    return 0


def cmd_remove(args: argparse.Namespace) -> int:
    from rich.text import Text

    from enrich.glossary import remove_entry, user_glossary_path

    path = user_glossary_path()
    entry = remove_entry(args.term)
    plain_console().print(Text(f"removed '{entry.term}' from {path}"))
    return 0
