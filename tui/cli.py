"""The ``kontext`` command line.

Only the reader commands import textual; ``annotate`` stays headless so it
starts fast and works over SSH pipes. Every error the user can fix becomes
one line on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

EXIT_USAGE = 2
EXIT_INTERNAL = 1


class _Parser(argparse.ArgumentParser):
    """argparse with our one-line error format (it already exits with 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"kontext: error: {message} (see 'kontext --help')\n")


def sample_path(lang: str) -> Path:
    """Path of a bundled sample article ("de" or "en")."""
    return Path(str(resources.files("enrich.samples").joinpath(f"article-{lang}.txt")))


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="kontext",
        description="A terminal reading assistant: highlights and explains the entities of an "
        "article.",
    )
    parser.add_argument("--version", action="version", version=f"kontext {_version()}")
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
    ann.add_argument("--model", help="spaCy pipeline package name or directory to use for NER")
    ann.add_argument("--json", action="store_true", help="print machine-readable JSON")
    ann.set_defaults(func=_cmd_annotate)
    return parser


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("kontext-reader")
    except PackageNotFoundError:
        return "0+unknown"


def _resolve_source(source: str) -> str:
    if source.startswith("sample:"):
        lang = source.split(":", 1)[1]
        if lang not in ("de", "en"):
            from enrich.errors import SourceError

            raise SourceError(f"unknown sample '{source}'; use sample:de or sample:en")
        return str(sample_path(lang))
    return source


def _cmd_annotate(args: argparse.Namespace) -> int:
    from enrich import annotate, load_article

    article = load_article(_resolve_source(args.source), lang=args.lang)
    annotation = annotate(article, model=args.model)
    if args.json:
        json.dump(annotation.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from tui.annotate_table import print_annotation

        print_annotation(annotation)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kontext`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from enrich.errors import KontextError

    try:
        return int(args.func(args))
    except KontextError as exc:
        print(f"kontext: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `kontext annotate ... | head`: the reader went away; that is fine.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as exc:  # a bug, not bad input: still one line unless asked for more
        if os.environ.get("KONTEXT_DEBUG"):
            raise
        print(
            f"kontext: internal error: {type(exc).__name__}: {exc} "
            "(set KONTEXT_DEBUG=1 for the traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


if __name__ == "__main__":
    sys.exit(main())
