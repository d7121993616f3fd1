"""The ``kontext`` command line.

Argument parsing and the dispatch to each command's module. Only ``read`` and
``demo`` import textual (``tui/cli/read.py``); ``annotate`` stays headless so it
starts fast and works over SSH pipes. Every error the user can fix becomes
one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from enrich.errors import KontextError
from enrich.versions import kontext_version
from tui.cli.entities import add_parser as add_entities_parser
from tui.cli.glossary import add_parser as add_glossary_parser
from tui.cli.keys import add_parser as add_keys_parser
from tui.cli.read_options import add_reader_options, add_wiki_options
from tui.cli.safe_output import os_error_line, safe_line
from tui.cli.serve import add_parser as add_serve_parser
from tui.cli.sessions import add_parser as add_sessions_parser
from tui.startup import lazy_command

EXIT_USAGE = 2
EXIT_INTERNAL = 1


class _Parser(argparse.ArgumentParser):
    """argparse with our one-line error format (it already exits with 2)."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"kontext: error: {message} (see 'kontext --help')\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kontext",
        description="A terminal reading assistant: highlights and explains the entities of an "
        "article.",
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    ann = sub.add_parser(
        "annotate",
        help="list the entities of an article",
        description="Find people, organisations, places, abbreviations and domain terms in an "
        "article and list them as a table or as JSON.",
    )
    ann.add_argument(
        "source",
        help="a .txt, .md or .html file, an http(s) URL, '-' for stdin, "
        "or 'sample:de' / 'sample:en' for a bundled sample",
    )
    ann.add_argument("--lang", help="language code (default: detected; de and en built in)")
    ann.add_argument(
        "--model",
        help="spaCy pipeline package name or directory to use for NER, or 'rules' for none",
    )
    ann.add_argument("--json", action="store_true", help="print machine-readable JSON")
    ann.add_argument(
        "--enrich", action="store_true", help="add glossary, Wikipedia and facts per entity"
    )
    ann.add_argument(
        "--save",
        metavar="NAME",
        help="also save the result as session NAME (see 'kontext sessions')",
    )
    ann.add_argument(
        "--force", action="store_true", help="with --save: replace a session of another article"
    )
    add_wiki_options(ann)
    ann.set_defaults(func=lazy_command("tui.cli.annotate:cmd_annotate"))

    look = sub.add_parser(
        "lookup",
        help="explain one term: glossary, Wikipedia, facts",
        description="Look a term up in the glossary, Wikipedia (cached) and offline facts.",
    )
    look.add_argument("term")
    look.add_argument("--lang", default="de", help="language of the term (default: de)")
    look.add_argument("--context", default="", help="words around the term, for disambiguation")
    look.add_argument("--label", choices=["PER", "ORG", "LOC", "MISC", "TERM"])
    look.add_argument("--json", action="store_true", help="print machine-readable JSON")
    add_wiki_options(look)
    look.set_defaults(func=lazy_command("tui.cli.annotate:cmd_lookup"))

    ev = sub.add_parser(
        "eval-ner",
        help="score the recognizer on GermEval-format data",
        description="Score the whole pipeline (model, rules, gazetteers, clustering) on a "
        "GermEval 2014 TSV file: exact-match outer spans, P/R/F1 per label and micro.",
    )
    ev.add_argument("file", type=Path, help="a GermEval-format .tsv file")
    ev.add_argument("--lang", default="de", help="language of the data (default: de)")
    ev.add_argument("--model", help="spaCy pipeline package name or directory to use for NER")
    ev.add_argument("--json", action="store_true", help="print machine-readable JSON")
    ev.set_defaults(func=lazy_command("tui.cli.eval_ner:cmd_eval_ner"))

    read = sub.add_parser(
        "read",
        help="read an article in the reader (a Textual app)",
        description="Open an article with its entities highlighted and explained.",
    )
    add_reader_options(
        read, "a .txt, .md or .html file, an http(s) URL, or 'sample:de' / 'sample:en'"
    )
    read.set_defaults(func=lazy_command("tui.cli.read:cmd_read"))

    demo = sub.add_parser(
        "demo",
        help="open the bundled German sample article in the reader",
        description="The reader on the bundled sample article (same as 'kontext read sample:de').",
    )
    demo.add_argument("--model", help="spaCy pipeline package name or directory, or 'rules'")
    add_wiki_options(demo)
    demo.set_defaults(
        func=lazy_command("tui.cli.read:cmd_read"), source="sample:de", lang=None, session=None
    )

    add_glossary_parser(sub)
    add_sessions_parser(sub)
    add_entities_parser(sub)
    add_keys_parser(sub)
    add_serve_parser(sub)
    return parser


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked (tui/startup.py: importlib.metadata
    costs 20 ms of every start, before the reader's first paint)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"kontext {kontext_version()}")
        parser.exit()


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kontext`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KontextError as exc:
        print(f"kontext: error: {safe_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kontext annotate ... | head`: the reader went away; that is fine.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as exc:  # a read-only home, a full disk: the user's environment
        if os.environ.get("KONTEXT_DEBUG"):
            raise
        print(f"kontext: error: {os_error_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug, not bad input: still one line unless asked for more
        if os.environ.get("KONTEXT_DEBUG"):
            raise
        print(
            f"kontext: internal error: {type(exc).__name__}: {safe_line(exc)} "
            "(set KONTEXT_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL
