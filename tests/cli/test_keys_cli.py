"""``kontext keys --list``: every binding id with its keys and text, without textual."""

from __future__ import annotations

import json
import subprocess
import sys

from tui.key_table import KEYS


def _kontext(*argv: str) -> subprocess.CompletedProcess[str]:
    code = (
        "import sys, json; from tui.cli import main; rc = main(sys.argv[1:]); "
        "print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'textual')), "
        "file=sys.stderr); sys.exit(rc)"
    )
    return subprocess.run(
        [sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120
    )


def test_keys_list_prints_id_keys_and_description_for_every_binding() -> None:
    done = _kontext("keys", "--list")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stderr.strip().splitlines()[-1]) == []  # textual never imported
    lines = done.stdout.splitlines()
    rows = {line.split()[0]: line.split(None, 2)[1:] for line in lines}
    assert rows["next-mention"] == ["n", "Next entity mention"]
    assert rows["help"] == ["question_mark", "All keys"]
    assert rows["next-loc"] == ["3", "Jump to the next Place"]
    assert rows["card-details"][0] == "i"
    assert set(rows) == {binding_id for _, binding_id, _, _ in KEYS}
    assert len(lines) == len(rows)  # one line per id
    # The descriptions start in one column.
    starts = {line.index(rows[line.split()[0]][1]) for line in lines}
    assert len(starts) == 1


def test_keys_without_list_is_the_same_listing_and_a_bad_option_is_a_usage_error() -> None:
    assert _kontext("keys").stdout == _kontext("keys", "--list").stdout
    bad = _kontext("keys", "--lst")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr
