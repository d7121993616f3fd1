"""Hostile text in articles, glossary files and the CLI: shown literally, never obeyed.

Markup stays visible as typed ("[bold]" prints as "[bold]"); terminal commands
(CSI, OSC 52 clipboard writes, OSC 8 links, window titles), C0/C1 controls,
bidi overrides and zero-width characters are removed when text enters Kontext
(``enrich.text_clean.clean_text``), so offsets index exactly what is shown.
"""

from __future__ import annotations

import io
import unicodedata
from pathlib import Path

import pytest
from rich.console import Console

from enrich import annotate, load_article
from enrich.glossary import load_glossary
from enrich.glossary.loader import read_glossary_file
from enrich.model import Annotation
from enrich.text_clean import clean_text
from tests.robustness.hostile import (
    BIDI,
    CLEAR,
    CLIPBOARD,
    MARKUP,
    TITLE,
    ZERO_WIDTH,
    hostile_paragraph,
    leaked_payloads,
    unsafe_chars,
)
from tui.cli import main
from tui.cli.annotate_table import print_annotation

HOSTILE_ARTICLE = (
    "Gipfel in Berlin\n\n"
    + hostile_paragraph()
    + "\n\nDie Bundeskanzlerin Ang\u200bela Mer\u200dkel besuchte die NATO in Br\u00adüssel.\n"
)


def assert_offsets_valid(annotation: Annotation) -> None:
    text = annotation.article.text
    for entity in annotation.entities:
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text


def render(annotation: Annotation) -> str:
    """What ``kontext annotate`` prints, captured from a real rich Console."""
    out = io.StringIO()
    print_annotation(annotation, Console(file=out, width=160, color_system=None))
    return out.getvalue()


@pytest.fixture(scope="module")
def hostile_annotation() -> Annotation:
    article = load_article("-", stdin=io.BytesIO(HOSTILE_ARTICLE.encode()))
    return annotate(article, glossary=())


# --- clean_text: the decisions --------------------------------------------------------


def test_bidi_overrides_and_isolates_are_removed() -> None:
    assert clean_text(f"abc {BIDI} def") == "abc evil iso def"


def test_zero_width_and_soft_hyphen_inside_a_word_are_removed() -> None:
    assert clean_text("Ang\u200bela Mer\u200dkel in Br\u00adüssel\u2060") == (
        "Angela Merkel in Brüssel"
    )
    assert clean_text(f"A{ZERO_WIDTH}B") == "AB"


def test_joiners_outside_alphabetic_words_are_kept() -> None:
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one emoji, joined by ZWJ
    persian = "\u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645"  # ZWNJ is spelling here
    hebrew = "\u05e9\u05dc\u05d5\u05dd\u200f 2024"  # RLM keeps the number's side
    for text in (family, persian, hebrew):
        assert clean_text(text) == text


def test_combining_character_flood_is_kept_literally_and_cleaning_is_stable() -> None:
    flood = "Z" + "\u0301\u0316\u0317" * 2000 + " Berlin"
    cleaned = clean_text(flood)
    assert cleaned == unicodedata.normalize("NFC", flood)  # nothing invented, nothing lost
    assert clean_text(cleaned) == cleaned


# --- articles -----------------------------------------------------------------------


def test_hostile_article_loads_as_literal_safe_text(hostile_annotation: Annotation) -> None:
    text = hostile_annotation.article.text
    for markup in MARKUP:
        assert markup in text
    assert not unsafe_chars(text)
    assert not leaked_payloads(text)
    assert "Link" in text and "evil iso" in text  # the visible text around the commands stays
    assert_offsets_valid(hostile_annotation)


def test_zero_width_characters_do_not_hide_an_entity_name(hostile_annotation: Annotation) -> None:
    names = {e.name for e in hostile_annotation.entities}
    assert "Angela Merkel" in names
    assert "Brüssel" in names


def test_markup_around_entities_is_found_and_printed_literally(
    hostile_annotation: Annotation,
) -> None:
    printed = render(hostile_annotation)
    assert "Olaf Scholz" in printed
    assert "[@click=app.quit]Olaf Scholz[/]" in printed.replace("\n", "")  # first context
    assert "\x1b" not in printed
    assert not unsafe_chars(printed)
    assert not leaked_payloads(printed)


def test_hostile_file_name_does_not_reach_the_terminal_as_a_title(tmp_path: Path) -> None:
    path = tmp_path / f"{TITLE}{CLEAR}[bold]bericht.txt"
    path.write_text("Die NATO tagt in Berlin, sagte ein Sprecher.\n", encoding="utf-8")
    article = load_article(str(path))
    assert article.title == "[bold]bericht"
    printed = render(annotate(article, model="rules", glossary=()))
    assert printed.startswith("[bold]bericht")
    assert not unsafe_chars(printed) and not leaked_payloads(printed)


def test_100_kb_single_line_loads_annotates_and_prints(tmp_path: Path) -> None:
    sentence = "Olaf Scholz traf Emmanuel Macron in Paris und sprach über die NATO. "
    line = (sentence * (100_000 // len(sentence) + 1))[:100_000]
    path = tmp_path / "eine-zeile.txt"
    path.write_text(line, encoding="utf-8")
    article = load_article(str(path))
    assert len(article.text) == 100_000 and len(article.paragraphs) == 1
    annotation = annotate(article, glossary=())
    assert_offsets_valid(annotation)
    assert {"Paris", "NATO"} <= {e.name for e in annotation.entities}
    printed = render(annotation)
    assert "Paris" in printed
    assert max(len(row) for row in printed.splitlines()) <= 160  # cells fold, no 100 KB row


def test_combining_flood_article_loads_and_annotates(tmp_path: Path) -> None:
    flood = "Z" + "\u0301" * 50_000
    path = tmp_path / "zalgo.txt"
    path.write_text(f"{flood} Berlin liegt an der Spree.\n\nParis liegt an der Seine.\n")
    article = load_article(str(path))
    annotation = annotate(article, model="rules", glossary=())
    assert_offsets_valid(annotation)
    assert {"Berlin", "Paris"} <= {e.name for e in annotation.entities}
    render(annotation)  # rich measures and folds a 50,000-mark cell without error


def test_html_article_with_hostile_text_and_character_references(tmp_path: Path) -> None:
    page = (
        "<html><head><title>[red]Titel&#27;[2J</title></head><body><article>"
        "<p>Die NATO &#x1b;]52;c;cHduZWQ=&#7; tagt in [@click=app.quit]Berlin[/].</p>"
        f"<p>Olaf Scholz sprach {CLIPBOARD} mit \u202eMacron\u202c in Paris.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "seite.html"
    path.write_text(page, encoding="utf-8")
    article = load_article(str(path))
    assert "[@click=app.quit]Berlin[/]" in article.text
    assert "[red]Titel" in article.title
    assert not unsafe_chars(article.text + article.title)
    assert "\x1b" not in article.text


# --- glossary files -----------------------------------------------------------------

HOSTILE_GLOSSARY = r"""
[[entry]]
term = "Schatten\u001b]52;c;cHduZWQ=\u0007flotte"
aliases = ["[link=file:///etc/passwd]Geisterflotte[/link]"]
definition_de = "Alte [bold]Tanker[/bold] \u001b[2J gegen [@click=app.quit]Sanktionen[/] \u202ex."

[entry.wikipedia]
de = "Schatten\u001b[31mflotte"

[[entry]]
term = "Kaputt\u001b]0;PWNED\u0007"
label = "NOPE\u001b[2J"
definition_de = "x"
"""


def write_user_glossary(home: Path) -> Path:
    path = home / "config" / "glossary.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(HOSTILE_GLOSSARY, encoding="utf-8")
    return path


def test_glossary_file_with_escapes_loads_clean_entries_and_warnings(kontext_home: Path) -> None:
    parsed = read_glossary_file(write_user_glossary(kontext_home))
    (entry,) = parsed.entries
    assert entry.term == "Schattenflotte"
    assert entry.aliases == ("[link=file:///etc/passwd]Geisterflotte[/link]",)
    assert "[bold]Tanker[/bold]" in entry.definition_de
    assert "[@click=app.quit]Sanktionen[/]" in entry.definition_de
    assert entry.wikipedia is not None and entry.wikipedia.de == "Schattenflotte"
    shown = " ".join([entry.term, *entry.aliases, entry.definition_de])
    assert not unsafe_chars(shown) and not leaked_payloads(shown)
    (warning,) = parsed.warnings  # quotes the bad value escaped, as text: 'NOPE\x1b[2J'
    assert "entry 2 ('Kaputt')" in warning and not unsafe_chars(warning)


def test_glossary_cli_prints_hostile_entries_literally(
    kontext_home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_user_glossary(kontext_home)
    assert main(["glossary", "list", "--source", "user"]) == 0
    assert main(["glossary", "show", "Schattenflotte"]) == 0
    out, err = capsys.readouterr()
    assert "Schattenflotte" in out and "[bold]Tanker[/bold]" in out
    assert "[link=file:///etc/passwd]Geisterflotte[/link]" in out
    assert not unsafe_chars(out) and not leaked_payloads(out)
    assert "entry 2 ('Kaputt')" in err and not unsafe_chars(err)


def test_glossary_entry_matches_despite_its_hostile_escapes(kontext_home: Path) -> None:
    write_user_glossary(kontext_home)
    glossary, _ = load_glossary()
    match = glossary.resolve("Schattenflotte", "de")
    assert match is not None and match.source == "user"


def test_error_lines_quote_hostile_input_safely(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["glossary", "show", f"Nichts{CLEAR}{TITLE}[bold]"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("kontext: error: no glossary entry for 'Nichts[bold]'")
    assert not unsafe_chars(err) and not leaked_payloads(err)


def test_json_output_escapes_what_a_terminal_would_obey(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import json

    path = tmp_path / "quelle\x9b2J\u202eevil\u2028.txt"  # only the name is hostile here
    path.write_text("Die NATO tagt in Düsseldorf.\n", encoding="utf-8")
    assert main(["annotate", str(path), "--model", "rules", "--json"]) == 0
    out = capsys.readouterr().out
    assert not unsafe_chars(out) and "\u2028" not in out
    data = json.loads(out)
    assert data["source"] == str(path)  # the same data, only escaped
    assert "Düsseldorf" in out  # umlauts stay readable UTF-8
