"""Runs that made spaCy's tokenizer quadratic are blanked before it (issue 13, item 4).

The assertions are on what the student sees (the entities around the runs,
offsets into the original text), never on time: the bench measures time
(``annotate hostile input`` rows). The subprocess test records peak memory.
"""

from __future__ import annotations

import json
import sys

from enrich import annotate
from enrich.model import Annotation, Article, Paragraph
from enrich.nlp.hostile_runs import MAX_TOKEN_CHARS, neutralise
from tests.helpers import has_entity
from tests.robustness.peak import RSS_LIMIT_MB, measured


def _article(text: str) -> Article:
    return Article(text, "t", "test", "de", (Paragraph(0, len(text)),))


def _assert_offsets(annotation: Annotation) -> None:
    text = annotation.article.text
    for entity in annotation.entities:
        for m in entity.mentions:
            assert text[m.start : m.end] == m.text


def test_neutralise_keeps_length_and_words() -> None:
    text = "Olaf Scholz" + "(" * 500 + " traf " + "„" * 40 + " Macron " + "x" * 300 + " in Paris."
    out = neutralise(text)
    assert len(out) == len(text)
    assert out.startswith("Olaf Scholz(")  # the first bracket stays with the word
    assert " traf " in out and " Macron " in out and out.endswith(" in Paris.")
    assert "((" not in out and "„„" not in out and "x" * (MAX_TOKEN_CHARS + 1) not in out
    dense = "a(.b.]c„…d;:e!?"  # spaCy would make a token of nearly every character
    assert neutralise(f"Paris {dense} Rom") == "Paris " + " " * len(dense) + " Rom"
    markup = "[link=https://x]Hamburg[/link]."
    assert neutralise(markup) == markup  # a third punctuation: read as it is
    short = "Na... (siehe oben) --- „Zitat“ ?!"
    assert neutralise(short) == short  # ordinary punctuation is untouched


def test_long_affixes_are_cut_from_the_outside_in() -> None:
    text = "(.(.(.(.„Merkel“).!?!?!? sprach, ((( „Zitat“). Ende"
    out = neutralise(text)
    assert len(out) == len(text)
    assert "(.„Merkel“)." in out and "!?" not in out and "(.(.(" not in out
    assert "((( „Zitat“). Ende" in out  # three on each side are ordinary punctuation


def test_a_long_bracket_run_after_a_word() -> None:
    annotation = annotate(_article("Angela Merkel sprach in Berlin. Der " + "(" * 25_000))
    assert has_entity(annotation, "Angela Merkel") and has_entity(annotation, "Berlin")
    _assert_offsets(annotation)


def test_three_runs_of_19000_brackets_between_sentences() -> None:
    run = "(" * 19_000
    text = f"Olaf Scholz reiste nach Paris.{run} Emmanuel Macron empfing ihn.{run} "
    text += f"Danach flog Scholz nach Warschau.{run}"
    annotation = annotate(_article(text))
    for name in ("Olaf Scholz", "Paris", "Emmanuel Macron", "Warschau"):
        assert has_entity(annotation, name), name
    _assert_offsets(annotation)
    # The last run is in the third chunk: offsets after the chunk cuts still match.
    assert any(m.start > 38_000 for e in annotation.entities for m in e.mentions)


def test_100000_typographic_quotes_and_hostile_mixes() -> None:
    text = (
        "Die NATO tagte in Brüssel. "
        + "„" * 100_000
        + " Jens Stoltenberg sprach. "
        + "(." * 30_000
        + " Ursula von der Leyen kam aus Hannover. "
        + ("„(" * 60 + "x" * 50 + " ") * 200
        + "Am Abend sprach Joe Biden in Washington."
    )
    annotation = annotate(_article(text))
    for name in ("NATO", "Brüssel", "Jens Stoltenberg", "Hannover", "Joe Biden", "Washington"):
        assert has_entity(annotation, name), name
    _assert_offsets(annotation)


_PEAK = """
import json, sys, time
from enrich import annotate
from enrich.model import Article, Paragraph
text = "Der " + "(" * 1_000_000 + " Angela Merkel sprach in Berlin."
started = time.process_time()
annotation = annotate(Article(text, "t", "t", "de", (Paragraph(0, len(text)),)))
names = sorted(e.name for e in annotation.entities)
print(json.dumps({"cpu": time.process_time() - started, "names": names}))
"""


def test_one_megabyte_of_brackets_stays_small() -> None:
    """A fresh process annotating 1 MB of "(": figures in docs/robustness.md."""
    run = measured([sys.executable, "-c", _PEAK], timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    result = json.loads(run.stdout.splitlines()[-1])
    print(f"1 MB of '(': {result['cpu']:.2f} s CPU, {run.seconds:.2f} s wall, {run.peak_mb:.0f} MB")
    assert "Angela Merkel" in result["names"] and "Berlin" in result["names"]
    assert run.peak_mb < RSS_LIMIT_MB
