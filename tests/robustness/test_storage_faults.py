"""Storage faults outside sessions: the cache, a read-only home, a full disk.

The cache never stops a lookup: a damaged file is moved aside and rebuilt
with a warning, an unwritable or full one is used without. Writing the user's
glossary fails with one line and leaves the previous file as it was.
(Session storage faults are in test_session_faults.py.)
"""

from __future__ import annotations

import errno
import os
import sqlite3
from pathlib import Path

import pytest

import enrich.atomic
import enrich.cache
from enrich.cache import Cache
from enrich.wiki.client import WikiSettings
from enrich.wiki.lookup import WikiLookup
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.robustness.hostile import assert_one_line_error, kontext, kontext_as_user
from tui.cli import main

NORDKOREA = "Nordkorea, amtlich Demokratische Volksrepublik Korea"


def test_cli_rebuilds_a_corrupted_cache_with_a_warning(
    fakewiki: FakeWiki,  # noqa: F811
    kontext_home: Path,
) -> None:
    cache = kontext_home / "cache" / "kontext-cache.sqlite3"
    cache.parent.mkdir(parents=True)
    cache.write_bytes(b"SQLite format 3\x00" + os.urandom(4000))
    run = kontext(
        "lookup",
        "Nordkorea",
        "--json",
        env={"KONTEXT_HOME": str(kontext_home), "KONTEXT_WIKI_API": fakewiki.api_url},
    )
    assert run.returncode == 0 and "Traceback" not in run.stderr
    assert NORDKOREA in run.stdout
    (warning,) = [line for line in run.stderr.splitlines() if "warning" in line]
    assert warning.startswith(f"kontext: warning: cache file {cache} was damaged")
    assert "started an empty cache" in warning
    moved = [p.name for p in cache.parent.iterdir() if ".corrupt-" in p.name]
    assert len(moved) == 1  # the damaged file is kept for inspection, not deleted


def test_full_disk_cache_still_answers_with_a_warning(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_connect = sqlite3.connect

    def tiny_disk(*args: object, **kwargs: object) -> sqlite3.Connection:
        db = real_connect(*args, **kwargs)  # type: ignore[arg-type]
        db.execute("PRAGMA max_page_count = 3")  # SQLite's own "disk is full" past 3 pages
        return db

    monkeypatch.setattr(enrich.cache.sqlite3, "connect", tiny_disk)
    fakewiki.wikis["de"].pages["Nordkorea"]["extract"] += " Mehr." * 5000  # needs new pages
    wiki = WikiLookup(WikiSettings(timeout=2.0), cache=Cache(tmp_path / "voll.sqlite3"))
    try:
        results = wiki.prefetch(["Nordkorea", "Südkorea", "Russland", "Japan"], "de")
    finally:
        wiki.close()
    assert all(r.status == "found" for r in results.values())
    assert results["Nordkorea"].summary is not None
    assert results["Nordkorea"].summary.summary.startswith(NORDKOREA)
    warnings = results["Nordkorea"].warnings
    assert any("disk is full" in w and "continuing without it" in w for w in warnings)


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_home_reads_on_and_a_write_fails_in_one_line(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "config").mkdir(parents=True)
    glossary = home / "config" / "glossary.toml"
    glossary.write_text('[[entry]]\nterm = "Alt"\ndefinition_de = "bleibt"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Die NATO tagt in Berlin.\n", encoding="utf-8")
    os.chmod(home / "config", 0o555)
    os.chmod(home, 0o555)
    env = {"KONTEXT_HOME": str(home)}
    try:
        annotated = kontext_as_user("annotate", str(article), "--model", "rules", env=env)
        looked_up = kontext_as_user("lookup", "Berlin", "--offline", env=env)
        added = kontext_as_user("glossary", "add", "Neu", "--definition", "x", env=env)
    finally:
        os.chmod(home, 0o755)
        os.chmod(home / "config", 0o755)
    assert annotated.returncode == 0 and "NATO" in annotated.stdout, annotated.stderr
    assert looked_up.returncode == 0 and "Fakten" in looked_up.stdout, looked_up.stderr
    assert "continuing without it" in looked_up.stderr  # no cache: said once, not a crash
    assert "Traceback" not in annotated.stderr + looked_up.stderr
    line = assert_one_line_error(added)
    assert "permission denied" in line
    assert glossary.read_text(encoding="utf-8").startswith('[[entry]]\nterm = "Alt"')


def test_full_disk_while_saving_the_glossary_keeps_the_old_file(
    kontext_home: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["glossary", "add", "Alt", "--definition", "Der erste Eintrag."]) == 0
    path = kontext_home / "config" / "glossary.toml"
    before = path.read_bytes()

    def no_space(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(enrich.atomic.os, "fsync", no_space)
    capsys.readouterr()
    assert main(["glossary", "add", "Neu", "--definition", "Geht verloren."]) == 2
    err = capsys.readouterr().err
    assert err == "kontext: error: no space left on device\n"
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["glossary.toml"]  # no temp file left
