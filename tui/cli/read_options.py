"""The options ``read``, ``demo`` and ``serve`` share, and the one place flags meet config.toml.

``serve`` starts ``kontext read`` per browser tab, so it takes read's options
by calling the same ``add_reader_options``; ``annotate`` and ``lookup`` take
the Wikipedia ones. ``lookup_options`` merges the flags with config.toml for
all of them.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import enrich.samples  # a plain package directory; importlib.resources costs 9 ms at start-up
from enrich.errors import SourceError
from enrich.settings import load_settings
from enrich.wiki.endpoint import configured_endpoint


def sample_path(lang: str) -> Path:
    """Path of a bundled sample article ("de" or "en")."""
    return Path(enrich.samples.__file__).parent / f"article-{lang}.txt"


def resolve_source(source: str) -> str:
    """``sample:de`` / ``sample:en`` to the bundled file; anything else unchanged."""
    if source.startswith("sample:"):
        lang = source.split(":", 1)[1]
        if lang not in ("de", "en"):
            raise SourceError(f"unknown sample '{source}'; use sample:de or sample:en")
        return str(sample_path(lang))
    return source


def wiki_api_url(text: str) -> str:
    """``--wiki-api``'s type: an empty value must not quietly mean the public Wikipedia."""
    if not text.strip():
        raise argparse.ArgumentTypeError(
            "--wiki-api is empty; give a MediaWiki API URL such as "
            "https://de.wikipedia.org/w/api.php, or leave the option out"
        )
    return text


def add_wiki_options(parser: argparse.ArgumentParser) -> None:
    """``--offline``, ``--wiki-api``, ``--prefer``: how lookups reach Wikipedia."""
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


def add_reader_options(parser: argparse.ArgumentParser, source_help: str) -> None:
    """What the reader is opened on: SOURCE or ``--session``, ``--lang``, ``--model`` and
    the Wikipedia options. ``read`` and ``serve`` both declare theirs here."""
    parser.add_argument("source", nargs="?", help=source_help)
    parser.add_argument(
        "--session",
        metavar="NAME",
        help="open a saved session instead of SOURCE (see 'kontext sessions list')",
    )
    parser.add_argument("--lang", help="language code (default: detected; de and en built in)")
    parser.add_argument(
        "--model",
        help="spaCy pipeline package name or directory to use for NER, or 'rules' for none",
    )
    add_wiki_options(parser)


@dataclass(frozen=True)
class LookupOptions:
    """How lookups run, after the flags and config.toml have been merged."""

    offline: bool
    prefer: str | None
    api_url: str | None


def lookup_options(args: argparse.Namespace) -> LookupOptions:
    """The flags, with config.toml supplying what they leave open; its warnings said once.

    The endpoint is checked here so that an empty or bad value is a usage error
    at once (exit 2), even with --offline or in the reader.
    """
    settings, warnings = load_settings()
    for warning in warnings:
        print(f"kontext: warning: {warning}", file=sys.stderr)
    api_url = args.wiki_api if args.wiki_api is not None else settings.wiki_api
    configured_endpoint(api_url)
    return LookupOptions(
        offline=bool(args.offline or settings.offline),
        prefer=args.prefer or settings.preferred_language,
        api_url=api_url,
    )
