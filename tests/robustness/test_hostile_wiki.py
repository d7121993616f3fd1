"""Hostile Wikipedia answers (from the loopback MediaWiki) are cleaned where they enter Kontext.

The page text, description, title, categories, language links and URL of an
answer are untrusted; ``enrich.wiki.batch.page_data`` cleans them once, so the
cache, the card, ``kontext lookup`` and exports all get the same safe text.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from enrich.cache import Cache
from enrich.wiki.client import WikiSettings
from enrich.wiki.lookup import WikiLookup
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.robustness.hostile import (
    BIDI,
    CLEAR,
    CLIPBOARD,
    HYPERLINK,
    TITLE,
    leaked_payloads,
    unsafe_chars,
)
from tui.cli import main
from tui.cli.lookup_card import print_card

EXTRACT = (
    f"Die [bold]Schattenflotte[/bold] {CLEAR}umfasst [@click=app.quit]alte[/] Tanker "
    f"{CLIPBOARD}[link=file:///etc/passwd]x[/link] {HYPERLINK}Link {BIDI} \x85\x9b2J[/]"
)


@pytest.fixture
def hostile_wiki(fakewiki: FakeWiki) -> FakeWiki:  # noqa: F811
    """The fake wiki with one page whose every field is hostile."""
    fakewiki.wikis["de"].pages["Schattenflotte"] = {
        "id": 666,
        "description": f"[red]Flotte[/red]{TITLE} \u202eevil",
        "extract": EXTRACT,
        "langlinks": {"en": f"Shadow{CLEAR} fleet"},
        "categories": [f"Schiff{CLIPBOARD}fahrt"],
        "wikibase_item": f"Q1{CLEAR}",
    }
    original = fakewiki.answer

    def with_hostile_urls(lang: str, params: dict[str, str]) -> Any:
        data = original(lang, params)
        for page in data.get("query", {}).get("pages", {}).values():
            if "fullurl" in page:
                page["fullurl"] = "file:///etc/passwd"
        return data

    fakewiki.answer = with_hostile_urls  # type: ignore[method-assign]
    return fakewiki


@pytest.fixture
def wiki(hostile_wiki: FakeWiki, tmp_path: Path) -> Iterator[WikiLookup]:
    lookup = WikiLookup(WikiSettings(timeout=2.0), cache=Cache(tmp_path / "cache.sqlite3"))
    try:
        yield lookup
    finally:
        lookup.close()


def test_hostile_page_is_cleaned_on_arrival(wiki: WikiLookup) -> None:
    result = wiki.lookup("Schattenflotte", "de", preferred_lang="en")
    summary = result.summary
    assert result.status == "found" and summary is not None
    assert "[bold]Schattenflotte[/bold]" in summary.summary
    assert "[@click=app.quit]alte[/]" in summary.summary
    assert summary.description.startswith("[red]Flotte[/red]")
    assert summary.langlinks == {"en": "Shadow fleet"}
    assert summary.categories == ["Schifffahrt"]
    # A page URL that is not http(s) is replaced by the page's own wiki address.
    assert summary.url == "https://de.wikipedia.org/wiki/Schattenflotte"
    fields = [summary.summary, summary.description, summary.title, summary.wikibase_item]
    fields += [*summary.langlinks.values(), *summary.categories]
    for field in fields:
        assert not unsafe_chars(field) and not leaked_payloads(field), field


def test_cached_hostile_page_is_served_clean_offline(wiki: WikiLookup, tmp_path: Path) -> None:
    wiki.lookup("Schattenflotte", "de")
    offline = WikiLookup(offline=True, cache=Cache(tmp_path / "cache.sqlite3", offline=True))
    try:
        result = offline.lookup("Schattenflotte", "de")
    finally:
        offline.close()
    assert result.summary is not None and result.from_cache
    assert not unsafe_chars(result.summary.summary)


def test_lookup_cli_prints_hostile_wiki_text_literally(
    hostile_wiki: FakeWiki, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["lookup", "Schattenflotte", "--lang", "de"]) == 0
    out, err = capsys.readouterr()
    flat = " ".join(out.replace("│", " ").split())
    assert "[bold]Schattenflotte[/bold]" in flat
    assert "[@click=app.quit]alte[/]" in flat
    assert "[link=file:///etc/passwd]x[/link]" in flat
    for stream in (out, err):
        assert not unsafe_chars(stream) and not leaked_payloads(stream)


def test_api_error_text_from_the_server_is_cleaned(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
) -> None:
    fakewiki.answer = lambda lang, params: {  # type: ignore[method-assign]
        "error": {"code": f"bad{CLEAR}", "info": f"[bold]boom{CLIPBOARD}\n" + "x" * 5000}
    }
    wiki = WikiLookup(WikiSettings(timeout=2.0), cache=Cache(tmp_path / "c.sqlite3"))
    try:
        result = wiki.lookup("Russland", "de")
    finally:
        wiki.close()
    assert result.status == "error"
    (error,) = result.errors
    assert error.startswith("Wikipedia (de) API error bad: [bold]boom x")
    assert len(error) < 400 and "\n" not in error
    assert not unsafe_chars(error) and not leaked_payloads(error)


def test_card_title_from_the_command_line_is_cleaned(capsys: pytest.CaptureFixture[str]) -> None:
    from enrich.enricher import Enrichment

    print_card(Enrichment(f"Term{TITLE}{CLEAR}[b]", "de", errors=[f"! {CLIPBOARD}boom"]))
    out = capsys.readouterr().out
    assert "Term[b]" in out and "boom" in out
    assert not unsafe_chars(out) and not leaked_payloads(out)
