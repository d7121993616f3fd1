"""Enrichment end to end: real wikipedia-api client, real HTTP to the loopback fake wiki."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from enrich import annotate, load_article
from enrich.enricher import Enricher
from tests.fakewiki.fixtures import fakewiki  # noqa: F401
from tests.fakewiki.server import FakeWiki
from tests.helpers import make_article
from tui.cli.read_options import sample_path

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article-de.txt"
# Requests that fetch pageprops/description/extracts (search fallbacks excluded).
PAGE_KINDS = ("batch", "extracts", "pageprops", "description", "info")
needs_seed = pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")


def _seed_cards(wiki: FakeWiki) -> tuple[object, dict]:
    annotation = annotate(load_article(str(SEED)))
    with Enricher(preferred_lang="en") as enricher:
        return annotation, enricher.enrich(annotation)


@needs_seed
def test_seed_article_is_enriched_in_at_most_three_page_requests(fakewiki: FakeWiki) -> None:  # noqa: F811
    annotation, cards = _seed_cards(fakewiki)
    assert fakewiki.count(*PAGE_KINDS) <= 3
    nk = next(e for e in annotation.entities if e.name == "Nordkorea")
    card = cards[nk.id]
    assert card.wikipedia.summary.title == "Nordkorea"
    assert card.wikipedia.preferred is not None  # the English summary came along
    assert dict(card.facts.items)["Hauptstadt"] == "Pjöngjang"  # as the article spells it
    fakewiki.reset()
    _seed_cards(fakewiki)
    assert fakewiki.count() == 0  # everything came from the cache


@needs_seed
def test_jcs_resolves_through_its_article_definition_to_south_korea(fakewiki: FakeWiki) -> None:  # noqa: F811
    annotation, cards = _seed_cards(fakewiki)
    jcs = next(e for e in annotation.entities if "JCS" in e.aliases)
    wiki = cards[jcs.id].wikipedia
    assert wiki.summary.title == "Vereinigter Generalstab (Südkorea)"
    assert "Joint Chiefs of Staff (USA)" in [t for t, _ in wiki.alternatives]
    glossary = cards[jcs.id].glossary
    assert glossary is not None and glossary.source == "article"


def test_sample_article_cards_combine_glossary_wikipedia_and_facts(fakewiki: FakeWiki) -> None:  # noqa: F811
    annotation = annotate(load_article(str(sample_path("de"))))
    with Enricher() as enricher:
        cards = enricher.enrich(annotation)
    by_name = {e.name: cards[e.id] for e in annotation.entities}
    assert by_name["Polen"].facts is not None
    assert by_name["Kamikaze-Drohnen"].glossary.entry.term.startswith("Kamikaze")
    assert set(by_name["Polen"].to_json()) == {
        "term", "lang", "glossary", "wikipedia", "facts", "errors"
    }  # fmt: skip


def _cli(*args: str, env_extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **env_extra}
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args], capture_output=True, text=True, env=env,
        timeout=120,
    )  # fmt: skip


def test_lookup_json_has_the_documented_keys(fakewiki: FakeWiki) -> None:  # noqa: F811
    env = {"KONTEXT_WIKI_API": fakewiki.api_url, "KONTEXT_HOME": os.environ["KONTEXT_HOME"]}
    out = _cli("lookup", "Nordkorea", "--json", "--prefer", "en", env_extra=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert set(data) >= {"term", "glossary", "wikipedia", "facts", "errors"}
    wiki = data["wikipedia"]
    assert set(wiki) >= {
        "title", "summary", "description", "url", "confidence", "alternatives", "langlinks",
        "from_cache",
    }  # fmt: skip
    assert wiki["title"] == "Nordkorea" and wiki["from_cache"] is False
    assert wiki["langlinks"].get("en") == "North Korea"


def test_a_server_fault_is_reported_in_errors_with_exit_code_0(fakewiki: FakeWiki) -> None:  # noqa: F811
    fakewiki.fail("500", times=None)
    env = {"KONTEXT_WIKI_API": fakewiki.api_url, "KONTEXT_HOME": os.environ["KONTEXT_HOME"]}
    out = _cli("lookup", "Russland", "--json", env_extra=env)
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["errors"], data
    assert data["facts"]["items"]["Name"] == "Russland"  # offline facts still shown


def test_annotate_enrich_twice_makes_no_requests_the_second_time(fakewiki: FakeWiki) -> None:  # noqa: F811
    env = {"KONTEXT_WIKI_API": fakewiki.api_url, "KONTEXT_HOME": os.environ["KONTEXT_HOME"]}
    first = _cli("annotate", "sample:en", "--enrich", "--json", env_extra=env)
    assert first.returncode == 0, first.stderr
    entities = json.loads(first.stdout)["entities"]
    assert all("enrichment" in e for e in entities)
    fakewiki.reset()
    second = _cli("annotate", "sample:en", "--enrich", "--json", env_extra=env)
    assert second.returncode == 0, second.stderr
    assert fakewiki.count() == 0


def test_offline_says_so_and_uses_no_network(fakewiki: FakeWiki) -> None:  # noqa: F811
    env = {"KONTEXT_WIKI_API": fakewiki.api_url, "KONTEXT_HOME": os.environ["KONTEXT_HOME"]}
    out = _cli("lookup", "Marschflugkörper", "--offline", env_extra=env)
    assert out.returncode == 0
    assert "offline" in out.stderr
    assert "Marschflugkörper" in out.stdout
    assert fakewiki.count() == 0


def test_a_nationality_word_gets_the_card_of_its_place(fakewiki: FakeWiki) -> None:  # noqa: F811
    # "Canadian" is a MISC name in English; its card explains Canada, not a guess.
    annotation = annotate(make_article("The Canadian author spoke in Leeds.", "en"), glossary=())
    canadian = next(e for e in annotation.entities if e.name == "Canadian")
    with Enricher() as enricher:
        card = enricher.enrich(annotation)[canadian.id]
    assert card.facts is not None
    assert dict(card.facts.items)["Capital"] == "Ottawa"
