"""``kontext serve`` against other web pages, too many tabs and being stopped.

A real server on a free 127.0.0.1 port, reached with aiohttp's websocket
client as a browser tab (or a hostile page) would. Waits are on events: a
frame, a close, a process exit (pidfd); each is bounded.
"""

from __future__ import annotations

import asyncio
import json
import os
import select
import signal
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import httpx
import pytest

from tests.served import PREFIX, Served, alive, descendants, screen_until, start


def wait_gone(pid: int, timeout: float = 60) -> bool:
    """Wait for ``pid`` to end (not our child: a pidfd tells), at most ``timeout`` s."""
    try:
        fd = os.pidfd_open(pid)
    except ProcessLookupError:
        return True
    try:
        select.select([fd], [], [], timeout)
    finally:
        os.close(fd)
    return not alive(pid)


@pytest.fixture
def served() -> Iterator[Served]:
    server = start("sample:en", "--offline", "--model", "rules", "--max-clients", "1")
    try:
        yield server
    finally:
        if server.process.poll() is None:
            assert server.stop() == 0


async def _handshake_status(url: str, origin: str | None) -> int:
    """The HTTP status a websocket handshake gets (101 when it is accepted)."""
    async with aiohttp.ClientSession() as session:
        try:
            async with session.ws_connect(url, origin=origin) as ws:
                await ws.close()
                return 101
        except aiohttp.WSServerHandshakeError as error:
            return error.status


def test_the_page_needs_the_printed_token(served: Served) -> None:
    good = httpx.get(served.page, timeout=20)
    assert good.status_code == 200 and served.token in good.text
    for url in (served.base + "/", served.base + "/?token=wrong"):
        refused = httpx.get(url, timeout=20)
        assert refused.status_code == 403
        assert "the full URL that <code>kontext serve</code> printed" in refused.text
        assert served.token not in refused.text


async def test_a_websocket_from_another_site_or_without_the_token_is_refused(
    served: Served,
) -> None:
    async def attempts() -> dict[str, int]:
        return {
            "foreign origin": await _handshake_status(served.ws_url(), "http://evil.example"),
            "same host, other port": await _handshake_status(served.ws_url(), "http://127.0.0.1:1"),
            "no origin": await _handshake_status(served.ws_url(), None),
            "no token": await _handshake_status(served.ws_url(token=""), served.base),
            "wrong token": await _handshake_status(served.ws_url(token="x" * 43), served.base),
        }

    refused = await attempts()
    assert refused == {
        "foreign origin": 403,
        "same host, other port": 403,
        "no origin": 403,
        "no token": 404,  # there is no websocket without a token in its path
        "wrong token": 403,
    }
    assert descendants(served.process.pid) == []  # no reader was started for any of them

    async def own_page() -> None:  # the control: its own origin with the token gets the reader
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(served.ws_url(), origin=served.base) as ws,
        ):
            await screen_until(ws, b"nuclear watchdog")

    await own_page()


async def test_one_tab_more_than_max_clients_is_told_so_and_starts_no_reader(
    served: Served,
) -> None:
    async def tabs() -> tuple[list[int], aiohttp.WSMessage, aiohttp.WSMessage]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(served.ws_url(), origin=served.base) as first,
        ):
            await screen_until(first, b"nuclear watchdog")
            readers = descendants(served.process.pid)
            async with session.ws_connect(served.ws_url(), origin=served.base) as second:
                line = await second.receive(timeout=60)
                closed = await second.receive(timeout=60)
            assert descendants(served.process.pid) == readers  # no new process
            return readers, line, closed

    readers, line, closed = await tabs()
    assert len(readers) >= 1
    assert line.type == aiohttp.WSMsgType.BINARY
    assert b"kontext: 1 reader is open already" in line.data and b"--max-clients" in line.data
    assert closed.type == aiohttp.WSMsgType.CLOSE
    assert closed.data == aiohttp.WSCloseCode.TRY_AGAIN_LATER


async def test_a_closed_tab_ends_its_reader(served: Served) -> None:
    async def tab() -> list[int]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(served.ws_url(), origin=served.base) as ws,
        ):
            await screen_until(ws, b"nuclear watchdog")
            return descendants(served.process.pid)

    readers = await tab()
    assert readers
    assert all(wait_gone(pid) for pid in readers)
    assert served.process.poll() is None  # the server itself runs on


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
async def test_stopping_the_server_ends_every_reader(served: Served, sig: int) -> None:
    async def tab() -> list[int]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(served.ws_url(), origin=served.base) as ws,
        ):
            await screen_until(ws, b"nuclear watchdog")
            readers = descendants(served.process.pid)
            assert served.stop(sig) == 0
            return readers

    readers = await tab()
    assert readers
    assert [pid for pid in readers if alive(pid)] == []


# A reader that is stuck: it ignores SIGTERM and the server's "quit", and has a
# child of its own (as the reader has its NLP process).
_STUCK_READER = textwrap.dedent(
    """
    import signal, subprocess, sys
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    child = subprocess.Popen([sys.executable, "-c", "import sys; sys.stdin.read()"],
                             stdin=subprocess.PIPE)
    sys.stdout.write("__GANGLION__\\n")
    sys.stdout.flush()
    said = b"child started"  # one data packet, as textual's web driver frames them
    sys.stdout.buffer.write(b"D" + len(said).to_bytes(4, "big") + said)
    sys.stdout.flush()
    while True:
        signal.pause()
    """
)

_SERVER = textwrap.dedent(
    """
    import sys
    from tui.cli.serve_server import KontextServer
    port = int(sys.argv[-1])
    url = f"http://127.0.0.1:{port}"
    server = KontextServer([sys.executable, sys.argv[1]], host="127.0.0.1", port=port,
                           public_url=url, grace=1.0)
    print(PREFIX + server.launch_url + " (ctrl+c stops)", flush=True)
    try:
        server.serve()
    finally:
        server.sweep()
    """
)


async def test_a_stuck_reader_and_its_child_are_killed_when_the_server_stops(
    tmp_path: Path,
) -> None:
    stuck = tmp_path / "stuck_reader.py"
    stuck.write_text(_STUCK_READER)
    code = f"PREFIX = {PREFIX!r}\n" + _SERVER
    server = start(command=[sys.executable, "-c", code, str(stuck)])

    async def tab() -> list[int]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(server.ws_url(), origin=server.base) as ws,
        ):
            await screen_until(ws, b"child started")
            group = descendants(server.process.pid)
            assert server.stop() == 0
            return group

    try:
        group = await asyncio.wait_for(tab(), 60)
    finally:
        if server.process.poll() is None:
            server.process.kill()
    assert len(group) == 2
    assert [pid for pid in group if alive(pid)] == []


async def _screen_until_any(ws: aiohttp.ClientWebSocketResponse, *needles: bytes) -> bytes:
    """The first of ``needles`` the reader paints (at most 60 s)."""
    seen = b""
    deadline = asyncio.get_running_loop().time() + 60
    while True:
        for needle in needles:
            if needle in seen:
                return needle
        left = deadline - asyncio.get_running_loop().time()
        assert left > 0, f"none of {needles!r} showed"
        message = await ws.receive(timeout=left)
        assert message.type == aiohttp.WSMsgType.BINARY, message
        seen += message.data


async def test_an_export_in_the_browser_is_a_download_not_a_file_on_the_server(
    tmp_path: Path,
) -> None:
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    server = start("sample:en", "--offline", "--model", "rules", home=tmp_path / "home", cwd=cwd)

    async def tab() -> tuple[str, bytes]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(server.ws_url(), origin=server.base) as ws,
        ):
            await screen_until(ws, b"entities")  # the header counts them: they are found
            while True:  # the session may begin a moment later: each try waits for the answer
                await ws.send_json(["stdin", "e"])
                dialog = await _screen_until_any(ws, b"downloads it as", b"Nothing to")
                if dialog == b"downloads it as":
                    break
            await ws.send_json(["stdin", "\x13"])  # ctrl+s: export
            while True:
                message = await ws.receive(timeout=60)
                if message.type == aiohttp.WSMsgType.TEXT:
                    kind, key = message.json()
                    if kind == "deliver_file_start":
                        break
            async with session.get(f"{server.base}/download/{key}") as response:
                assert response.status == 200
                got = response.headers["Content-Disposition"], await response.read()
            async with session.get(f"{server.base}/download/{key}") as again:
                assert again.status == 404  # a download key works once
            return got

    try:
        disposition, body = await asyncio.wait_for(tab(), 120)
    finally:
        assert server.stop() == 0
    assert disposition.startswith("attachment; filename=") and disposition.endswith(".md")
    assert body.startswith(b"# ") and b"nuclear watchdog" in body  # the Markdown export
    assert list(cwd.iterdir()) == []  # nothing was written where the server runs


async def test_a_reader_whose_server_is_gone_exits(served: Served) -> None:
    """``kill -9`` of the server (no chance to end its readers): each reader sees
    its parent go and quits by itself (saving first), with its NLP child."""

    async def tab() -> list[int]:
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(served.ws_url(), origin=served.base) as ws,
        ):
            await screen_until(ws, b"nuclear watchdog")
            readers = descendants(served.process.pid)
            served.process.kill()
            served.process.wait(timeout=60)
            return readers

    readers = await tab()
    assert readers
    assert [pid for pid in readers if not wait_gone(pid, timeout=60)] == []


async def test_a_closed_tab_keeps_the_change_made_just_before(tmp_path: Path) -> None:
    """Nobody is there to ask: the reader saves on its way out (no autosave needed)."""
    home = tmp_path / "home"
    server = start("sample:en", "--offline", "--model", "rules", home=home)

    async def tab() -> list[int]:
        async with (
            aiohttp.ClientSession() as session,
            # wide enough for the whole header, "unsaved" included
            session.ws_connect(server.ws_url(width=240), origin=server.base) as ws,
        ):
            await screen_until(ws, b"entities")  # the header counts them: they are found
            while True:  # the session may begin a moment later: each try waits for the answer
                await ws.send_json(["stdin", "n"])  # the first entity
                await ws.send_json(["stdin", "x"])  # reject it: an unsaved change
                if await _screen_until_any(ws, b"unsaved", b"Nothing to") == b"unsaved":
                    break
            return descendants(server.process.pid)

    try:
        readers = await asyncio.wait_for(tab(), 120)
        assert readers and all(wait_gone(pid) for pid in readers)
    finally:
        assert server.stop() == 0
    (saved,) = (home / "data" / "sessions").glob("*.json")
    corrections = json.loads(saved.read_text(encoding="utf-8"))["corrections"]
    assert [(c["op"], c["text"]) for c in corrections] == [("reject", "Finland")]
