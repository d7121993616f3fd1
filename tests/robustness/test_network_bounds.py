"""Every network read is bounded: bytes, decompressed bytes, wall time, destination, depth.

The hostile servers are made here, on 127.0.0.1 (tests/robustness/hostile_http.py).
The CLI cases run ``kontext`` in a child process and check its peak memory
(from its own rusage) and wall time; the figures are in docs/robustness.md,
"Network bounds". Deadlines are asserted as "promise + 1 s" over the time
the same command needs against a refused port (start-up included).
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from enrich.bounded_http import DestinationRefused, checked_address, exchange
from enrich.cache import Cache, default_path
from enrich.enricher import Enricher
from enrich.errors import SourceError
from enrich.loaders import load_article
from enrich.model import Annotation, Entity, Label, Mention
from enrich.wiki.client import WikiSettings
from enrich.wiki.lookup import WikiLookup
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.helpers import make_article
from tests.loopback_http import LoopbackServer, unused_port
from tests.robustness.hostile import assert_one_line_error, kontext
from tests.robustness.hostile_http import (
    Measured,
    drip,
    endless,
    fixed,
    gzip_bomb,
    measured_kontext,
    raw_server,
)
from tests.tui.helpers import screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.widgets.entity_card import EntityCard

MAX_RSS_MB = 500
API = "/w/api.php"
# Figures of the CLI cases, printed with -s (docs/robustness.md records them).
FIGURES: dict[str, Measured] = {}


def _record(name: str, result: Measured) -> Measured:
    FIGURES[name] = result
    print(f"\n[figures] {name}: {result.seconds:.2f} s, peak {result.peak_mb:.0f} MB RSS")
    return result


def _lookup(api: str, home: Path, *extra: str) -> Measured:
    return measured_kontext("lookup", "Russland", "--wiki-api", api, *extra, env=_env(home))


def _env(home: Path) -> dict[str, str]:
    return {"KONTEXT_HOME": str(home)}


@pytest.fixture(scope="module")
def startup() -> dict[str, float]:
    """Seconds the commands need when the network fails at once (start-up, imports)."""
    return {}


def _baseline(startup: dict[str, float], command: str, home: Path) -> float:
    if command not in startup:
        refused = f"http://127.0.0.1:{unused_port()}"
        if command == "lookup":
            run = _lookup(refused + API, home)
        else:
            run = measured_kontext("annotate", refused + "/a", env=_env(home))
        startup[command] = _record(f"{command} against a refused port (start-up)", run).seconds
    return startup[command]


# -- bytes: an endless answer and a gzip bomb ------------------------------------------


def test_endless_wikipedia_answer_is_cut_at_8_mb(kontext_home: Path) -> None:
    with raw_server(endless("application/json")) as base:
        result = _record("endless Wikipedia answer", _lookup(base + API, kontext_home))
    assert result.run.returncode == 0, result.run.stderr
    assert "! Wikipedia (de) sent an answer larger than 8 MB" in result.run.stdout
    assert "Traceback" not in result.run.stderr
    assert result.peak_mb < MAX_RSS_MB


def test_gzip_bomb_from_wikipedia_is_cut_after_decompression(kontext_home: Path) -> None:
    with raw_server(gzip_bomb("application/json")) as base:
        result = _record("500 MB gzip bomb (Wikipedia)", _lookup(base + API, kontext_home))
    assert result.run.returncode == 0, result.run.stderr
    assert "! Wikipedia (de) sent an answer larger than 8 MB" in result.run.stdout
    assert result.peak_mb < MAX_RSS_MB


def test_gzip_bomb_as_an_article_is_cut_after_decompression(kontext_home: Path) -> None:
    with raw_server(gzip_bomb("text/plain")) as base:
        url = base + "/bomb.txt"
        result = _record(
            "500 MB gzip bomb (article URL)",
            measured_kontext("annotate", url, env=_env(kontext_home)),
        )
    line = assert_one_line_error(result.run)
    assert line == f"kontext: error: cannot fetch '{url}': body larger than 20 MB"
    assert result.peak_mb < MAX_RSS_MB


def test_endless_article_is_cut_at_20_mb(kontext_home: Path) -> None:
    with raw_server(endless("text/plain")) as base:
        url = base + "/endless.txt"
        result = _record(
            "endless article URL", measured_kontext("annotate", url, env=_env(kontext_home))
        )
    line = assert_one_line_error(result.run)
    assert line == f"kontext: error: cannot fetch '{url}': body larger than 20 MB"
    assert result.peak_mb < MAX_RSS_MB


# -- time: one deadline over connect, headers and body ------------------------------------


def test_dripping_status_line_ends_a_wikipedia_lookup_at_5_s(
    kontext_home: Path, startup: dict[str, float]
) -> None:
    base_s = _baseline(startup, "lookup", kontext_home)
    with raw_server(drip(0.5)) as base:
        result = _record("dripping headers (Wikipedia, 5 s)", _lookup(base + API, kontext_home))
    assert result.run.returncode == 0, result.run.stderr
    assert "! Wikipedia (de) did not answer within 5 s" in result.run.stdout
    assert result.seconds <= base_s + 5 + 1, (result.seconds, base_s)
    assert result.peak_mb < MAX_RSS_MB


def test_dripping_status_line_ends_an_article_url_at_10_s(
    kontext_home: Path, startup: dict[str, float]
) -> None:
    base_s = _baseline(startup, "annotate", kontext_home)
    with raw_server(drip(0.5)) as base:
        url = base + "/drip"
        result = _record(
            "dripping headers (article URL, 10 s)",
            measured_kontext("annotate", url, env=_env(kontext_home)),
        )
    line = assert_one_line_error(result.run)
    assert line == f"kontext: error: cannot fetch '{url}': timed out after 10 s"
    assert result.seconds <= base_s + 10 + 1, (result.seconds, base_s)


def test_short_deadline_covers_headers_in_process() -> None:
    """The same with a 1 s deadline, timed around the call alone."""
    with raw_server(drip(0.3)) as base:
        started = time.monotonic()
        with pytest.raises(SourceError) as caught:
            load_article(base + "/drip", timeout=1.0)
        article_s = time.monotonic() - started
        wiki = WikiLookup(WikiSettings(api_url=base + API, timeout=1.0), cache=Cache(offline=True))
        try:
            started = time.monotonic()
            result = wiki.lookup("Russland", "de")
            wiki_s = time.monotonic() - started
        finally:
            wiki.close()
    assert str(caught.value).endswith("timed out after 1 s")
    assert result.errors == ["Wikipedia (de) did not answer within 1 s"]
    assert article_s <= 2.0 and wiki_s <= 2.0, (article_s, wiki_s)


def test_a_stuck_name_lookup_ends_at_the_deadline(monkeypatch: pytest.MonkeyPatch) -> None:
    """The system resolver cannot be made to hang here, so it is stood in for: the
    lookup of any name blocks until the test ends (literal addresses still resolve)."""
    import socket

    real = socket.getaddrinfo
    release = threading.Event()

    def stuck(host: str, *args: object, **kwargs: object) -> object:
        if host.endswith(".invalid"):
            release.wait(30)
        return real(host, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", stuck)
    wiki = WikiLookup(
        WikiSettings(api_url="https://stuck.invalid/w/api.php", timeout=1.0),
        cache=Cache(offline=True),
    )
    try:
        started = time.monotonic()
        result = wiki.lookup("Russland", "de")
        seconds = time.monotonic() - started
    finally:
        release.set()
        wiki.close()
    assert result.status == "offline" and result.errors == []
    assert wiki.went_offline == "Wikipedia (de) is not reachable (host not found)"
    assert seconds <= 2.0, seconds


def test_article_url_whose_host_does_not_resolve_is_one_line() -> None:
    with pytest.raises(SourceError) as caught:
        load_article("http://news.invalid/artikel", timeout=5.0)
    assert str(caught.value) == (
        "cannot fetch 'http://news.invalid/artikel': "
        "host not found (check the address and your network)"
    )


# -- where: redirects --------------------------------------------------------------------

_connects: list[str] = []
_watching: list[bool] = []


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "socket.connect" and _watching:
        address = args[1]
        _connects.append(str(address[0]) if isinstance(address, tuple) else str(address))


sys.addaudithook(_audit)  # cannot be removed; records only while a test watches


@pytest.fixture
def connects() -> Iterator[list[str]]:
    """Every address this process connects to during the test."""
    _connects.clear()
    _watching.append(True)
    try:
        yield _connects
    finally:
        _watching.clear()


@pytest.mark.parametrize(
    "target",
    [
        "http://169.254.169.254/latest/meta-data/",
        "http://[fe80::1]/",
        "http://10.1.2.3/",
        "http://172.16.0.1/",
        "http://192.168.1.1/",
        "http://[fc00::1]/",
        "http://0.0.0.0/",
    ],
)
def test_redirect_to_a_private_or_metadata_address_is_refused_before_connecting(
    target: str, connects: list[str]
) -> None:
    with LoopbackServer() as server:
        url = server.redirect("/go", target)
        with pytest.raises(SourceError) as caught:
            load_article(url, timeout=5.0)
    message = str(caught.value)
    assert message.startswith(f"cannot fetch '{url}': it leads to ")
    assert message.endswith(" address; Kontext follows redirects only to public addresses")
    assert connects and set(connects) == {"127.0.0.1"}  # the test server, nothing else


@pytest.mark.parametrize("target", ["file:///etc/passwd", "gopher://127.0.0.1:70/_x"])
def test_redirect_to_another_scheme_is_refused(target: str, connects: list[str]) -> None:
    with LoopbackServer() as server:
        url = server.redirect("/go", target)
        with pytest.raises(SourceError) as caught:
            load_article(url, timeout=5.0)
    assert "only http:// and https:// are followed" in str(caught.value)
    assert set(connects) == {"127.0.0.1"} and len(connects) == 1


def test_redirect_from_loopback_to_loopback_is_followed() -> None:
    with LoopbackServer() as server:
        server.add("/text.txt", "Ein Satz über Berlin.", content_type="text/plain")
        url = server.redirect("/go", server.url("/text.txt").replace("127.0.0.1", "localhost"))
        article = load_article(url, timeout=5.0)
    assert "Berlin" in article.text


@pytest.mark.parametrize(
    "address",
    ["127.0.0.1", "169.254.169.254", "10.0.0.8", "172.16.5.5", "192.168.0.1", "fc00::1", "::1"],
)
def test_after_a_public_first_host_no_private_address_is_reached(address: str) -> None:
    """What a redirect from a public site may reach (no public site exists in tests:
    the exchange is told its first host was a public one)."""
    with exchange(5.0) as current:
        current.first_host = "public.example"
        with pytest.raises(DestinationRefused):
            checked_address(address, 80)


def test_the_first_url_may_be_private_because_the_user_gave_it() -> None:
    with exchange(5.0) as current:
        assert checked_address("10.0.0.8", 80) == "10.0.0.8"  # resolves locally, no traffic
        assert current.first_host == "10.0.0.8" and "private" in current.allowed


# -- depth -------------------------------------------------------------------------------


def test_wikipedia_answer_nested_200000_deep_is_one_line(kontext_home: Path) -> None:
    body = b"[" * 200_000 + b"]" * 200_000
    with raw_server(fixed(body)) as base:
        result = _lookup(base + API, kontext_home)
    assert result.run.returncode == 0, result.run.stderr
    assert "Traceback" not in result.run.stderr and "RecursionError" not in result.run.stdout
    assert "! Wikipedia (de) sent an answer nested too deeply to read" in result.run.stdout


# -- the cache locked by another program ------------------------------------------------

LOCKER = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("PRAGMA locking_mode = EXCLUSIVE")
db.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
"""


def test_locked_cache_is_skipped_with_one_warning(
    fakewiki: FakeWiki,  # noqa: F811
    kontext_home: Path,
) -> None:
    path = default_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    sqlite3.connect(path).close()
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout is not None and locker.stdout.readline() == "locked\n"
        result = _record("locked cache", _lookup(fakewiki.api_url, kontext_home))
    finally:
        locker.communicate("", timeout=30)
    assert result.run.returncode == 0, result.run.stderr
    warnings = [line for line in result.run.stderr.splitlines() if "locked" in line]
    assert warnings == [
        f"kontext: warning: cache {path} is locked by another program; "
        "continuing without the cache for now"
    ]
    assert "Russland" in result.run.stdout  # the lookup itself worked
    assert result.seconds < 10  # it stalled 2 x 10 s before


# -- an empty --wiki-api -----------------------------------------------------------------


@pytest.mark.parametrize("how", ["flag", "environment", "config"])
def test_empty_wiki_api_is_a_usage_error(how: str, kontext_home: Path) -> None:
    args = ["lookup", "Russland"]
    env = {"KONTEXT_HOME": str(kontext_home)}
    if how == "flag":
        args += ["--wiki-api", ""]
    elif how == "environment":
        env["KONTEXT_WIKI_API"] = ""
    else:
        (kontext_home / "config").mkdir(parents=True)
        (kontext_home / "config" / "config.toml").write_text('wiki_api = ""\n')
    line = assert_one_line_error(kontext(*args, env=env, timeout=60))
    if how == "flag":
        assert line.startswith("kontext: error: argument --wiki-api: --wiki-api is empty; give")
    else:
        assert line.startswith("kontext: error: --wiki-api / KONTEXT_WIKI_API / wiki_api is empty")


@pytest.mark.parametrize("command", ["read", "serve"])
def test_empty_wiki_api_stops_the_reader_before_it_starts(command: str, kontext_home: Path) -> None:
    run = kontext(command, "sample:de", "--wiki-api", "", env=_env(kontext_home), timeout=60)
    assert "--wiki-api is empty" in assert_one_line_error(run)


def test_empty_wiki_api_in_the_config_stops_the_reader_before_it_starts(
    kontext_home: Path,
) -> None:
    (kontext_home / "config").mkdir(parents=True)
    (kontext_home / "config" / "config.toml").write_text('wiki_api = " "\n')
    run = kontext("read", "sample:de", env=_env(kontext_home), timeout=60)
    assert "wiki_api is empty" in assert_one_line_error(run)


# -- offline by itself -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("api", "reason"),
    [
        (f"http://127.0.0.1:{unused_port()}{API}", "connection refused"),
        ("https://wiki.invalid/w/api.php", "host not found"),  # .invalid never resolves
    ],
    ids=["refused", "unresolved"],  # not the port: parallel workers must collect the same ids
)
def test_lookup_without_network_says_offline_once_and_no_errno(
    api: str, reason: str, kontext_home: Path
) -> None:
    run = _lookup(api, kontext_home).run
    assert run.returncode == 0, run.stderr
    assert "Errno" not in run.stdout + run.stderr
    assert "!" not in run.stdout  # no error line on the card
    assert "„Russland“ is not in the cache, and Kontext is offline" in run.stdout
    offline = [line for line in run.stderr.splitlines() if "offline" in line]
    assert offline == [
        f"kontext: offline: Wikipedia (de) is not reachable ({reason}); "
        "showing cached and offline facts (--offline skips trying)"
    ]


def test_annotate_enrich_without_network_says_offline_once(kontext_home: Path) -> None:
    api = f"http://127.0.0.1:{unused_port()}{API}"
    args = ("annotate", "sample:de", "--enrich", "--json", "--model", "rules", "--wiki-api", api)
    run = kontext(*args, env=_env(kontext_home))
    assert run.returncode == 0, run.stderr
    assert "Errno" not in run.stdout + run.stderr
    entities = json.loads(run.stdout)["entities"]
    assert entities and all(e["enrichment"]["errors"] == [] for e in entities)
    assert run.stderr.splitlines() == [
        "kontext: offline: Wikipedia (de) is not reachable (connection refused); "
        "showing cached and offline facts (--offline skips trying)"
    ]


def test_enricher_goes_offline_after_the_first_refused_connection() -> None:
    text = "Russland und Japan und Berlin."
    article = make_article(text, "de")
    entities = tuple(
        Entity(
            f"loc-{name.lower()}",
            name,
            Label.LOC,
            (Mention(start, start + len(name), name, Label.LOC, "model"),),
        )
        for name, start in (("Russland", 0), ("Japan", 13), ("Berlin", 23))
    )
    annotation = Annotation(article, "hand-made", entities)
    with Enricher(api_url=f"http://127.0.0.1:{unused_port()}{API}") as enricher:
        cards = enricher.enrich(annotation)
        assert enricher.offline
        assert enricher.went_offline == "Wikipedia (de) is not reachable (connection refused)"
    assert all(card.errors == [] for card in cards.values())
    assert {card.wikipedia.status for card in cards.values() if card.wikipedia} == {"offline"}


async def test_reader_goes_offline_by_itself_with_one_calm_line() -> None:
    text = "Russland schickte am Dienstag weitere Schiffe in die Ostsee."
    article = make_article(text, "de")
    mention = Mention(0, 8, "Russland", Label.LOC, "model")
    annotation = Annotation(
        article, "hand-made", (Entity("loc-russland", "Russland", Label.LOC, (mention,)),)
    )
    api = f"http://127.0.0.1:{unused_port()}{API}"

    app = KontextApp(
        article, annotate=lambda a: annotation, enricher_factory=lambda: Enricher(api_url=api)
    )
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert "offline" in app.sub_title and "online" not in app.sub_title
        card = app.query_one(EntityCard).plain
        calm = "Wikipedia is not reachable; showing cached and offline facts. Press r to retry"
        assert card.count(calm) == 1
        assert card.count("not reachable") == 1
        assert "Errno" not in card and "Errno" not in screen_text(app)
        assert "!" not in card  # no error line
        # r tries again: still no network, so offline again, still said once.
        await pilot.press("r")
        await settle(pilot)
        assert "offline" in app.sub_title
        assert app.query_one(EntityCard).plain.count(calm) == 1
