"""Loading glossary files: the user's file, broken files, schema errors with lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from enrich.glossary import load_glossary, user_glossary_path
from enrich.glossary.loader import parse_glossary

GOOD = """\
[[entry]]
term = "Sperrgebiet"
aliases = ["restricted area"]
label = "TERM"
definition_de = "Gebiet, das nicht betreten werden darf."
"""


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path))


def _user_file(text: str) -> Path:
    path = user_glossary_path()
    path.write_text(text, encoding="utf-8")
    return path


def test_user_glossary_lives_under_kontext_home(tmp_path) -> None:
    assert user_glossary_path() == tmp_path / "config" / "glossary.toml"


def test_missing_user_file_is_no_problem() -> None:
    glossary, warnings = load_glossary()
    assert warnings == []
    assert glossary.source("user") == ()
    assert len(glossary.source("bundled")) >= 150


def test_user_entries_are_loaded() -> None:
    _user_file(GOOD)
    glossary, warnings = load_glossary()
    assert warnings == []
    match = glossary.resolve("restricted area")
    assert match is not None and match.source == "user"
    assert match.entry.term == "Sperrgebiet"


def test_malformed_toml_names_file_and_line_and_bundled_still_loads() -> None:
    path = _user_file(GOOD + '\n[[entry]]\nterm = "Kaputt\n')  # unterminated string, line 8
    glossary, warnings = load_glossary()
    assert len(warnings) == 1
    assert warnings[0].startswith(f"{path}:8: not valid TOML")
    assert "file ignored" in warnings[0]
    assert glossary.lookup("Marschflugkörpern") is not None
    assert glossary.source("user") == ()


def test_toml_error_at_end_of_document_still_has_a_line() -> None:
    path = _user_file(GOOD + "x = [\n")  # the error is at the end: line 6 or the empty line 7
    _, warnings = load_glossary()
    assert warnings[0].startswith((f"{path}:6: not valid TOML", f"{path}:7: not valid TOML"))


def test_schema_error_names_the_entry_line_and_keeps_the_other_entries() -> None:
    text = (
        GOOD
        + """
[[entry]]
term = "Ohne Erklärung"
label = "TERM"

[[entry]]
term = "Falsches Label"
label = "THING"
definition_de = "x"

[[entry]]
term = "Gute Nachricht"
definition_en = "A fine entry."
"""
    )
    path = _user_file(text)
    glossary, warnings = load_glossary()
    assert len(warnings) == 2
    assert warnings[0].startswith(f"{path}:7: entry 2 ('Ohne Erklärung')")
    assert "definition" in warnings[0]
    assert warnings[1].startswith(f"{path}:11: entry 3 ('Falsches Label')")
    assert "THING" in warnings[1]
    assert {e.term for e in glossary.source("user")} == {"Sperrgebiet", "Gute Nachricht"}


def test_unknown_fields_and_wrong_types_are_reported() -> None:
    parsed = parse_glossary(
        '[[entry]]\nterm = "A"\ndefiniton_de = "typo"\n\n[[entry]]\nterm = 5\n'
        'definition_de = "x"\n',
        "g.toml",
    )
    assert parsed.entries == []
    assert parsed.warnings[0].startswith("g.toml:1: entry 1 ('A'):")
    assert "definiton_de" in parsed.warnings[0]
    assert parsed.warnings[1].startswith("g.toml:5: entry 2:")


def test_inline_entry_array_finds_lines_by_term() -> None:
    text = 'entry = [\n  { term = "A", definition_de = "ok" },\n  { term = "B" },\n]\n'
    parsed = parse_glossary(text, "g.toml")
    assert [e.term for e in parsed.entries] == ["A"]
    assert parsed.warnings[0].startswith("g.toml:3: entry 2 ('B')")


def test_duplicate_terms_in_one_file_keep_the_first() -> None:
    parsed = parse_glossary(GOOD + "\n" + GOOD.replace("Gebiet, das", "Zone, die"), "g.toml")
    assert len(parsed.entries) == 1
    assert "betreten" in parsed.entries[0].definition_de
    assert parsed.warnings == [
        "g.toml:7: duplicate term 'Sperrgebiet' (first at line 1); entry skipped"
    ]


def test_text_is_normalised_and_trivial_aliases_dropped() -> None:
    parsed = parse_glossary(
        '[[entry]]\nterm = "  Puffer   zone "\naliases = ["Puffer zone", "buffer zone"]\n'
        'definition_en = " A  strip. "\n',
        "g.toml",
    )
    (entry,) = parsed.entries
    assert entry.term == "Puffer zone"
    assert entry.aliases == ("buffer zone",)
    assert entry.definition_en == "A strip."


def test_non_utf8_user_file_is_a_warning_with_line() -> None:
    path = user_glossary_path()
    path.write_bytes(GOOD.encode() + b"\n# caf\xe9\n")
    glossary, warnings = load_glossary()
    assert warnings == [f"{path}:7: not UTF-8 text; file ignored"]
    assert glossary.lookup("Haubitze") is not None


def test_importing_the_glossary_stays_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, enrich.glossary, tui.cli.glossary\n"
        "print('spacy' in sys.modules, any(m.split('.')[0] == 'textual' for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
