"""Corrections that carry over: rules from the first sessions applied in the next
articles through the real annotate path, listed and removed with ``kontext rules``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from enrich import annotate
from enrich.index import EntityIndex
from enrich.index.rules import list_rules
from enrich.model import Annotation
from enrich.session import SessionStore
from tests.enrich.index.conftest import NAMES, TEXTS, article, first_session, second_session
from tui.cli import main


def _by_surface(annotation: Annotation, surface: str) -> list[tuple[str, str, str]]:
    """(entity label, mention source, mention rule) of every mention with this text."""
    return [
        (str(e.label), m.source, m.rule)
        for e in annotation.entities
        for m in e.mentions
        if m.text == surface
    ]


def _rules() -> dict[str, str]:
    with EntityIndex.open(store=SessionStore()) as index:
        return {r.op: r.id for r in list_rules(index)}


def test_a_rejection_and_a_relabelling_apply_in_the_next_article(home: Path) -> None:
    before = annotate(article(1))  # no rules yet
    assert _by_surface(before, "Abgeordnete") == [("TERM", "glossary", "glossary")]
    first_session(SessionStore())
    after = annotate(article(1))
    assert _by_surface(after, "Abgeordnete") == []  # rejected in the first article
    ident = _rules()["relabel"]
    assert _by_surface(after, "240-mm-Raketenwerfern") == [("MISC", "user", f"personal:{ident}")]
    third = annotate(article(2))  # inflected forms are covered
    assert _by_surface(third, "Abgeordneten") == []
    assert _by_surface(third, "240-mm-Raketenwerfer") == [("MISC", "user", f"personal:{ident}")]


def test_an_addition_is_found_as_a_pattern_in_later_articles(home: Path) -> None:
    assert _by_surface(annotate(article(2)), "Yeonpyeong") == []  # the recognizer misses it
    first_session(SessionStore())
    second_session(SessionStore())  # adds "Yeonpyeong" as a place
    ident = _rules()["add"]
    assert _by_surface(annotate(article(2)), "Yeonpyeong") == [("LOC", "user", f"personal:{ident}")]


def test_a_rule_is_not_applied_to_its_own_article(home: Path) -> None:
    """There the session's own corrections apply (and would find nothing to correct)."""
    first_session(SessionStore())
    assert _by_surface(annotate(article(0)), "Abgeordnete") == [("TERM", "glossary", "glossary")]


def test_rules_list_and_remove_undo_the_effect(
    home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "200")
    first_session(SessionStore())
    rules = _rules()
    assert main(["rules", "list"]) == 0
    listing = capsys.readouterr().out
    assert rules["reject"] in listing and "reject 'Abgeordnete' (was TERM)" in listing
    assert rules["relabel"] in listing and "label '240-mm-Raketenwerfern' as MISC" in listing
    assert "2 rules" in listing and f"1 session: {NAMES[0]}" in listing

    assert main(["rules", "remove", rules["reject"][:5]]) == 0  # a unique prefix will do
    assert "removed rule" in capsys.readouterr().out
    after = annotate(article(1))
    assert _by_surface(after, "Abgeordnete") == [("TERM", "glossary", "glossary")]  # back
    assert _by_surface(after, "240-mm-Raketenwerfern")[0][1] == "user"  # the other rule stays

    assert main(["rules", "remove", rules["relabel"]]) == 0
    capsys.readouterr()
    assert _by_surface(annotate(article(1)), "240-mm-Raketenwerfern") == [
        ("TERM", "rule", "calibre")
    ]
    assert main(["rules", "list"]) == 0
    assert "no personal rules yet" in capsys.readouterr().out

    first_session(SessionStore())  # saving the session again does not bring them back
    assert _rules() == {}


def test_undoing_the_correction_in_its_session_drops_the_rule(home: Path) -> None:
    store = SessionStore()
    session = first_session(store)
    session.corrections = [c for c in session.corrections if c.op != "reject"]
    store.save(session)
    assert set(_rules()) == {"relabel"}
    assert _by_surface(annotate(article(1)), "Abgeordnete") == [("TERM", "glossary", "glossary")]


def test_unknown_rule_id_is_one_line_and_exit_2(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first_session(SessionStore())
    assert main(["rules", "remove", "zzzzzzzz"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no rule with id 'zzzzzzzz'" in err


def test_a_corrupt_rules_file_is_reported_left_alone_and_never_stops_annotating(
    home: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first_session(SessionStore())
    path = home / "data" / "rules.json"
    path.write_bytes(b'{"removed": ')
    assert main(["rules", "remove", _rules_without_file(home)]) == 2
    assert "rules.json is corrupt" in capsys.readouterr().err
    assert path.read_bytes() == b'{"removed": '
    annotation = annotate(article(1))
    assert any("personal rules were not applied" in w for w in annotation.warnings)
    assert _by_surface(annotation, "Abgeordnete")  # no rules: the recognizers' entity


def _rules_without_file(home: Path) -> str:
    from enrich.index.rules import derive_rules

    with EntityIndex.open(store=SessionStore()) as index:
        return derive_rules(index.correction_rows(), {})[0].id


def test_annotate_json_shows_source_user(home: Path, tmp_path: Path) -> None:
    first_session(SessionStore())
    source = tmp_path / "zweiter.txt"
    source.write_text(TEXTS[1], encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "tui.cli", "annotate", str(source), "--json"],
        capture_output=True,
        text=True,
        env={**os.environ, "KONTEXT_HOME": str(home)},
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    entities = json.loads(run.stdout)["entities"]
    launcher = next(e for e in entities if e["name"] == "240-mm-Raketenwerfern")
    assert launcher["label"] == "MISC"
    assert {(m["source"], m["rule"]) for m in launcher["mentions"]} == {
        ("user", f"personal:{_rules()['relabel']}")
    }
    assert not any(m["text"] == "Abgeordnete" for e in entities for m in e["mentions"])
