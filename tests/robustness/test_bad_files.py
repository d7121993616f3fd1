"""Bad sources through the real CLI and the loader: one clear line (exit 2) or a warning.

Never a traceback, never a hang. Kontext refuses sources over 20 MB (the
loader's ``DEFAULT_MAX_BYTES``): annotating takes seconds per megabyte, and a
file that large is not a news article.
"""

from __future__ import annotations

import gzip
import os
import socket
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from enrich.errors import SourceError
from enrich.loaders import DEFAULT_MAX_BYTES, load_article
from tests.loopback_http import LoopbackServer
from tests.robustness.hostile import assert_one_line_error, kontext, kontext_as_user

GERMAN = "Im Hafen von Kiel legten im vergangenen Jahr mehr Fähren an als je zuvor.\n"


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return str(path)


def source_error(load: Callable[[], object]) -> str:
    with pytest.raises(SourceError) as caught:
        load()
    message = str(caught.value)
    assert message and "\n" not in message
    return message


# --- through the real CLI ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("leer.txt", b"", "is empty"),
        ("bild.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64), "binary file (NUL bytes)"),
        ("nur-escapes.txt", b"\x1b[2J\x1b]0;x\x07 \n\t\n", "is empty"),
    ],
)
def test_cli_bad_file_is_one_line_and_exit_2(
    tmp_path: Path, name: str, data: bytes, says: str
) -> None:
    path = write(tmp_path, name, data)
    line = assert_one_line_error(kontext("annotate", path))
    assert says in line


def test_cli_directory_is_one_line_and_exit_2(tmp_path: Path) -> None:
    line = assert_one_line_error(kontext("annotate", str(tmp_path)))
    assert line == f"kontext: error: '{tmp_path}' is a directory, not an article"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs named pipes")
def test_cli_fifo_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "rohr"
    os.mkfifo(fifo)
    started = time.monotonic()
    line = assert_one_line_error(kontext("annotate", str(fifo), timeout=60))
    assert time.monotonic() - started < 30  # a blocking open would hit the timeout instead
    assert "is not a regular file (a named pipe)" in line


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_cli_symlink_loop_is_one_line_and_exit_2(tmp_path: Path) -> None:
    os.symlink(tmp_path / "b", tmp_path / "a")
    os.symlink(tmp_path / "a", tmp_path / "b")
    line = assert_one_line_error(kontext("annotate", str(tmp_path / "a")))
    assert "too many levels of symbolic links" in line


def test_cli_50_mb_text_is_refused_with_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "riesig.txt"
    with path.open("w", encoding="utf-8") as handle:
        for _ in range(50 * 1024 * 1024 // len(GERMAN.encode()) + 1):
            handle.write(GERMAN)
    assert path.stat().st_size > 50 * 1024 * 1024
    line = assert_one_line_error(kontext("annotate", str(path)))
    assert "is too large (50 MB; the limit is 20 MB)" in line


def test_cli_50_mb_on_stdin_is_refused_with_the_limit() -> None:
    data = GERMAN.encode() * (50 * 1024 * 1024 // len(GERMAN.encode()) + 1)
    line = assert_one_line_error(kontext("annotate", "-", stdin=data))
    assert "stdin is too large (more than 20 MB)" in line


@pytest.mark.parametrize("url", ["ftp://127.0.0.1/a.txt", "file:///etc/passwd"])
def test_cli_url_that_is_not_http_is_one_line_and_exit_2(url: str) -> None:
    line = assert_one_line_error(kontext("annotate", url))
    assert "use http:// or https://" in line


def test_cli_redirect_to_file_url_is_refused(loopback_http: LoopbackServer) -> None:
    url = loopback_http.redirect("/falle", "file:///etc/passwd")
    line = assert_one_line_error(kontext("annotate", url))
    assert "it redirects to 'file:///etc/passwd'; only http:// and https:// are followed" in line


def test_cli_invalid_utf8_gives_a_result_and_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path, "alt.txt", "Grüße aus Köln. Der Bürgermeister lädt ein.\n".encode("cp1252")
    )
    run = kontext("annotate", path, "--model", "rules")
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert "is not UTF-8; decoded as cp1252 (guessed)" in run.stdout
    assert "Köln" in run.stdout


def test_cli_utf16_with_bom_reads_like_utf8(tmp_path: Path) -> None:
    path = write(tmp_path, "utf16.txt", "Die NATO tagt in Köln.\n".encode("utf-16"))
    run = kontext("annotate", path, "--model", "rules", "--json")
    assert run.returncode == 0, run.stderr
    assert '"text": "Köln"' in run.stdout and '"warnings": []' in run.stdout


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_cli_permission_denied_is_one_line_and_exit_2(tmp_path: Path) -> None:
    path = write(tmp_path, "geheim.txt", GERMAN)
    os.chmod(path, 0)
    line = assert_one_line_error(kontext_as_user("annotate", path))
    assert line == f"kontext: error: cannot read '{path}': permission denied"


# --- through the library -------------------------------------------------------------------


def test_limit_is_20_mb() -> None:
    assert DEFAULT_MAX_BYTES == 20 * 1024 * 1024


@pytest.mark.parametrize(
    ("source", "says"),
    [
        ("", "no source given; name a file, a URL, or '-' for stdin"),
        ("a\x00b.txt", "cannot read 'a\\x00b.txt': the name contains a NUL character"),
        ("~kein-solcher-nutzer/a.txt", "cannot read '~kein-solcher-nutzer/a.txt': no such file"),
        ("/dev/zero", "'/dev/zero' is not a regular file (a device)"),
        ("x" * 5000, "file name too long"),
    ],
)
def test_odd_source_names_are_one_line_errors(source: str, says: str) -> None:
    assert says in source_error(lambda: load_article(source))


def test_compression_bomb_stops_at_the_size_cap(loopback_http: LoopbackServer) -> None:
    bomb = gzip.compress(b"a" * (30 * 1024 * 1024))
    assert len(bomb) < 100_000
    url = loopback_http.add(
        "/bombe", bomb, content_type="text/plain", headers={"Content-Encoding": "gzip"}
    )
    message = source_error(lambda: load_article(url, max_bytes=1024 * 1024))
    assert message == f"cannot fetch '{url}': body larger than 1 MB"


@pytest.fixture
def dripping_server() -> Iterator[str]:
    """Sends headers, then one byte every 0.2 s for a minute: each read is quick, the whole slow."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()
    stop = threading.Event()

    def serve() -> None:
        try:
            conn, _ = listener.accept()
        except OSError:
            return
        with conn:
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 300\r\n\r\n"
            )
            for _ in range(300):
                if stop.wait(0.2):
                    return
                try:
                    conn.sendall(b"a")
                except OSError:
                    return

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}/tropf"
    finally:
        stop.set()
        listener.close()
        thread.join(timeout=5)


def test_dripping_server_hits_the_overall_deadline(dripping_server: str) -> None:
    started = time.monotonic()
    message = source_error(lambda: load_article(dripping_server, timeout=1.0))
    assert time.monotonic() - started < 5
    assert message == f"cannot fetch '{dripping_server}': timed out after 1 s"
