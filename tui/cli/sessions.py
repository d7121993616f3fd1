"""``kontext sessions list|show|delete|export`` and ``kontext annotate --save``.

Wire it into the main parser with ``add_parser(sub)``; every subcommand sets
``func``, so ``main`` turns a ``KontextError`` into one line on stderr and exit
code 2. Session files are untrusted (hand-edited, sent by someone), so every
string from them is cleaned with ``clean_text`` and printed as a rich ``Text``,
never as markup. Nothing here imports textual or, except ``--save``, spaCy.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from enrich.text_clean import clean_line
from tui.cli.safe_output import plain_console, print_json

if TYPE_CHECKING:
    from enrich.enricher import Enrichment
    from enrich.model import Annotation
    from enrich.session import Session, SessionInfo, SessionStore

# Kept in step with enrich.export.FORMATS (a test checks); listed here so
# building the parser does not import the exporters.
FORMATS = ("md", "html", "anki", "csv", "json")


def add_parser(subparsers: Any) -> argparse.ArgumentParser:
    """Register ``sessions list|show|delete|export`` on the main parser's subparsers."""
    parser = subparsers.add_parser(
        "sessions",
        help="list, show, delete and export saved sessions",
        description="A session is your annotated reading of an article: corrections, notes, "
        "bookmarks and the position, saved as JSON in Kontext's data directory.",
    )
    sub = parser.add_subparsers(dest="sessions_command", required=True, metavar="COMMAND")

    ls = sub.add_parser("list", help="list saved sessions", description="List saved sessions.")
    ls.add_argument("--json", action="store_true", help="print machine-readable JSON")
    ls.set_defaults(func=cmd_list)

    show = sub.add_parser(
        "show",
        help="summarise one session",
        description="Show a session: the article, its entities with your corrections applied, "
        "your notes and bookmarks.",
    )
    show.add_argument("name")
    show.add_argument("--json", action="store_true", help="print the session file (JSON)")
    show.set_defaults(func=cmd_show)

    rm = sub.add_parser(
        "delete", help="delete a session", description="Delete a session and its backup."
    )
    rm.add_argument("name")
    rm.add_argument("--yes", "-y", action="store_true", help="do not ask first")
    rm.set_defaults(func=cmd_delete)

    ex = sub.add_parser(
        "export",
        help="export a session as Markdown, HTML, Anki, CSV or JSON",
        description="Write a session as md (Markdown), html (one standalone page), anki "
        "(.apkg deck), csv or json (the session itself).",
    )
    ex.add_argument("name")
    ex.add_argument("--format", "-f", choices=FORMATS, help="default: from the -o suffix, else md")
    ex.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="default: NAME plus the format's suffix; '-' for stdout",
    )
    ex.add_argument("--force", action="store_true", help="replace FILE if it exists")
    ex.set_defaults(func=cmd_export)
    return parser


def _when(stamp: str) -> str:
    from tui.cli.session_summary import when

    return when(stamp)


def _store() -> SessionStore:
    from enrich.session import SessionStore

    return SessionStore()


# -- list ------------------------------------------------------------------


def cmd_list(args: argparse.Namespace) -> int:
    store = _store()
    infos = store.list()
    if args.json:
        print_json([_info_json(i) for i in infos])
        return 0
    from rich.table import Table
    from rich.text import Text

    out = plain_console()
    if not infos:
        out.print(
            Text(
                f"no sessions yet in {store.root}; "
                "create one with 'kontext annotate SOURCE --save NAME'"
            )
        )
        return 0
    table = Table(expand=True)
    table.add_column("Name", overflow="fold")
    table.add_column("Title", ratio=3, overflow="fold")
    table.add_column("Updated", no_wrap=True)
    for col in ("Entities", "Notes", "Bookmarks"):
        table.add_column(col, justify="right", no_wrap=True)
    for info in infos:
        if info.error:
            table.add_row(
                Text(clean_line(info.name)),
                Text(clean_line(info.error), style="red"),
                "",
                "",
                "",
                "",
            )
            continue
        table.add_row(
            Text(clean_line(info.name), style="bold"),
            Text(clean_line(info.title or info.source)),
            Text(_when(info.updated)),
            Text(str(info.entities)),
            Text(str(info.notes)),
            Text(str(info.bookmarks)),
        )
    out.print(table)
    unreadable = sum(1 for i in infos if i.error)
    from enrich.mention_counts import plural

    summary = f"{plural(len(infos), 'session')} in {store.root}"
    out.print(Text(summary + (f"; {unreadable} unreadable" if unreadable else ""), style="dim"))
    return 0


def _info_json(info: SessionInfo) -> dict[str, object]:
    """A listing row: file text is cleaned as it is for the table (``show --json`` is raw)."""
    from enrich.text_clean import clean_text

    return {
        "name": info.name,
        "path": str(info.path),
        "title": clean_text(info.title),
        "source": clean_text(info.source),
        "language": clean_text(info.language),
        "sha256": info.sha256,
        "updated": clean_text(info.updated),
        "entities": info.entities,
        "notes": info.notes,
        "bookmarks": info.bookmarks,
        "error": clean_text(info.error) or None,
    }


# -- show ------------------------------------------------------------------


def cmd_show(args: argparse.Namespace) -> int:
    import msgspec

    session = _store().load(args.name)
    if args.json:  # the session as saved, with nothing a terminal would obey
        print_json(msgspec.to_builtins(session))
        return 0
    from tui.cli.session_summary import print_summary

    print_summary(session, plain_console())
    return 0


# -- delete ----------------------------------------------------------------


def cmd_delete(args: argparse.Namespace) -> int:
    from rich.text import Text

    from enrich.errors import KontextError, SessionError
    from enrich.session import sanitize_name

    store = _store()
    name = sanitize_name(args.name)
    if not store.exists(name):
        raise SessionError(f"no session named '{name}' (see 'kontext sessions list')")
    if not args.yes:
        if not sys.stdin.isatty():
            raise KontextError(f"not deleting session '{name}' without asking; pass --yes")
        try:
            title = store.load(name).article.title
        except SessionError:
            title = "unreadable"
        prompt = f"Delete session '{name}' ({clean_line(title)}) and its backup? [y/N] "
        try:
            answer = input(prompt)
        except EOFError:
            answer = ""
        if answer.strip().lower() not in ("y", "yes"):
            plain_console().print(Text(f"kept session '{name}'"))
            return 0
    store.delete(name)
    plain_console().print(Text(f"deleted session '{name}'"))
    return 0


# -- export ----------------------------------------------------------------


def cmd_export(args: argparse.Namespace) -> int:
    from rich.text import Text

    from enrich.atomic import atomic_write_bytes
    from enrich.errors import KontextError
    from enrich.export import default_suffix, format_for_path, render

    session = _store().load(args.name)
    fmt = args.format or (format_for_path(args.output) if args.output else None) or "md"
    to_stdout = args.output == "-"
    path = Path(args.output or f"{session.name}{default_suffix(fmt)}")
    if not to_stdout:
        if path.is_dir():
            raise KontextError(f"'{path}' is a directory; give a file name with -o")
        if path.exists() and not args.force:
            raise KontextError(f"'{path}' exists; pass --force to replace it")
    data = render(session, fmt)
    if to_stdout:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        atomic_write_bytes(path, data)
    except OSError as exc:
        raise KontextError(f"cannot write '{path}': {exc.strerror or exc}") from exc
    plain_console().print(Text(f"exported session '{session.name}' as {fmt} to {path}"))
    return 0


# -- annotate --save -------------------------------------------------------


def save_annotation(
    name: str,
    annotation: Annotation,
    cards: dict[str, Enrichment] | None = None,
    *,
    force: bool = False,
) -> Session:
    """Save ``annotation`` (and the enrichment shown) as session ``name``.

    Saving the same article again keeps the session's corrections, notes and
    bookmarks (the store merges); another article under that name needs ``force``.
    """
    from rich.text import Text

    from enrich.nlp.pipeline import spacy_version
    from enrich.session import new_session, sanitize_name

    store = _store()
    stem = sanitize_name(name)
    session = new_session(stem, annotation, model_version=f"spaCy {spacy_version()}")
    for entity_id, card in (cards or {}).items():
        session.enrichment[entity_id] = card.card()
    # Under the session's lock the store refuses another article (or an unreadable
    # file) under this name unless ``force``; its error says which.
    result = store.save_with_report(session, overwrite=force)
    from enrich.mention_counts import plural

    err = plain_console(stderr=True)
    entities = plural(len(annotation.entities), "entity", "entities")
    for message in result.merge.messages:
        err.print(Text(f"kontext: {message}"))
    err.print(Text(f"kontext: saved session '{stem}' ({entities}) in {store.path(stem)}"))
    return result.session
