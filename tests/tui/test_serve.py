"""``kontext serve``: the reader over HTTP on 127.0.0.1, through textual-serve.

The server runs as a real subprocess on a free loopback port; the page is
fetched over HTTP and the reader is driven over the websocket the page would
open (no browser needed). Every wait is bounded, and the server is stopped.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import httpx
import pytest

from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.served import Served, screen_until, start


@pytest.fixture
def served_sample() -> Iterator[Served]:
    served = start("sample:en", "--offline", "--model", "rules")
    try:
        yield served
    finally:
        assert served.stop() == 0


def test_the_page_is_html_on_loopback_with_the_apps_websocket(served_sample: Served) -> None:
    response = httpx.get(served_sample.page, timeout=20)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "<html" in response.text.lower()
    assert "Kontext" in response.text  # the page's title
    ws = served_sample.base.replace("http:", "ws:") + f"/ws/{served_sample.token}"
    assert f'data-session-websocket-url="{ws}"' in response.text


async def test_a_browser_tab_gets_the_reader_with_the_article(served_sample: Served) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(served_sample.ws_url(), origin=served_sample.base) as ws,
    ):
        await screen_until(ws, b"nuclear watchdog")  # the sample's title
        await ws.send_json(["stdin", "?"])
        await screen_until(ws, b"Kontext: keys")  # the help screen


async def test_o_in_the_browser_opens_the_url_in_a_new_tab(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
) -> None:
    article = tmp_path / "artikel.txt"
    article.write_text(
        "Nordkorea feuert Raketen ab\n\nNordkorea hat am Morgen Raketen abgefeuert.\n"
    )
    served = start(str(article), "--model", "rules", "--wiki-api", fakewiki.api_url)

    async def tab() -> dict[str, object]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(served.ws_url(), origin=served.base) as ws,
        ):
            await screen_until(ws, b"Raketen abgefeuert")
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:  # until the card has its Wikipedia URL
                await ws.send_json(["stdin", "3"])  # the next place: Nordkorea
                await ws.send_json(["stdin", "o"])
                try:
                    while True:
                        message = await ws.receive(timeout=1)
                        if message.type == aiohttp.WSMsgType.TEXT:
                            kind, data = json.loads(message.data)
                            if kind == "open_url":
                                return data
                except TimeoutError:
                    continue
            raise AssertionError("no open_url from the reader")

    try:
        opened = await tab()
    finally:
        assert served.stop() == 0
    assert opened == {"url": "https://de.wikipedia.org/wiki/Nordkorea", "new_tab": True}


def test_a_missing_file_is_one_line_and_exit_2_before_serving(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "serve", str(tmp_path / "nope.txt")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.count("\n") == 1 and "no such file" in done.stderr


def test_without_textual_serve_it_says_so_and_exits_2() -> None:
    code = (
        "import sys; sys.modules['textual_serve'] = None  # as if it were not installed\n"
        "from tui.cli import main; sys.exit(main(['serve', 'sample:en']))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 2
    assert done.stderr == (
        "kontext: error: 'kontext serve' needs the textual-serve package "
        "(pip install textual-serve)\n"
    )


def test_the_printed_url_is_one_a_browser_can_open() -> None:
    from tui.cli.serve import public_url

    assert public_url("127.0.0.1", 8000) == "http://127.0.0.1:8000"
    assert public_url("::1", 9000) == "http://[::1]:9000"
    assert public_url("[::1]", 9000) == "http://[::1]:9000"
    assert public_url("0.0.0.0", 8000) == f"http://{socket.getfqdn()}:8000"


def test_only_the_servers_own_origins_are_allowed() -> None:
    from enrich.wiki.client import is_loopback
    from tui.cli.serve_server import allowed_origins, origin_of

    assert is_loopback("[::1]") and is_loopback("::1") and not is_loopback("[2001:db8::1]")
    local = allowed_origins("http://[::1]:9000", "::1", 9000)
    assert {"http://[::1]:9000", "http://localhost:9000", "http://127.0.0.1:9000"} <= local
    proxied = allowed_origins("https://reader.example/", "127.0.0.1", 8000)
    assert origin_of("https://Reader.example:443") in proxied
    for foreign in ("http://evil.example", "http://127.0.0.1:8001", "http://reader.example"):
        assert origin_of(foreign) not in proxied | local


def test_the_page_loads_nothing_from_another_host(served_sample: Served) -> None:
    """No web font (or anything else) from an outside host: every URL is the server's."""
    import re

    html = httpx.get(served_sample.page, timeout=20).text
    urls = re.findall(r"""(?:src|href)\s*=\s*"([^"]+)"|url\(\s*"?([^")]+)"?\s*\)""", html)
    found = [u for pair in urls for u in pair if u]
    assert any(u.endswith("textual.js") for u in found)
    assert any(u.endswith(".ttf") for u in found)  # the font, served locally
    for url in found:
        assert url.startswith(served_sample.base + "/") or url.startswith("/"), url
        assert httpx.get(url, timeout=20).status_code == 200, url


async def test_the_reader_asks_for_a_click_until_the_page_has_the_focus(
    served_sample: Served,
) -> None:
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(served_sample.ws_url(), origin=served_sample.base) as ws,
    ):
        await screen_until(ws, b"Click the page to use the keys")
        await ws.send_json(["focus"])  # what textual-serve's page sends on a click
        await ws.send_json(["stdin", "?"])
        await screen_until(ws, b"Kontext: keys")
