"""Session storage under faults: nothing the student wrote is ever lost.

A corrupt file is reported in one line and left byte-for-byte untouched; a
save that dies (killed process, full disk, read-only data dir) leaves the
previous version readable and the session in memory unchanged, so saving again
later works; two processes saving one session both keep their notes.
"""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

import pytest

import enrich.atomic
from enrich.errors import SessionError
from enrich.session import EntityNote, Session, SessionStore, new_session
from enrich.session.codec import encode
from enrich.session.model import SCHEMA_VERSION
from tests.enrich.session.store_fixtures import TEXT, annotation
from tests.robustness.hostile import ROOT, assert_one_line_error, kontext, kontext_as_user

GOOD_NOTE = "Nachrichtenagentur aus Seoul; in der Prüfung wichtig."


def saved(store: SessionStore, name: str = "lesen") -> Session:
    session = new_session(name, annotation())
    session.notes["org-jcs"] = EntityNote(entity_id="org-jcs", name="JCS", note=GOOD_NOTE)
    return store.save(session)


CORRUPTIONS = {
    "truncated": lambda good: good[: len(good) // 2],
    "empty": lambda good: b"",
    "random bytes": lambda good: os.urandom(2000),
    "NUL bytes": lambda good: good.replace(b'"', b"\x00", 3),
    "UTF-16": lambda good: good.decode().encode("utf-16"),
    "a JSON list": lambda good: b"[1, 2, 3]",
    "wrong shape": lambda good: good.replace(b'"entities"', b'"entities": 5, "x"', 1),
    "offset outside the text": lambda good: good.replace(b'"start": 15', b'"start": 99999', 1),
    "schema from the future": lambda good: good.replace(
        b'"schema": %d' % SCHEMA_VERSION, b'"schema": 99', 1
    ),
}


@pytest.mark.parametrize("kind", list(CORRUPTIONS))
def test_corrupt_session_is_one_clear_error_and_left_untouched(tmp_path: Path, kind: str) -> None:
    store = SessionStore(tmp_path / "sessions")
    saved(store)
    path = store.path("lesen")
    broken = CORRUPTIONS[kind](path.read_bytes())
    path.write_bytes(broken)
    with pytest.raises(SessionError) as caught:
        SessionStore(tmp_path / "sessions").load("lesen")
    message = str(caught.value)
    assert "\n" not in message and "lesen" in message
    assert "left untouched" in message or "newer" in message, message
    # Saving over it is refused too, and nothing touches the file.
    with pytest.raises(SessionError):
        SessionStore(tmp_path / "sessions").save(new_session("lesen", annotation()))
    assert path.read_bytes() == broken


def test_cli_reports_a_corrupt_session_in_one_line(kontext_home: Path) -> None:
    store = SessionStore(kontext_home / "data" / "sessions")
    saved(store)
    path = store.path("lesen")
    path.write_bytes(path.read_bytes()[:100])
    before = path.read_bytes()
    env = {"KONTEXT_HOME": str(kontext_home)}
    line = assert_one_line_error(kontext("sessions", "show", "lesen", env=env))
    assert "cannot open session 'lesen'" in line and "left untouched" in line
    listed = kontext("sessions", "list", env=env)
    assert listed.returncode == 0 and "lesen" in listed.stdout and "Traceback" not in listed.stderr
    assert path.read_bytes() == before


class _HalfWritten:
    """A file that takes half of what is written, then reports a full disk."""

    def __init__(self, real: BinaryIO) -> None:
        self._real = real

    def write(self, data: bytes) -> int:
        self._real.write(data[: len(data) // 2])
        self._real.flush()
        raise OSError(errno.ENOSPC, "No space left on device")

    def __getattr__(self, name: str) -> object:
        return getattr(self._real, name)

    def __enter__(self) -> _HalfWritten:
        return self

    def __exit__(self, *exc: object) -> None:
        self._real.close()


def _full_on_write(monkeypatch: pytest.MonkeyPatch) -> None:
    real_fdopen = os.fdopen
    monkeypatch.setattr(
        enrich.atomic.os, "fdopen", lambda fd, *a, **k: _HalfWritten(real_fdopen(fd, *a, **k))
    )


def _full_on_fsync(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_space(fd: int) -> None:  # delayed allocation: the disk fills up at fsync
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(enrich.atomic.os, "fsync", no_space)


@pytest.mark.parametrize("fault", [_full_on_write, _full_on_fsync], ids=["write", "fsync"])
def test_full_disk_during_save_keeps_the_old_file_and_the_session_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: Callable[[pytest.MonkeyPatch], None]
) -> None:
    store = SessionStore(tmp_path / "sessions")
    edited = saved(store)
    first_revision = edited.revision
    path = store.path("lesen")
    on_disk = path.read_bytes()
    edited.notes["per-kim-jong-un"] = EntityNote(
        entity_id="per-kim-jong-un", name="Kim Jong Un", note="Neu geschrieben, noch nicht sicher."
    )
    in_memory = encode(edited)
    with monkeypatch.context() as patch:
        fault(patch)
        with pytest.raises(OSError) as caught:
            store.save(edited)
    assert caught.value.errno == errno.ENOSPC
    assert path.read_bytes() == on_disk  # the previous version, intact
    assert encode(edited) == in_memory  # nothing the student wrote is gone
    assert not [p for p in path.parent.iterdir() if p.name.endswith(".tmp")]
    again = store.save(edited)  # the disk has room again: the retry saves it all
    assert store.load("lesen").notes["per-kim-jong-un"].note.startswith("Neu geschrieben")
    assert again.revision == first_revision + 1


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_read_only_data_dir_fails_in_one_line_and_keeps_the_old_session(
    kontext_home: Path, tmp_path: Path
) -> None:
    sessions = kontext_home / "data" / "sessions"
    store = SessionStore(sessions)
    saved(store, "hafen")
    before = store.path("hafen").read_bytes()
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")  # the same article: the save would merge
    os.chmod(sessions, 0o555)
    try:
        run = kontext_as_user(
            "annotate", str(article), "--model", "rules", "--save", "hafen",
            env={"KONTEXT_HOME": str(kontext_home)},
        )  # fmt: skip
    finally:
        os.chmod(sessions, 0o755)
    line = assert_one_line_error(run)
    assert "permission denied" in line
    assert store.path("hafen").read_bytes() == before
    assert store.load("hafen").notes["org-jcs"].note == GOOD_NOTE


SAVER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from enrich.session import EntityNote, SessionStore
    store = SessionStore(Path(sys.argv[1]))
    session = store.load("lesen")
    i = 0
    while True:  # save as fast as possible until killed
        i += 1
        session.notes["org-jcs"].note = f"Fassung {i}"
        session = store.save(session)
        print(i, flush=True)
    """
)


def test_killed_during_saves_the_file_is_always_a_whole_version(tmp_path: Path) -> None:
    root = tmp_path / "sessions"
    store = SessionStore(root)
    saved(store)
    for attempt in range(5):
        proc = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(root)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        assert proc.stdout is not None
        for _ in range(3 + attempt * 7):  # let it get into its stride, at a varying point
            if not proc.stdout.readline():
                break
        time.sleep(0.003 * attempt)
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        reread = SessionStore(root).load("lesen")  # never half a file
        assert reread.notes["org-jcs"].note.startswith(("Fassung ", GOOD_NOTE))
        assert SessionStore(root).save(reread).revision == reread.revision + 1
    leftovers = [p.name for p in root.iterdir() if p.name.endswith(".tmp")]
    assert leftovers == []  # the next save cleaned up what the killed ones left


WRITER = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    from enrich.session import EntityNote, SessionStore
    root, who, count = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
    store = SessionStore(root)
    session = store.load("lesen")
    for i in range(count):
        key = f"{who}-{i}"
        session.notes[key] = EntityNote(entity_id=key, name=key, note=f"Notiz {key}")
        session = store.save(session)
    """
)


def test_two_processes_editing_one_session_lose_no_note(tmp_path: Path) -> None:
    root = tmp_path / "sessions"
    saved(SessionStore(root))
    count = 15
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(root), who, str(count)],
            cwd=ROOT,
            stderr=subprocess.PIPE,
        )
        for who in ("links", "rechts")
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    notes = SessionStore(root).load("lesen").notes
    for who in ("links", "rechts"):
        for i in range(count):
            assert notes[f"{who}-{i}"].note == f"Notiz {who}-{i}"
    assert notes["org-jcs"].note == GOOD_NOTE
