"""The bundled glossary: enough valid entries, no clashes, consistent cross-references."""

from __future__ import annotations

import tomllib
from collections import defaultdict
from importlib import resources

import pytest

from enrich.glossary import Glossary, load_glossary
from enrich.glossary.inflect import fold, is_acronym
from enrich.glossary.loader import bundled_files
from enrich.glossary.model import MAX_DEFINITION
from enrich.model import Label


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path))


@pytest.fixture(scope="module")
def bundled() -> Glossary:
    glossary, warnings = load_glossary(user=False)
    assert warnings == []
    return glossary


def test_every_bundled_file_is_valid_toml_and_every_entry_loads() -> None:
    files = bundled_files()
    assert len(files) >= 5
    for parsed in files:
        assert parsed.problems == [], parsed.warnings
        assert parsed.name.endswith(".toml")
    root = resources.files("enrich.glossary.data")
    raw = sum(
        len(tomllib.loads(f.read_text(encoding="utf-8")).get("entry", []))
        for f in root.iterdir()
        if f.name.endswith(".toml")
    )
    assert raw == sum(len(p.entries) for p in files)  # nothing silently skipped


def test_at_least_150_entries_each_with_a_definition_and_a_valid_label(bundled) -> None:
    entries = bundled.source("bundled")
    assert len(entries) >= 150
    for entry in entries:
        assert entry.definition_de or entry.definition_en, entry.term
        assert entry.label in set(Label)
        for text in (entry.definition_de, entry.definition_en):
            assert len(text) <= MAX_DEFINITION
            assert text.count(". ") <= 2, f"{entry.term}: keep definitions to 1–2 sentences"


def test_most_entries_are_bilingual(bundled) -> None:
    entries = bundled.source("bundled")
    both = [e for e in entries if e.definition_de and e.definition_en]
    assert len(both) == len(entries)


def test_no_duplicate_terms_or_names_across_entries(bundled) -> None:
    owners: dict[str, set[str]] = defaultdict(set)
    for entry in bundled.source("bundled"):
        for name in entry.names:
            owners[name if is_acronym(name) else fold(name)].add(entry.id)
    clashes = {name: ids for name, ids in owners.items() if len(ids) > 1}
    assert clashes == {}
    ids = [e.id for e in bundled.source("bundled")]
    assert len(ids) == len(set(ids))


def test_related_terms_point_at_existing_entries(bundled) -> None:
    dangling = [
        (entry.term, related)
        for entry in bundled.source("bundled")
        for related in entry.related
        if bundled.lookup(related) is None
    ]
    assert dangling == []


@pytest.mark.parametrize(
    "term",
    [
        "Kamikaze-Drohne",
        "loitering munition",
        "Marschflugkörper",
        "cruise missile",
        "Haubitze",
        "howitzer",
        "Mehrfachraketenwerfer",
        "MLRS",
        "Selbstfahrlafette",
        "Interkontinentalrakete",
        "ICBM",
        "Schattenflotte",
        "Sanktionen",
        "Waffenstillstand",
        "UN-Sicherheitsrat",
        "NATO",
        "EU-Kommission",
        "EZB",
        "IWF",
        "Generalstab",
        "Verteidigungsvertrag",
        "Oblast",
        "Abgeordneter",
    ],
)
def test_the_issue_s_examples_are_covered(bundled, term: str) -> None:
    assert bundled.lookup(term) is not None, term


def test_labels_cover_organisations_and_terms(bundled) -> None:
    labels = {e.label for e in bundled.source("bundled")}
    assert {Label.TERM, Label.ORG, Label.MISC} <= labels
    assert bundled.lookup("NATO").label == Label.ORG
    assert bundled.lookup("Haubitze").label == Label.TERM
