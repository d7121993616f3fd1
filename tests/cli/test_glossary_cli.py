"""``kontext glossary list|show|add|remove`` through the command's own argparse wiring."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from enrich.errors import KontextError
from enrich.glossary import user_glossary_path
from tui.cli.glossary import add_parser

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def _home(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path))


def run(*argv: str) -> int:
    """What ``tui.cli.main`` does with a subcommand: call ``func``, KontextError → 2."""
    parser = argparse.ArgumentParser(prog="kontext")
    sub = parser.add_subparsers(dest="command", required=True)
    add_parser(sub)
    args = parser.parse_args(argv)
    try:
        return int(args.func(args))
    except KontextError as exc:
        print(f"kontext: error: {exc}", file=sys.stderr)
        return 2


def test_show_explains_an_inflected_form(capsys) -> None:
    assert run("glossary", "show", "Marschflugkörpern") == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split() == ["Marschflugkörper", "TERM", "bundled"]
    assert any(line.startswith("de: ") for line in lines)
    assert any(line.startswith("en: ") for line in lines)
    assert "cruise missile" in out
    assert "\x1b[" not in out  # no colour codes when not on a terminal


def test_show_unknown_term_is_a_one_line_error(capsys) -> None:
    assert run("glossary", "show", "Blumenkohl") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no glossary entry for 'Blumenkohl'" in err


def test_list_shows_bundled_entries(capsys) -> None:
    assert run("glossary", "list") == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) >= 151
    assert out[-1].endswith("entries")
    assert any(line.startswith("Haubitze  TERM  bundled") for line in out)


def test_add_show_list_remove_round_trip(capsys) -> None:
    assert (
        run(
            "glossary",
            "add",
            "Seegrenze",
            "--definition",
            "Grenze auf dem Meer.",
            "--alias",
            "maritime border",
            "--alias",
            "Seegrenzlinie",
            "--label",
            "term",
        )
        == 0
    )
    out = capsys.readouterr().out
    assert f"saved 'Seegrenze' (TERM) in {user_glossary_path()}" in out

    assert run("glossary", "show", "Seegrenzen") == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0].split() == ["Seegrenze", "TERM", "user"]
    assert "also: maritime border, Seegrenzlinie" in out

    assert run("glossary", "list", "--source", "user") == 0
    out = capsys.readouterr().out.splitlines()
    assert out == ["Seegrenze  TERM  user  Grenze auf dem Meer.", "1 entry"]

    assert run("glossary", "remove", "Seegrenze") == 0
    assert "removed 'Seegrenze'" in capsys.readouterr().out
    assert run("glossary", "show", "Seegrenze") == 2


def test_overriding_a_bundled_entry_says_so(capsys) -> None:
    assert run("glossary", "add", "Haubitze", "--definition", "Meine Version.") == 0
    assert "takes precedence" in capsys.readouterr().out
    assert run("glossary", "show", "Haubitzen") == 0
    out = capsys.readouterr().out
    assert "Meine Version." in out and "user" in out.splitlines()[0]


def test_markup_in_data_is_printed_literally(capsys) -> None:
    text = "[bold red]laut[/] :smile: [link=http://x]y[/link]"
    assert run("glossary", "add", "Markup", "--definition", text) == 0
    capsys.readouterr()
    assert run("glossary", "show", "Markup") == 0
    assert f"de: {text}" in capsys.readouterr().out


def test_errors_are_one_line_with_exit_2(capsys) -> None:
    assert run("glossary", "add", "X", "--definition", "y", "--label", "THING") == 2
    assert "unknown label 'THING'" in capsys.readouterr().err
    assert run("glossary", "remove", "NATO") == 2
    assert "bundled glossary entry" in capsys.readouterr().err


def test_corrupt_user_file_warns_on_read_and_blocks_edits(capsys) -> None:
    path = user_glossary_path()
    path.write_text('[[entry]]\nterm = "kaputt\n', encoding="utf-8")
    assert run("glossary", "show", "Haubitze") == 0
    captured = capsys.readouterr()
    assert f"kontext: warning: {path}:2: not valid TOML" in captured.err
    assert "Haubitze" in captured.out
    assert run("glossary", "add", "Seegrenze", "--definition", "x") == 2
    err = capsys.readouterr().err
    assert err.startswith(f"kontext: error: {path}:2:") and err.count("\n") == 1
    assert path.read_text(encoding="utf-8") == '[[entry]]\nterm = "kaputt\n'


def test_missing_subcommand_and_missing_definition_are_usage_errors() -> None:
    with pytest.raises(SystemExit) as info:
        run("glossary")
    assert info.value.code == 2
    with pytest.raises(SystemExit) as info:
        run("glossary", "add", "Seegrenze")
    assert info.value.code == 2


def _wired() -> bool:
    from tui.cli import build_parser

    subparsers = [
        action
        for action in build_parser()._actions
        if isinstance(action, argparse._SubParsersAction)
    ]
    return any("glossary" in action.choices for action in subparsers)


@pytest.mark.skipif(not _wired(), reason="`glossary` not yet registered in tui/cli/__init__.py")
def test_through_the_real_kontext_command(tmp_path) -> None:
    env = {**os.environ, "KONTEXT_HOME": str(tmp_path), "NO_COLOR": "1", "COLUMNS": "200"}
    env.pop("KONTEXT_DEBUG", None)

    def kontext(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "tui.cli", "glossary", *args],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            timeout=120,
        )

    out = kontext("add", "Seegrenze", "--definition", "Grenze auf dem Meer.")
    assert out.returncode == 0, out.stderr
    out = kontext("show", "Seegrenzen")
    assert out.returncode == 0 and "Grenze auf dem Meer." in out.stdout
    out = kontext("remove", "NATO")
    assert out.returncode == 2
    assert out.stderr.startswith("kontext: error: ") and out.stderr.count("\n") == 1
