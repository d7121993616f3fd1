"""Editing the user glossary: round trips, atomic writes, and never clobbering a broken file."""

from __future__ import annotations

import os
import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from enrich.errors import KontextError
from enrich.glossary import (
    Entry,
    GlossaryFileError,
    add_entry,
    load_glossary,
    remove_entry,
    user_glossary_path,
)
from enrich.glossary.edit import dumps, toml_string
from enrich.glossary.loader import parse_glossary
from enrich.model import Label


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path))


def test_add_then_remove_round_trip() -> None:
    entry = add_entry(
        "Seegrenze", "Grenze auf dem Meer.", label="term", aliases=("maritime border",)
    )
    assert entry.label == Label.TERM
    path = user_glossary_path()
    assert path.is_file()

    glossary, warnings = load_glossary()  # a fresh load sees what was written
    assert warnings == []
    match = glossary.resolve("Seegrenzen")
    assert match.source == "user"
    assert match.entry == entry
    assert glossary.lookup("maritime borders") == entry

    removed = remove_entry("seegrenze")  # any case, like lookups
    assert removed == entry
    glossary, _ = load_glossary()
    assert glossary.lookup("Seegrenze") is None
    assert tomllib.loads(path.read_text(encoding="utf-8")).get("entry", []) == []


def test_updating_keeps_the_other_language_and_adds_aliases() -> None:
    add_entry("Seegrenze", "Grenze auf dem Meer.", aliases=("Seegrenzlinie",))
    add_entry("Seegrenze", "A border at sea.", lang="en", aliases=("maritime border",))
    (entry,) = load_glossary()[0].source("user")
    assert entry.definition_de == "Grenze auf dem Meer."
    assert entry.definition_en == "A border at sea."
    assert entry.aliases == ("Seegrenzlinie", "maritime border")


def test_entries_survive_several_edits_in_order() -> None:
    for i in range(5):
        add_entry(f"Begriff {i}", f"Erklärung {i}.")
    remove_entry("Begriff 2")
    terms = [e.term for e in load_glossary()[0].source("user")]
    assert terms == ["Begriff 0", "Begriff 1", "Begriff 3", "Begriff 4"]
    leftovers = [p.name for p in user_glossary_path().parent.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []


def test_a_failed_write_leaves_the_previous_file_intact(monkeypatch) -> None:
    add_entry("Seegrenze", "Grenze auf dem Meer.")
    path = user_glossary_path()
    before = path.read_bytes()

    def crash(src, dst):  # the rename never happens: as if the machine died mid-write
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        add_entry("Küstenlinie", "Linie, an der Land und Meer sich treffen.")
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in path.parent.iterdir()] == ["glossary.toml"]


@pytest.mark.parametrize(
    "broken",
    [
        '[[entry]]\nterm = "Kaputt\n',  # invalid TOML
        '[[entry]]\nterm = "Ohne Erklärung"\n',  # schema error
        'notes = "mine"\n[[entry]]\nterm = "A"\ndefinition_de = "x"\n',  # unknown key
    ],
)
def test_a_corrupt_user_file_is_never_overwritten(broken: str) -> None:
    path = user_glossary_path()
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(GlossaryFileError) as info:
        add_entry("Seegrenze", "Grenze auf dem Meer.")
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(f"{path}:")
    assert "not changing your glossary" in message
    with pytest.raises(GlossaryFileError):
        remove_entry("A")
    assert path.read_text(encoding="utf-8") == broken
    assert isinstance(info.value, KontextError)


def test_bad_input_gives_one_line_errors() -> None:
    with pytest.raises(KontextError, match="unknown label 'THING'"):
        add_entry("Seegrenze", "x", label="THING")
    with pytest.raises(KontextError, match="unknown language"):
        add_entry("Seegrenze", "x", lang="fr")
    with pytest.raises(KontextError, match="cannot add"):
        add_entry("   ", "x")
    with pytest.raises(KontextError, match="cannot add"):
        add_entry("Seegrenze", "   ")
    with pytest.raises(KontextError, match="bundled glossary entry"):
        remove_entry("Haubitze")
    with pytest.raises(KontextError, match="not in your glossary"):
        remove_entry("Blumenkohl")
    assert not user_glossary_path().exists()


def test_strings_are_escaped() -> None:
    tricky = 'Er sagte "Nein" \\ dann\tging er.\nZeile 2 \x00\x1f\x7f ok „gut“'
    text = toml_string(tricky)
    assert "\n" not in text
    assert tomllib.loads(f"x = {text}")["x"] == tricky
    entry = add_entry('Zitat "X"', tricky.replace("\n", " "), aliases=("a\\b",))
    stored = load_glossary()[0].lookup('Zitat "X"')
    assert stored == entry


_text = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40
).filter(lambda s: s.strip())


@settings(max_examples=60, deadline=None)
@given(term=_text, definition=_text, aliases=st.lists(_text, max_size=3))
def test_any_text_round_trips_through_the_file_format(term, definition, aliases) -> None:
    raw = {"term": term, "aliases": aliases, "definition_en": definition}
    from enrich.glossary.model import EntryError, validate_entry

    try:
        entry = validate_entry(raw)
    except EntryError:
        return  # e.g. an alias that is only whitespace
    parsed = parse_glossary(dumps([entry]), "x.toml")
    assert parsed.problems == []
    assert parsed.entries == [entry]


def test_dumps_writes_only_what_is_set() -> None:
    text = dumps([Entry(term="A", definition_de="b")])
    assert text.startswith("# Kontext user glossary")
    assert tomllib.loads(text) == {"entry": [{"term": "A", "label": "TERM", "definition_de": "b"}]}
