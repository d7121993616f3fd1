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
from pathlib import Path
from typing import TYPE_CHECKING

from tui.cli.safe_output import os_error_line, print_json, print_lookup_warnings, safe_line

if TYPE_CHECKING:
    from enrich.settings import Settings

EXIT_USAGE = 2
EXIT_INTERNAL = 1


class _Parser(argparse.ArgumentParser):
    """argparse with our one-line error format (it already exits with 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"kontext: error: {message} (see 'kontext --help')\n")


def sample_path(lang: str) -> Path:
    """Path of a bundled sample article ("de" or "en")."""
    import enrich.samples  # a plain package directory; importlib.resources costs 9 ms at start-up

    return Path(enrich.samples.__file__).parent / f"article-{lang}.txt"


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
    _add_wiki_options(ann)
    ann.set_defaults(func=_cmd_annotate)

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
    _add_wiki_options(look)
    look.set_defaults(func=_cmd_lookup)

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
    ev.set_defaults(func=_cmd_eval_ner)

    read = sub.add_parser(
        "read",
        help="read an article in the reader (a Textual app)",
        description="Open an article with its entities highlighted and explained.",
    )
    read.add_argument(
        "source",
        nargs="?",
        help="a .txt, .md or .html file, an http(s) URL, or 'sample:de' / 'sample:en'",
    )
    read.add_argument(
        "--session",
        metavar="NAME",
        help="open a saved session instead of SOURCE (see 'kontext sessions list')",
    )
    read.add_argument("--lang", help="language code (default: detected; de and en built in)")
    read.add_argument(
        "--model",
        help="spaCy pipeline package name or directory to use for NER, or 'rules' for none",
    )
    _add_wiki_options(read)
    read.set_defaults(func=_cmd_read)

    demo = sub.add_parser(
        "demo",
        help="open the bundled German sample article in the reader",
        description="The reader on the bundled sample article (same as 'kontext read sample:de').",
    )
    demo.add_argument("--model", help="spaCy pipeline package name or directory, or 'rules'")
    _add_wiki_options(demo)
    demo.set_defaults(func=_cmd_read, source="sample:de", lang=None)

    from tui.cli.glossary import add_parser as add_glossary_parser

    add_glossary_parser(sub)
    from tui.cli.sessions import add_parser as add_sessions_parser

    add_sessions_parser(sub)
    from tui.cli.entities import add_parser as add_entities_parser

    add_entities_parser(sub)
    from tui.cli.serve import add_parser as add_serve_parser

    add_serve_parser(sub)
    return parser


def _add_wiki_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--offline", action="store_true", help="use only the cache, glossary and offline facts"
    )
    parser.add_argument(
        "--wiki-api",
        metavar="URL",
        type=wiki_api_url,
        help="MediaWiki API endpoint instead of https://{lang}.wikipedia.org/w/api.php "
        "(also KONTEXT_WIKI_API)",
    )
    parser.add_argument(
        "--prefer", metavar="LANG", help="also show summaries in this language (e.g. en)"
    )


def wiki_api_url(text: str) -> str:
    """``--wiki-api``'s type: an empty value must not quietly mean the public Wikipedia."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "--wiki-api is empty; give a MediaWiki API URL such as "
            "https://de.wikipedia.org/w/api.php, or leave the option out"
        )
    return text


def _enricher(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """An Enricher from the flags, with config.toml supplying what they leave open."""
    from enrich.enricher import Enricher
    from enrich.settings import load_settings

    settings, warnings = load_settings()
    for warning in warnings:
        print(f"kontext: warning: {warning}", file=sys.stderr)
    args.offline = args.offline or settings.offline
    return Enricher(
        preferred_lang=args.prefer or settings.preferred_language,
        offline=args.offline,
        api_url=wiki_api(args, settings),
    )


def wiki_api(args: argparse.Namespace, settings: Settings) -> str | None:
    """--wiki-api, else config.toml's wiki_api; checked here so that an empty or bad
    value is a usage error at once (exit 2), even with --offline or in the reader."""
    from enrich.wiki.client import configured_endpoint

    api_url = args.wiki_api if args.wiki_api is not None else settings.wiki_api
    configured_endpoint(api_url)
    return api_url


class _VersionAction(argparse.Action):
    """``--version``, looked up only when asked: importlib.metadata costs 20 ms of
    every start (it pulls in the email package), before the reader's first paint."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS) -> None:
        super().__init__(
            option_strings, dest=dest, default=argparse.SUPPRESS, nargs=0, help="show the version"
        )

    def __call__(self, parser: argparse.ArgumentParser, *args: object) -> None:
        print(f"kontext {_version()}")
        parser.exit()


def _version() -> str:
    from enrich.versions import kontext_version

    return kontext_version()


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
    cards = {}
    if args.enrich:
        with _enricher(args) as enricher:
            cards = enricher.enrich(annotation)
        print_lookup_warnings(cards.values())
        _say_offline(args, enricher.went_offline)
    if args.save is not None:
        from tui.cli.sessions import save_annotation

        save_annotation(args.save, annotation, cards, force=args.force)
    if args.json:
        data = annotation.to_json()
        if args.enrich:
            for entity in data["entities"]:  # type: ignore[union-attr]
                entity["enrichment"] = cards[entity["id"]].to_json()
        print_json(data)
    else:
        from tui.cli.annotate_table import print_annotation

        print_annotation(annotation)
    return 0


def _cmd_lookup(args: argparse.Namespace) -> int:
    with _enricher(args) as enricher:
        card = enricher.lookup(args.term, args.lang, context=args.context, label=args.label)
    for warning in enricher.warnings:  # a broken user glossary: said once, like annotate
        print(f"kontext: warning: {warning}", file=sys.stderr)
    print_lookup_warnings([card])
    if args.json:
        print_json(card.to_json())
    else:
        from tui.cli.lookup_card import print_card

        print_card(card)
    _say_offline(args, enricher.went_offline)
    return 0


def _say_offline(args: argparse.Namespace, went_offline: str) -> None:
    """One calm line when lookups used only the cache: asked for, or no network."""
    if args.offline:
        print("kontext: offline: only the cache, glossary and facts were used", file=sys.stderr)
    elif went_offline:
        print(
            f"kontext: offline: {safe_line(went_offline)}; showing cached and offline facts "
            "(--offline skips trying)",
            file=sys.stderr,
        )


def _cmd_read(args: argparse.Namespace) -> int:
    """Load the article or session here (bad input: one line, exit 2), then run the reader."""
    import gc

    # Start-up allocates a lot and survives: collections in between only cost
    # time (bench: ~25 ms of the first paint). The reader freezes what exists
    # and collects again once the article is on screen (_after_first_paint);
    # a reader that never painted (bad input) must not leave it off.
    gc.disable()
    try:
        return _read(args)
    finally:
        gc.enable()


def _read(args: argparse.Namespace) -> int:
    from enrich import load_article
    from enrich.errors import KontextError, SourceError
    from enrich.settings import load_settings

    session = store = None
    if getattr(args, "session", None) is not None:
        if args.source is not None:
            raise KontextError("give either SOURCE or --session NAME, not both")
        from enrich.session import SessionStore
        from enrich.session.convert import article_of

        store = SessionStore()  # the reader saves through it: it knows the merge base
        session = store.load(args.session)
        article = article_of(session.article)
    elif args.source is None:
        raise KontextError("give an article to read, or --session NAME (see 'kontext read -h')")
    elif args.source == "-":
        raise SourceError("the reader needs the terminal's stdin; save the text to a file")
    else:
        article = load_article(_resolve_source(args.source), lang=args.lang)
    settings, warnings = load_settings()
    for warning in warnings:
        print(f"kontext: warning: {warning}", file=sys.stderr)
    offline = bool(args.offline or settings.offline)
    prefer = args.prefer or settings.preferred_language
    api_url = wiki_api(args, settings)

    def enricher():  # type: ignore[no-untyped-def]
        # Built in the enrichment worker's thread, which then owns its connections.
        from enrich.enricher import Enricher

        return Enricher(preferred_lang=prefer, offline=offline, api_url=api_url)

    from tui.app import KontextApp  # textual only for the reader

    app = KontextApp(
        article,
        model=args.model,
        offline=offline,
        enricher_factory=enricher,
        session=session,
        store=store,
    )
    app.run()
    # Worker threads (a slow lookup) may still run; the reader has quit and
    # nothing of the user's is in them, so do not wait for them. Only after a
    # reader that really ran and ended: never inside a host that merely called main().
    import threading

    ran = app.return_code is not None
    if ran and any(
        t.name.startswith("kontext-worker") and t.is_alive() for t in threading.enumerate()
    ):
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(0)
    return 0


def _cmd_eval_ner(args: argparse.Namespace) -> int:
    from enrich.errors import SourceError
    from enrich.nlp.evaluate import evaluate_file

    if not args.file.is_file():
        raise SourceError(f"cannot read '{args.file}': no such file")
    try:
        scores = evaluate_file(args.file, lang=args.lang, model=args.model).to_json()
    except (UnicodeDecodeError, IndexError, ValueError) as exc:
        raise SourceError(f"'{args.file}' is not GermEval TSV data ({type(exc).__name__})") from exc
    if args.json:
        json.dump(scores, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return 0
    from rich.console import Console
    from rich.table import Table

    table = Table(
        title=f"{args.file.name} · {scores['recognizer']} · {scores['sentences']} sentences"
    )
    for col in ("label", "P", "R", "F1", "support"):
        table.add_column(col, justify="right" if col != "label" else "left")
    for label, row in scores["per_label"].items():  # type: ignore[union-attr]
        table.add_row(
            label, f"{row['p']:.3f}", f"{row['r']:.3f}", f"{row['f1']:.3f}", str(row["support"])
        )
    micro = scores["micro"]
    table.add_row(
        "micro", f"{micro['p']:.3f}", f"{micro['r']:.3f}", f"{micro['f1']:.3f}", "", style="bold"
    )
    Console().print(table)
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``kontext`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    from enrich.errors import KontextError

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
