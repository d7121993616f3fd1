"""``kontext annotate`` and ``kontext lookup``: headless, they print entities and cards."""

from __future__ import annotations

import argparse
import sys

from enrich import annotate, load_article
from enrich.enricher import Enricher
from tui.cli.annotate_table import print_annotation
from tui.cli.lookup_card import print_card
from tui.cli.read_options import LookupOptions, lookup_options, resolve_source
from tui.cli.safe_output import print_json, print_lookup_warnings, safe_line
from tui.cli.sessions import save_annotation


def enricher_for(options: LookupOptions) -> Enricher:
    """An Enricher as the merged flags and config.toml ask."""
    return Enricher(preferred_lang=options.prefer, offline=options.offline, api_url=options.api_url)


def cmd_annotate(args: argparse.Namespace) -> int:
    article = load_article(resolve_source(args.source), lang=args.lang)
    annotation = annotate(article, model=args.model)
    cards = {}
    if args.enrich:
        options = lookup_options(args)
        with enricher_for(options) as enricher:
            cards = enricher.enrich(annotation)
        print_lookup_warnings(cards.values())
        say_offline(options.offline, enricher.went_offline)
    if args.save is not None:
        save_annotation(args.save, annotation, cards, force=args.force)
    if args.json:
        data = annotation.to_json()
        if args.enrich:
            for entity in data["entities"]:
                entity["enrichment"] = cards[entity["id"]].to_json()
        print_json(data)
    else:
        print_annotation(annotation)
    return 0


def cmd_lookup(args: argparse.Namespace) -> int:
    options = lookup_options(args)
    with enricher_for(options) as enricher:
        card = enricher.lookup(args.term, args.lang, context=args.context, label=args.label)
    for warning in enricher.warnings:  # a broken user glossary: said once, like annotate
        print(f"kontext: warning: {warning}", file=sys.stderr)
    print_lookup_warnings([card])
    if args.json:
        print_json(card.to_json())
    else:
        print_card(card)
    say_offline(options.offline, enricher.went_offline)
    return 0


def say_offline(offline: bool, went_offline: str) -> None:
    """One calm line when lookups used only the cache: asked for, or no network."""
    if offline:
        print("kontext: offline: only the cache, glossary and facts were used", file=sys.stderr)
    elif went_offline:
        print(
            f"kontext: offline: {safe_line(went_offline)}; showing cached and offline facts "
            "(--offline skips trying)",
            file=sys.stderr,
        )
