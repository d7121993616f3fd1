"""``kontext serve``: the reader in a web browser, through textual-serve.

textual-serve runs one ``kontext read`` process per browser tab and relays
its terminal over a websocket. It listens on 127.0.0.1 unless ``--host``
says otherwise. The printed URL carries a random token made at each launch;
only pages of the server itself, opened with that token, reach a reader
(``tui.cli.serve_server``), and at most ``--max-clients`` readers run at once.
"""

from __future__ import annotations

import argparse
import socket
import sys
from pathlib import Path
from typing import Any

from enrich.errors import KontextError, SourceError
from enrich.loopback import is_loopback
from tui.cli.read_options import add_reader_options, resolve_source

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def add_parser(sub: argparse._SubParsersAction[Any]) -> None:
    serve = sub.add_parser(
        "serve",
        help="run the reader in a web browser (textual-serve)",
        description="Serve the reader over HTTP: open the printed URL in a browser. Each "
        "browser tab runs its own reader. Listens on 127.0.0.1 unless --host says otherwise.",
    )
    add_reader_options(
        serve,
        "a .txt, .md or .html file, an http(s) URL, or 'sample:de' / 'sample:en' "
        "(default: the German sample, as 'kontext demo')",
    )
    serve.add_argument("--host", default=DEFAULT_HOST, help=f"address (default: {DEFAULT_HOST})")
    serve.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, help=f"port (default: {DEFAULT_PORT})"
    )
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the URL browsers reach the server at, if not http://HOST:PORT (e.g. behind a proxy)",
    )
    serve.add_argument(
        "--max-clients",
        metavar="N",
        type=_max_clients,
        default=4,
        help="readers (browser tabs) that may run at once; one more is refused (default: 4)",
    )
    serve.set_defaults(func=_cmd_serve)


def _port(text: str) -> int:
    try:
        port = int(text)
    except ValueError:
        port = -1
    if not 1 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"not a port number (1-65535): {text!r}")
    return port


def _max_clients(text: str) -> int:
    try:
        count = int(text)
    except ValueError:
        count = 0
    if count < 1:
        raise argparse.ArgumentTypeError(f"not a positive number of readers: {text!r}")
    return count


def public_url(host: str, port: int) -> str:
    """What a browser should open: the host as given, or this machine's name for "all"."""
    if host in ("0.0.0.0", "::", ""):
        host = socket.getfqdn()
    if ":" in host and not host.startswith("["):  # an IPv6 address
        host = f"[{host}]"
    return f"http://{host}:{port}"


def read_command(args: argparse.Namespace) -> list[str]:
    """The ``kontext read`` command each browser tab runs (checked here first: exit 2 now)."""
    command = [sys.executable, "-m", "tui.cli", "read"]
    if args.session is not None:
        if args.source is not None:
            raise KontextError("give either SOURCE or --session NAME, not both")
        from enrich.session import SessionStore

        SessionStore().load(args.session)
        command += ["--session", args.session]
    else:
        source = args.source or "sample:de"
        if source == "-":
            raise SourceError("the reader cannot read stdin when served; save the text to a file")
        if not source.startswith(("http://", "https://")):
            from enrich import load_article

            load_article(resolve_source(source), lang=args.lang)
            if not source.startswith("sample:"):
                source = str(Path(source).resolve())  # the tabs may start elsewhere
        command.append(source)
    for flag, value in (
        ("--lang", args.lang),
        ("--model", args.model),
        ("--wiki-api", args.wiki_api),
        ("--prefer", args.prefer),
    ):
        if value is not None:
            command += [flag, value]
    if args.offline:
        command.append("--offline")
    return command


def _cmd_serve(args: argparse.Namespace) -> int:
    try:
        from tui.cli.serve_server import KontextServer
    except ImportError as exc:
        raise KontextError(
            "'kontext serve' needs the textual-serve package (pip install textual-serve)"
        ) from exc
    command = read_command(args)
    url = (args.public_url or public_url(args.host, args.port)).rstrip("/")
    server = KontextServer(
        command, host=args.host, port=args.port, public_url=url, max_clients=args.max_clients
    )
    print(f"kontext: serving the reader at {server.launch_url} (ctrl+c stops)", flush=True)
    if not is_loopback(args.host):
        print(
            f"kontext: warning: listening on {args.host} over plain http: anyone who sees the "
            "URL (its token) on the way can use the reader and your saved sessions",
            file=sys.stderr,
            flush=True,
        )
    try:
        server.serve()
    finally:
        server.sweep()  # readers a second ctrl+c cut short
    return 0
