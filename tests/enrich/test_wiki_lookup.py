"""Looking up entities on Wikipedia: the real wikipedia-api stack against the fake wiki."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from enrich.cache import Cache
from enrich.model import Entity, Label, Mention
from enrich.wiki.client import WikiSettings
from enrich.wiki.lookup import WikiLookup
from enrich.wiki.result import WikiQuery
from tests.fakewiki import api as fakewiki_api
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki

SEOUL_CONTEXT = (
    "Der Vereinigte Generalstab Südkoreas (JCS) teilte mit, Nordkorea habe am Morgen "
    "mehrere ballistische Raketen ins Japanische Meer abgefeuert."
)
WASHINGTON_CONTEXT = (
    "In Washington berieten die JCS den Präsidenten und das Verteidigungsministerium "
    "über die Lage der Streitkräfte."
)
FIFTEEN = [
    "Nordkorea", "DVRK", "Russland", "Pjöngjang", "Kim Jong-un", "Wolodymyr Selenskyj",
    "Vereinigter Generalstab (Südkorea)", "Yonhap", "NATO", "Ukraine", "Seoul", "Südkorea",
    "Japan", "Moskau", "Kiew",
]  # fmt: skip


@pytest.fixture
def wiki(fakewiki: FakeWiki) -> Iterator[WikiLookup]:  # noqa: F811
    lookup = WikiLookup(WikiSettings(timeout=2.0, retry_wait=0.05))
    try:
        yield lookup
    finally:
        lookup.close()


def test_summary_description_url_and_langlinks(wiki: WikiLookup, fakewiki: FakeWiki) -> None:  # noqa: F811
    result = wiki.lookup("Nordkorea", "de", label="LOC", preferred_lang="en")
    assert result.status == "found" and result.errors == []
    s = result.summary
    assert s is not None
    assert s.title == "Nordkorea"
    assert s.summary.startswith("Nordkorea, amtlich Demokratische Volksrepublik Korea")
    assert "== Geschichte ==" not in s.summary  # intro only
    assert s.description == "Staat in Ostasien"
    assert s.url == "https://de.wikipedia.org/wiki/Nordkorea"
    assert s.langlinks == {"en": "North Korea"}
    assert s.categories == ["Staat in Asien", "Korea"]  # hidden categories left out
    assert s.wikibase_item == "Q90001"
    assert result.confidence >= 0.9 and result.confident
    assert not s.from_cache and not s.stale
    # The preferred-language article came along, from the English wiki (Host routing).
    assert result.preferred is not None
    assert result.preferred.title == "North Korea"
    assert result.preferred.summary.startswith("North Korea, officially")
    assert result.preferred.lang == "en"
    assert {r.lang for r in fakewiki.requests} == {"de", "en"}


def test_redirect_is_followed(wiki: WikiLookup) -> None:
    result = wiki.lookup("DVRK", "de", label="LOC")
    assert result.status == "found"
    assert result.summary is not None and result.summary.title == "Nordkorea"
    assert "„DVRK“ → Nordkorea" in result.message
    assert 0.8 <= result.confidence < 0.95  # a redirect is a hair less certain


def test_lowercase_and_underscores_are_normalised(wiki: WikiLookup) -> None:
    result = wiki.lookup("kim_Jong-un", "de")
    assert result.summary is not None and result.summary.title == "Kim Jong-un"


def test_disambiguation_is_ranked_by_context(wiki: WikiLookup) -> None:
    korea = wiki.lookup("JCS", "de", context=SEOUL_CONTEXT, label="ORG")
    assert korea.status == "disambiguation"
    assert korea.summary is not None
    assert korea.summary.title == "Vereinigter Generalstab (Südkorea)"
    titles = [t for t, _ in korea.alternatives]
    assert "Joint Chiefs of Staff (USA)" in titles
    assert "Japanische Chemische Gesellschaft" not in titles  # a red link is no meaning
    assert ("JCS (Software)", "Programm zur Steuerung von Stapelverarbeitung") in (
        korea.alternatives
    )
    usa = wiki.lookup("JCS", "de", context=WASHINGTON_CONTEXT, label="ORG")
    assert usa.summary is not None and usa.summary.title == "Joint Chiefs of Staff (USA)"
    assert korea.confidence >= 0.6 and usa.confidence >= 0.6
    assert "several meanings" in korea.message and "Joint Chiefs" in korea.message


def test_disambiguation_without_context_stays_unsure(wiki: WikiLookup) -> None:
    result = wiki.lookup("JCS", "de")
    assert result.status == "disambiguation"
    assert result.confidence < 0.5 and not result.confident
    assert len(result.alternatives) >= 2
    assert "unsure" in result.message


def test_entity_alias_leads_to_the_disambiguated_article(wiki: WikiLookup) -> None:
    """The annotator's long form has no article; its abbreviation does, by context."""
    text = SEOUL_CONTEXT
    start = text.index("Vereinigte")
    long_form = "Vereinigte Generalstab Südkoreas"
    entity = Entity(
        id="org-jcs",
        name=long_form,
        label=Label.ORG,
        mentions=(Mention(start, start + len(long_form), long_form, Label.ORG, "abbreviation"),),
        aliases=("JCS",),
    )
    results = wiki.prefetch([entity], "de", text=text, preferred_lang="en")
    result = results[long_form]
    assert result.summary is not None
    assert result.summary.title == "Vereinigter Generalstab (Südkorea)"
    assert "(as „JCS“)" in result.message
    assert result.preferred is not None
    assert result.preferred.title == "Joint Chiefs of Staff (South Korea)"


def test_missing_page_is_not_found_with_search_alternatives(wiki: WikiLookup) -> None:
    result = wiki.lookup("Generalstab Südkorea", "de", label="ORG")
    assert result.status == "not_found"
    assert result.summary is None and result.confidence == 0.0
    assert "not found" in result.message and "Vereinigter Generalstab (Südkorea)" in result.message
    assert result.alternatives[0] == (
        "Vereinigter Generalstab (Südkorea)",
        "oberstes militärisches Führungsgremium Südkoreas",
    )
    nothing = wiki.lookup("Lee Sung-kwon", "de", label="PER")
    assert nothing.status == "not_found" and nothing.alternatives == []
    assert "no similar articles" in nothing.message


def test_inflected_name_is_found_by_search_with_modest_confidence(wiki: WikiLookup) -> None:
    result = wiki.lookup("Nordkoreas", "de", label="LOC")
    assert result.status == "search"
    assert result.summary is not None and result.summary.title == "Nordkorea"
    assert 0.4 <= result.confidence <= 0.6


def test_label_mismatch_lowers_confidence(wiki: WikiLookup) -> None:
    result = wiki.lookup("Seoul", "de", label="PER")
    assert result.summary is not None and result.summary.title == "Seoul"
    assert result.confidence <= 0.6
    assert "does not look like a person" in result.message


def test_prefetch_of_fifteen_titles_is_batched(wiki: WikiLookup, fakewiki: FakeWiki) -> None:  # noqa: F811
    results = wiki.prefetch(FIFTEEN, "de", preferred_lang="en")
    assert all(r.status == "found" for r in results.values()), {
        t: r.message for t, r in results.items() if r.status != "found"
    }
    # One batched query in de, one for the English articles: nothing per title.
    assert fakewiki.count_props("extracts", "pageprops", "description") <= 3
    assert fakewiki.count() == 2, fakewiki.counts
    assert all(r.preferred is not None for r in results.values())
    assert results["Kiew"].preferred is not None and results["Kiew"].preferred.title == "Kyiv"

    fakewiki.reset()
    again = wiki.prefetch(FIFTEEN, "de", preferred_lang="en")
    assert fakewiki.count() == 0  # all from the cache
    assert all(r.from_cache and not r.stale for r in again.values())
    one = wiki.lookup("Pjöngjang", "de", preferred_lang="en")
    assert fakewiki.count() == 0 and one.from_cache


def test_titles_go_out_twenty_at_a_time_side_by_side(wiki: WikiLookup, fakewiki: FakeWiki) -> None:  # noqa: F811
    titles = [t for t in fakewiki.wikis["de"].pages if "Begriffsklärung" not in t][:26]
    fakewiki.latency = 0.3  # a far-away wiki: chunks sent one after the other would be 0.3 s apart
    results = wiki.prefetch(titles, "de")
    assert all(r.summary is not None and r.summary.summary for r in results.values())
    batches = [r for r in fakewiki.requests if r.kind == "batch"]
    assert sorted(len(r.params["titles"].split("|")) for r in batches) == [6, 20]
    assert not any("excontinue" in r.params for r in batches)
    assert abs(batches[0].at - batches[1].at) < 0.2


def test_continue_is_followed_when_a_wiki_sends_fewer_extracts(
    wiki: WikiLookup,
    fakewiki: FakeWiki,  # noqa: F811
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(fakewiki_api, "EXTRACTS_PER_REQUEST", 5)
    titles = [t for t in fakewiki.wikis["de"].pages if "Begriffsklärung" not in t][:8]
    results = wiki.prefetch(titles, "de")
    assert all(r.summary is not None and r.summary.summary for r in results.values())
    batches = [r for r in fakewiki.requests if r.kind == "batch"]
    assert len(batches) == 2
    assert batches[1].params.get("excontinue") == "5"


def test_prefetch_accepts_queries_with_context(wiki: WikiLookup, fakewiki: FakeWiki) -> None:  # noqa: F811
    queries = [
        WikiQuery("JCS", "ORG", SEOUL_CONTEXT),
        WikiQuery("Yonhap", "ORG", SEOUL_CONTEXT),
        WikiQuery("Pjöngjang", "LOC", SEOUL_CONTEXT),
    ]
    results = wiki.prefetch(queries, "de", preferred_lang="en")
    assert results["JCS"].summary is not None
    assert results["JCS"].summary.title == "Vereinigter Generalstab (Südkorea)"
    assert results["Yonhap"].preferred is not None
    assert results["Yonhap"].preferred.title == "Yonhap News Agency"
    assert fakewiki.count("links") == 1


def test_offline_lookup_reads_only_the_cache(fakewiki: FakeWiki) -> None:  # noqa: F811
    online = WikiLookup(WikiSettings(timeout=2.0))
    online.lookup("Ukraine", "de")
    online.close()
    fakewiki.reset()
    offline = WikiLookup(offline=True)
    try:
        hit = offline.lookup("Ukraine", "de")
        miss = offline.lookup("Japan", "de")
    finally:
        offline.close()
    assert fakewiki.count() == 0
    assert hit.status == "found" and hit.from_cache and not hit.stale
    assert miss.status == "offline" and "offline" in miss.message and miss.errors == []


def test_messages_quote_terms_as_the_cards_language_does(wiki: WikiLookup) -> None:
    """An English card says “Kiev”, a German one „DVRK“: no German marks in English cards."""
    english = wiki.lookup("Kiev", "en", label="LOC")
    german = wiki.lookup("DVRK", "de", label="LOC")
    assert english.status == "found" and "“Kiev” → Kyiv" in english.message
    assert "„" not in english.message
    assert "„DVRK“ → Nordkorea" in german.message
    offline = WikiLookup(offline=True)
    try:
        miss_en = offline.lookup("Atlantis", "en")
        miss_de = offline.lookup("Atlantis", "de")
    finally:
        offline.close()
    assert miss_en.message.startswith("“Atlantis” is not in the cache")
    assert miss_de.message.startswith("„Atlantis“ is not in the cache")


def test_expired_entries_are_served_stale_when_offline(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
) -> None:
    now = [1_700_000_000.0]
    path = tmp_path / "cache.sqlite3"
    online = WikiLookup(WikiSettings(timeout=2.0), cache=Cache(path, clock=lambda: now[0]))
    online.lookup("Tokio", "de", preferred_lang="en")
    online.close()
    now[0] += 31 * 24 * 3600
    fakewiki.reset()
    offline = WikiLookup(offline=True, cache=Cache(path, offline=True, clock=lambda: now[0]))
    try:
        result = offline.lookup("Tokio", "de", preferred_lang="en")
    finally:
        offline.close()
    assert fakewiki.count() == 0
    assert result.status == "found" and result.stale and result.from_cache
    assert result.summary is not None and result.summary.stale
    assert result.preferred is not None and result.preferred.title == "Tokyo"
    assert "offline" in result.message


def test_corrupted_cache_is_rebuilt_and_lookups_still_work(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
) -> None:
    path = tmp_path / "cache.sqlite3"
    path.write_bytes(b"not sqlite at all" * 100)
    wiki = WikiLookup(WikiSettings(timeout=2.0), cache=Cache(path))
    try:
        result = wiki.lookup("Peking", "de")
    finally:
        wiki.close()
    assert result.status == "found"
    assert result.warnings and "moved it to" in result.warnings[0]
    assert list(tmp_path.glob("cache.sqlite3.corrupt-*"))
