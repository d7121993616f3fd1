"""The interface's message catalogue (tui/ui_text.py): complete in both languages,
the same placeholders on both sides, and the language chosen as a student expects."""

from __future__ import annotations

import ast
import string
from pathlib import Path

import pytest

from enrich.settings import load_settings, settings_path
from tui import ui_text
from tui.reader.app import KontextApp
from tui.reader.reader_settings import merged_bindings, reader_classes
from tui.ui_text import GERMAN, choose_ui_language, system_language, tr, tr_binding

ROOT = Path(__file__).resolve().parents[2]


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}


def _tr_literals() -> list[tuple[str, str]]:
    """Every ``tr("…")`` message in the reader's code, with where it is."""
    found = []
    for path in sorted((ROOT / "tui").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "tr"
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            ):
                found.append((node.args[0].value, f"{path.relative_to(ROOT)}:{node.lineno}"))
    return found


def test_every_message_has_both_languages_with_the_same_placeholders() -> None:
    assert GERMAN
    for english, german in GERMAN.items():
        assert english.strip() and german.strip(), english
        assert _fields(english) == _fields(german), english


def test_every_message_the_reader_asks_for_is_in_the_catalogue() -> None:
    literals = _tr_literals()
    assert len(literals) > 30  # the scan found the reader's messages
    missing = [where + " " + repr(msgid) for msgid, where in literals if msgid not in GERMAN]
    assert missing == []


def test_every_binding_text_is_in_german() -> None:
    """Footer words (descriptions) and the help's and palette's texts (tooltips)."""
    ui_text.set_ui_language("de")
    try:
        untranslated = {
            text
            for cls in [KontextApp, *reader_classes()]
            for b in merged_bindings(cls)
            if b.id  # Kontext's own; Textual's (scrolling, Input editing) have none
            for text in (b.description, b.tooltip)
            if text and tr_binding(text) == text and GERMAN.get(text) != text
        }
    finally:
        ui_text.set_ui_language("en")
    assert untranslated == set()


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "de_DE.UTF-8"}, "de"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "de_AT.UTF-8", "LANG": "en_US.UTF-8"}, "de"),  # LC_ALL wins
        ({"LC_MESSAGES": "de_CH", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANG": "fr_FR.UTF-8"}, "en"),  # no French words: English
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_the_system_locale_picks_the_language(environ: dict[str, str], expected: str) -> None:
    assert system_language(environ) == expected


def test_config_wins_over_the_locale() -> None:
    assert choose_ui_language("en", {"LANG": "de_DE.UTF-8"}) == "en"
    assert choose_ui_language("de", {"LANG": "en_US.UTF-8"}) == "de"
    assert choose_ui_language(None, {"LANG": "de_DE.UTF-8"}) == "de"


def test_a_bad_ui_language_is_one_warning_and_keeps_the_other_settings() -> None:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text('theme = "nord"\nui_language = "fr"\n', encoding="utf-8")
    settings, warnings = load_settings()
    assert settings.theme == "nord" and settings.ui_language is None
    assert len(warnings) == 1 and "ui_language 'fr' is not one of de, en" in warnings[0]
    assert "\n" not in warnings[0]


def test_tr_fills_fields_in_either_language() -> None:
    ui_text.set_ui_language("de")
    try:
        assert tr("No entity matches “{query}”.", query="xy") == "Kein Eintrag passt zu „xy“."
        assert tr_binding("Jump to the next Place") == "Zum nächsten Eintrag der Art Ort"
    finally:
        ui_text.set_ui_language("en")
    assert tr("No entity matches “{query}”.", query="xy") == "No entity matches “xy”."


def test_the_resume_dialogs_counts_are_in_both_languages() -> None:
    """resume.py builds these msgids from the word, so the literal scan cannot see them."""
    from tui.reader.screens.resume import _count

    pairs = [("entity", "entities"), ("correction", ""), ("note", ""), ("bookmark", "")]
    pairs.append(("draft", ""))
    for one, many in pairs:
        assert f"1 {one}" in GERMAN and f"{{n}} {many or one + 's'}" in GERMAN, one
    ui_text.set_ui_language("de")
    try:
        assert _count(1, "entity", "entities") == "1 Eintrag"
        assert _count(3, "note") == "3 Notizen"
    finally:
        ui_text.set_ui_language("en")
    assert _count(3, "note") == "3 notes"


def test_the_catalogues_label_words_are_enrich_labels() -> None:
    """The card's label words (enrich.labels) and the catalogue's never drift apart."""
    from enrich.labels import LABEL_WORDS

    for label, english in LABEL_WORDS["en"].items():
        assert GERMAN[english] == LABEL_WORDS["de"][label], label
