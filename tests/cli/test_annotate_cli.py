"""`kontext annotate` as a user runs it: a real subprocess, real files."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def kontext(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    # Wide enough that no table cell wraps, so rows can be read line by line.
    env = {**os.environ, "COLUMNS": "250", "NO_COLOR": "1"}
    env.pop("KONTEXT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "tui.cli", *args],
        input=stdin.decode() if stdin is not None else None,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_json_has_the_documented_shape() -> None:
    out = kontext("annotate", "sample:de", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["language"] == "de"
    assert "rules" in data["recognizer"]
    assert data["title"].startswith("Großmanöver")
    entity = next(
        e for e in data["entities"] if e["name"] == "Bundesamt für Seeschifffahrt und Hydrographie"
    )
    assert set(entity) >= {"id", "name", "label", "mentions", "aliases"}
    assert entity["label"] == "ORG"
    mention = entity["mentions"][0]
    assert set(mention) >= {"start", "end", "text", "source"}
    assert mention["source"] in {"model", "rule", "abbreviation", "glossary", "user"}
    assert all(m["kind"] in ("mention", "related") for e in data["entities"] for m in e["mentions"])


def test_table_lists_entities_with_label_count_and_context() -> None:
    out = kontext("annotate", "sample:en")
    assert out.returncode == 0, out.stderr
    assert "International Atomic Energy Agency" in out.stdout
    assert "IAEA" in out.stdout
    row = next(line for line in out.stdout.splitlines() if "Mark Rutte" in line)
    assert "PER" in row


def test_stdin_with_lang_override() -> None:
    out = kontext(
        "annotate", "-", "--lang", "en", "--json", stdin=b"President Joe Biden met NATO.\n"
    )
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["language"] == "en"
    assert {e["name"] for e in data["entities"]} == {"Joe Biden", "NATO"}


def test_markup_in_article_text_is_printed_literally(tmp_path: Path) -> None:
    article = tmp_path / "hostile.txt"
    title = "[bold]Eilmeldung[/] [link=file:///etc/passwd]Gefahr[/link] [@click=app.quit]x[/]"
    article.write_text(f"{title}\n\nDie NATO [red]warnt[/red] vor Angriffen.\n")
    out = kontext("annotate", str(article))
    assert out.returncode == 0, out.stderr
    assert out.stdout.splitlines()[0].startswith(title)
    assert "Die NATO [red]warnt[/red] vor" in out.stdout


def _bad_inputs(tmp_path: Path) -> dict[str, list[str]]:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(b"\x00\x01\x02binary\x00data" * 20)
    return {
        "missing": ["annotate", str(tmp_path / "nope.txt")],
        "directory": ["annotate", str(tmp_path)],
        "empty": ["annotate", str(empty)],
        "binary": ["annotate", str(binary)],
        "scheme": ["annotate", "ftp://example.org/a.txt"],
        "unreachable": ["annotate", "http://127.0.0.1:9/article.html"],
        "model": ["annotate", "sample:de", "--model", "no_such_pipeline_xyz"],
        "sample": ["annotate", "sample:fr"],
        "usage": ["annotate"],
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing",
        "directory",
        "empty",
        "binary",
        "scheme",
        "unreachable",
        "model",
        "sample",
        "usage",
    ],
)
def test_bad_input_gives_one_line_and_exit_2(tmp_path: Path, case: str) -> None:
    out = kontext(*_bad_inputs(tmp_path)[case])
    assert out.returncode == 2, (out.stdout, out.stderr)
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("kontext: error: ")
    assert "Traceback" not in out.stderr
    assert out.stdout == ""


def test_version_is_printed_and_looked_up_only_when_asked() -> None:
    from importlib.metadata import version

    run = kontext("--version")
    assert run.returncode == 0 and run.stdout.strip() == f"kontext {version('kontext-reader')}"
    probe = (
        "import sys; from tui.cli import build_parser; build_parser(); "
        "print('importlib.metadata' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"  # 20 ms of every start, before the first paint


def test_json_includes_the_text_its_offsets_slice_even_with_soft_hyphens(tmp_path: Path) -> None:
    """A consumer slicing ``text`` finds every mention; the raw file's offsets would drift."""
    article = tmp_path / "weich.txt"
    article.write_text(
        "Die Bundes\u00adregierung in Ber\u00adlin sprach mit der NATO.\n"
        "Bundes\u00adkanzler Olaf Scholz reiste danach nach Paris.\n",
        encoding="utf-8",
    )
    out = kontext("annotate", str(article), "--model", "rules", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    text = data["text"]
    assert "\u00ad" not in text and "Berlin" in text
    mentions = [m for e in data["entities"] for m in e["mentions"]]
    assert {"Berlin", "NATO", "Paris"} <= {m["text"] for m in mentions}
    for m in mentions:
        assert text[m["start"] : m["end"]] == m["text"], m
    raw = article.read_text(encoding="utf-8")
    assert any(raw[m["start"] : m["end"]] != m["text"] for m in mentions)  # why "text" is needed


def test_an_entity_seen_only_in_a_derived_form_says_so(tmp_path: Path) -> None:
    article = tmp_path / "abgeleitet.txt"
    article.write_text(
        "Die deutsche Regierung in Berlin traf sich am Montag mit Vertretern der NATO.\n",
        encoding="utf-8",
    )
    out = kontext("annotate", str(article), "--model", "rules")
    assert out.returncode == 0, out.stderr
    row = next(line for line in out.stdout.splitlines() if "│ Deutschland" in line)
    assert "only as: deutsche" in row
    assert " 0 " not in row and "+1" not in row
