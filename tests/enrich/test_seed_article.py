"""Acceptance on the user's own article (../shared/seed), rules and gazetteers only."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[3] / "shared" / "seed" / "article-de.txt"

pytestmark = pytest.mark.skipif(not SEED.is_file(), reason="../shared/seed is not present")


@pytest.fixture(scope="module")
def result() -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "tui.cli", "annotate", str(SEED), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout)


def _entity(result: dict, surface: str) -> dict:
    hits = [
        e
        for e in result["entities"]
        if any(m["text"] == surface and m["kind"] == "mention" for m in e["mentions"])
    ]
    assert len(hits) == 1, f"{surface!r} is in {len(hits)} entities"
    return hits[0]


def test_language_and_recognizer_are_reported(result: dict) -> None:
    assert result["language"] == "de"
    assert result["recognizer"]


def test_jcs_and_its_long_form_are_one_org(result: dict) -> None:
    jcs = _entity(result, "JCS")
    assert jcs["label"] == "ORG"
    assert jcs is _entity(result, "Vereinigte Generalstab Südkoreas")
    assert jcs["name"] == "Vereinigte Generalstab Südkoreas"
    assert "JCS" in jcs["aliases"]
    assert sum(m["text"] == "JCS" for m in jcs["mentions"]) == 3


@pytest.mark.parametrize("name", ["Lee Sung-kwon", "Wolodymyr Selenskyj"])
def test_titled_people_are_per(result: dict, name: str) -> None:
    assert _entity(result, name)["label"] == "PER"


@pytest.mark.parametrize("term", ["240-mm-Raketenwerfer", "170-mm-Selbstfahrlafetten"])
def test_weapon_terms(result: dict, term: str) -> None:
    assert _entity(result, term)["label"] == "TERM"


def test_nordkorea_and_its_genitive_are_one_loc(result: dict) -> None:
    nk = _entity(result, "Nordkorea")
    assert nk is _entity(result, "Nordkoreas")
    assert nk["label"] == "LOC"
    related = {m["text"] for m in nk["mentions"] if m["kind"] == "related"}
    assert "nordkoreanische" in related


def test_capital_exonym_and_region(result: dict) -> None:
    assert _entity(result, "Pjöngjang")["label"] == "LOC"
    assert _entity(result, "Oblast Kursk")["label"] == "LOC"


def test_offsets_point_into_the_file_text(result: dict) -> None:
    text = SEED.read_text(encoding="utf-8")
    for e in result["entities"]:
        for m in e["mentions"]:
            assert text[m["start"] : m["end"]] == m["text"]
