"""The index survives ``kill -9`` in the middle of a write.

A child process saves sessions in a loop (each save writes the session file,
then the store's hook updates the index in one transaction) or rebuilds the
index. Its SQLite trace callback prints a line inside the transaction and then
blocks, so the parent kills it with SIGKILL exactly there: no timing involved.
At the next open the index must be consistent (or rebuilt) and hold every
session as it is on disk, the note saved just before the kill included.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from enrich.index import EntityIndex
from enrich.session import SessionStore

CHILD = r"""
import sys
from pathlib import Path

import enrich.index.entity_index as entity_index
from enrich.index import EntityIndex
from enrich.session import EntityNote, SessionStore

root, mode = Path(sys.argv[1]), sys.argv[2]
armed = False
connect = entity_index._connect


def stop_inside(sql):
    wanted = sql == "COMMIT" if mode == "update" else sql.startswith("INSERT OR REPLACE")
    if armed and wanted:
        print("inside the transaction", flush=True)
        sys.stdin.readline()  # the parent kills us while we wait here


def traced(path, *args):
    db = connect(path, *args)
    db.set_trace_callback(stop_inside)
    return db


entity_index._connect = traced
store = SessionStore(root)
names = sorted(p.stem for p in root.glob("*.json"))
for i in range(1, 100):
    name = names[i % len(names)]
    session = store.load(name)
    entity = session.entities[0]
    session.notes[entity.id] = EntityNote(
        entity_id=entity.id, name=entity.name, label=entity.label, note=f"Notiz {i}",
        updated=f"2026-12-01T00:00:{i:02d}+00:00",
    )
    armed = mode == "update" and i == 4
    print(f"saving {name} {i}", flush=True)
    store.save(session)
    if mode == "rebuild" and i == 4:
        armed = True
        with EntityIndex.open(store=store, check=False, sync=False) as index:
            index.rebuild()
print("finished without being killed", flush=True)
"""


def _content(index: EntityIndex) -> list[tuple[object, ...]]:
    """Everything a user sees of the index, comparable across two index files."""
    rows: list[tuple[object, ...]] = []
    for summary in index.entities():
        entity = index.entity(summary.key)
        assert entity is not None
        rows.append((summary, entity.sightings, entity.notes, entity.wiki_choice))
    return rows


@pytest.mark.parametrize("mode", ["update", "rebuild"])
def test_index_survives_kill_9_mid_write(three_sessions: list, home: Path, mode: str) -> None:
    root = home / "data" / "sessions"
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(root), mode],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "KONTEXT_HOME": str(home)},
        cwd=Path(__file__).parents[3],
    )
    assert child.stdout is not None
    lines = []
    for line in child.stdout:
        lines.append(line.strip())
        if line.strip() == "inside the transaction":
            break
    child.send_signal(signal.SIGKILL)
    _, err = child.communicate(timeout=60)
    assert lines[-1] == "inside the transaction", (lines, err)
    assert child.returncode == -signal.SIGKILL
    saving = [line for line in lines if line.startswith("saving ")]
    name, number = saving[-1].split()[1:]  # the save whose index update was cut off

    store = SessionStore(root)
    with EntityIndex.open(store=store) as index:  # quick_check, then catch up with the files
        assert not [w for w in index.warnings if "not indexed" in w]
        survived = _content(index)
        noted = store.load(name).entities[0]
        notes = [
            n.note
            for e in index.entities()
            if (full := index.entity(e.key)) is not None
            for n in full.notes
            if n.session == name and e.name == noted.name
        ]
    assert notes == [f"Notiz {number}"]  # the last save before the kill is not lost
    with EntityIndex.open(home / "fresh.sqlite", store=store) as fresh:  # from the files alone
        assert survived == _content(fresh)
