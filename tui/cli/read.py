"""``kontext read`` and ``kontext demo``: load the article or session, then start the reader.

The one place ``tui.cli`` reaches the reader: the import in ``run_reader``.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from enrich import load_article
from enrich.errors import KontextError, SourceError
from tui.cli.read_options import lookup_options, resolve_source
from tui.cli.safe_output import safe_line
from tui.startup import fast_exit, paused_gc

if TYPE_CHECKING:
    from enrich.enricher import Enricher


def cmd_read(args: argparse.Namespace) -> int:
    """Load the article or session here (bad input: one line, exit 2), then run the reader."""
    with paused_gc():
        ran = _read(args)
    fast_exit(ran)
    return 0


def _read(args: argparse.Namespace) -> bool:
    """True if a reader ran and ended."""
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
        article = load_article(resolve_source(args.source), lang=args.lang)
    options = lookup_options(args)

    def enricher() -> Enricher:
        # Built in the enrichment worker's thread, which then owns its connections;
        # imported there too, after the first paint (5 ms; tui/startup.py).
        from enrich.enricher import Enricher

        return Enricher(
            preferred_lang=options.prefer, offline=options.offline, api_url=options.api_url
        )

    from tui.reader.app import KontextApp  # the one entry into the reader (textual only from here)

    while True:
        app = KontextApp(
            article,
            model=args.model,
            offline=options.offline,
            enricher_factory=enricher,
            session=session,
            store=store,
        )
        app.run()
        if not app.reader.memory.next_session or app.return_code is None:
            return app.return_code is not None
        # "Seen in": the student opened an earlier article; the reader saved on the way out.
        from enrich.session import SessionStore
        from enrich.session.convert import article_of

        store = SessionStore()
        try:
            session = store.load(app.reader.memory.next_session)
        except KontextError as exc:  # gone or broken since the reader checked: say so, stop
            print(f"kontext: error: {safe_line(str(exc))}", file=sys.stderr)
            return True
        article = article_of(session.article)
