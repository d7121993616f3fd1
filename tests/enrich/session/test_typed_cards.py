"""Cards in a session are typed: saved and loaded as ``Card``, old dict-shaped files still open."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from enrich.card import Alternative, Card, FactsCard, GlossaryCard, SummaryCard, WikiCard
from enrich.errors import SessionError
from enrich.session import SessionStore
from enrich.session.codec import encode
from enrich.session.model import SCHEMA_VERSION
from tests.enrich.session.store_fixtures import fresh

# A card exactly as Kontext before typed cards (schema 1) wrote it: ``Enrichment.to_json()``.
OLD_CARD = {
    "term": "Nordkorea",
    "lang": "de",
    "glossary": {
        "term": "Nordkorea",
        "label": "LOC",
        "aliases": ["DVRK"],
        "definition": "Staat in Ostasien.",
        "source": "user",
        "related": [],
    },
    "wikipedia": {
        "status": "found",
        "title": "Nordkorea",
        "summary": "Ein Staat, über den wir diesen Test geschrieben haben.",
        "description": "Staat in Ostasien",
        "url": "https://de.wikipedia.org/wiki/Nordkorea",
        "confidence": 0.9,
        "alternatives": [{"title": "Korea", "description": "Halbinsel"}, "not an object"],
        "langlinks": {"en": "North Korea"},
        "from_cache": True,
        "stale": False,
        "message": "",
        "preferred": {
            "title": "North Korea",
            "lang": "en",
            "summary": "A state we wrote this test about.",
            "description": "",
            "url": "https://en.wikipedia.org/wiki/North_Korea",
            "langlinks": {},
            "from_cache": True,
            "stale": False,
        },
    },
    "facts": {
        "kind": "country",
        "items": {"Hauptstadt": "Pjöngjang"},
        "source": "geonames",
        "iso": "KP",
    },
    "errors": [],
}


def _old_file(tmp_path: Path, cards: dict[str, object]) -> Path:
    raw = msgspec.json.decode(encode(fresh("old")))
    raw["schema"] = 1
    raw["enrichment"] = cards
    path = tmp_path / "old.json"
    path.write_bytes(msgspec.json.encode(raw))
    return path


def test_a_card_round_trips_through_save_and_load_typed(tmp_path: Path) -> None:
    session = fresh("typed")
    card = Card(
        term="JCS",
        lang="de",
        glossary=GlossaryCard(term="JCS", definition="Generalstab", source="bundled"),
        wikipedia=WikiCard(
            status="found",
            title="Joint Chiefs of Staff",
            url="https://de.wikipedia.org/wiki/JCS",
            confidence=0.75,
            alternatives=[Alternative(title="JCS (Korea)", description="Generalstab")],
            preferred=SummaryCard(title="JCS", lang="en", summary="The staff."),
            chosen=True,
        ),
        facts=FactsCard(kind="city", items={"Einwohner": "3"}, source="geonames"),
        errors=["Wikipedia war langsam"],
    )
    session.enrichment["org-jcs"] = card
    SessionStore(tmp_path).save(session)
    loaded = SessionStore(tmp_path).load("typed")
    assert loaded.enrichment == {"org-jcs": card}
    assert isinstance(loaded.enrichment["org-jcs"].wikipedia, WikiCard)
    assert loaded.enrichment["org-jcs"].wikipedia.chosen


def test_an_old_session_with_dict_cards_opens_and_round_trips(tmp_path: Path) -> None:
    old = _old_file(tmp_path, {"loc-nk": OLD_CARD, "broken": ["not", "a", "card"]})
    before = old.read_bytes()
    store = SessionStore(tmp_path)
    session = store.load("old")
    assert session.schema == SCHEMA_VERSION
    assert old.read_bytes() == before  # reading never rewrites the student's file
    assert set(session.enrichment) == {"loc-nk"}  # a non-card entry is only a cache: dropped
    card = session.enrichment["loc-nk"]
    assert card.glossary is not None and card.glossary.definition == "Staat in Ostasien."
    assert card.wikipedia is not None and card.wikipedia.title == "Nordkorea"
    assert not card.wikipedia.chosen
    assert [a.title for a in card.wikipedia.alternatives] == ["Korea"]
    assert card.wikipedia.preferred is not None
    assert card.wikipedia.preferred.title == "North Korea"
    assert card.facts is not None and card.facts.items == {"Hauptstadt": "Pjöngjang"}
    assert card.facts.iso == "KP"
    store.save(session)
    again = SessionStore(tmp_path).load("old")
    assert again.enrichment == session.enrichment
    saved = msgspec.json.decode(old.read_bytes())
    assert saved["schema"] == SCHEMA_VERSION
    wiki = saved["enrichment"]["loc-nk"]["wikipedia"]
    assert wiki["title"] == "Nordkorea" and wiki["url"].endswith("/Nordkorea")  # same keys


def test_a_card_of_the_wrong_shape_does_not_refuse_the_session(tmp_path: Path) -> None:
    odd = {"wikipedia": {"title": 42, "alternatives": 7}, "glossary": ["x"]}
    _old_file(tmp_path, {"loc-nk": OLD_CARD, "odd": odd})
    session = SessionStore(tmp_path).load("old")
    assert set(session.enrichment) == {"loc-nk"}


def test_a_session_from_a_newer_kontext_is_still_refused(tmp_path: Path) -> None:
    raw = msgspec.json.decode(encode(fresh("new")))
    raw["schema"] = SCHEMA_VERSION + 1
    raw["enrichment"] = {"loc-nk": OLD_CARD}
    path = tmp_path / "new.json"
    path.write_bytes(msgspec.json.encode(raw))
    with pytest.raises(SessionError, match="newer Kontext"):
        SessionStore(tmp_path).load("new")
    assert msgspec.json.decode(path.read_bytes()) == raw
