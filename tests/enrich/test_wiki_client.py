"""The wikipedia-api clients Kontext builds: endpoint, User-Agent, routing, quirks."""

from __future__ import annotations

import subprocess
import sys

import pytest

from enrich.errors import KontextError
from enrich.wiki.client import WikiClient, WikiError, WikiSettings, parse_endpoint, user_agent
from enrich.wiki.lookup import WikiLookup
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8080/w/api.php",
        "http://127.3.4.5/w/api.php",
        "http://[::1]:9000/w/api.php",
        "http://localhost:9000/w/api.php",
        "https://wiki.example.org/w/api.php",
        "https://{lang}.wiki.example.org/w/api.php",
    ],
)
def test_endpoint_accepts_https_and_loopback_http(url: str) -> None:
    endpoint = parse_endpoint(url)
    assert endpoint.path == "/w/api.php"


@pytest.mark.parametrize(
    "url", ["http://wiki.example.org/w/api.php", "http://10.0.0.1/w/api.php", "ftp://x/y", "nope"]
)
def test_endpoint_refuses_plain_http_elsewhere(url: str) -> None:
    with pytest.raises(KontextError) as info:
        parse_endpoint(url)
    message = str(info.value)
    assert "\n" not in message and "--wiki-api" in message


def test_bad_endpoint_in_the_environment_fails_before_any_lookup(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KONTEXT_WIKI_API", "http://wiki.example.org/w/api.php")
    with pytest.raises(KontextError, match="plain http is only allowed"):
        WikiLookup()


def test_user_agent_follows_wikimedia_policy() -> None:
    agent = user_agent()
    assert agent.startswith("Kontext/")
    assert "(https://github.com/kontext-reader/kontext)" in agent
    assert agent.endswith("wikipedia-api/0.16.0")


def test_library_page_goes_through_the_endpoint_with_host_and_agent(fakewiki: FakeWiki) -> None:  # noqa: F811
    client = WikiClient(WikiSettings(timeout=2.0))
    try:
        page = client.wiki("de").page("DVRK")
        assert page.summary.startswith("Nordkorea, amtlich")
        assert page.title == "Nordkorea"  # the library followed the redirect
        full = client.wiki("de").page("Nordkorea")
        assert [s.title for s in full.sections] == ["Geschichte", "Politik"]
        links = client.wiki("de").page("Nordkorea").langlinks
        assert {code: p.title for code, p in links.items()} == {"en": "North Korea"}
        assert client.search("en", "Joint Chiefs")[:2] == [
            "Joint Chiefs of Staff (South Korea)",
            "Joint Chiefs of Staff",
        ]
    finally:
        client.close()
    seen = fakewiki.requests[0]
    assert seen.headers["Host"] == "de.wikipedia.org"
    assert seen.headers["User-Agent"] == user_agent()
    assert {r.lang for r in fakewiki.requests} == {"de", "en"}


def test_library_keyerror_quirk_becomes_a_wiki_error(fakewiki: FakeWiki) -> None:  # noqa: F811
    """wikipedia-api raises KeyError('pages') for an interwiki title like "en:Berlin"."""
    client = WikiClient(WikiSettings(timeout=2.0))
    try:
        page = client.wiki("de").page("en:Berlin")
        with pytest.raises(WikiError, match="unexpected answer"):
            client.call("de", lambda: page.summary)
    finally:
        client.close()


def test_batched_query_maps_interwiki_titles_to_not_found(fakewiki: FakeWiki) -> None:  # noqa: F811
    from enrich.wiki.batch import query_pages

    client = WikiClient(WikiSettings(timeout=2.0))
    try:
        pages = query_pages(client, "de", ["en:Berlin", "Russland"])
    finally:
        client.close()
    assert pages["en:Berlin"]["exists"] is False and pages["en:Berlin"]["interwiki"] == "en"
    assert pages["Russland"]["exists"] is True


def test_importing_enrich_and_enrich_wiki_stays_cheap() -> None:
    code = (
        "import sys, enrich, enrich.wiki, enrich.cache\n"
        "bad = [m for m in ('httpx', 'wikipediaapi', 'textual') if m in sys.modules]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""
