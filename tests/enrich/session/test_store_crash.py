"""A Kontext process killed in the middle of saving a session (SIGKILL between write and rename)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from enrich.session import SessionStore
from tests.enrich.session.store_fixtures import fresh, note

ROOT = Path(__file__).resolve().parents[3]

# The child writes the new version, fsyncs it, keeps the backup, and is killed
# just before the rename that would publish it.
CHILD = textwrap.dedent(
    """
    import os, signal, sys
    from pathlib import Path
    from enrich.session import SessionStore
    from tests.enrich.session.store_fixtures import note

    root = Path(sys.argv[1])
    store = SessionStore(root)
    session = store.load("seed")
    session.notes["org-jcs"] = note("org-jcs", "lost in the crash")
    real_replace = os.replace

    def killed_at_rename(src, dst, *args, **kwargs):
        if Path(dst) == root / "seed.json":
            os.kill(os.getpid(), signal.SIGKILL)
        return real_replace(src, dst, *args, **kwargs)

    os.replace = killed_at_rename
    store.save(session)
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_save_killed_before_the_rename_leaves_the_previous_version(tmp_path) -> None:
    store = SessionStore(tmp_path)
    first = store.save(fresh())
    first.notes["per-kim-jong-un"] = note("per-kim-jong-un", "Machthaber")
    previous = store.save(first)
    before = (tmp_path / "seed.json").read_bytes()

    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(tmp_path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert child.returncode == -signal.SIGKILL, child.stderr
    leftovers = list(tmp_path.glob(".seed.json.*.tmp"))
    assert leftovers, "the child did write its temp file before it was killed"

    assert (tmp_path / "seed.json").read_bytes() == before
    reopened = SessionStore(tmp_path)
    assert reopened.load("seed") == previous
    assert [i.name for i in reopened.list()] == ["seed"]  # the leftover is no session
    # The dead process's lock is gone with it: the next save goes through.
    again = reopened.load("seed")
    again.notes["org-jcs"] = note("org-jcs", "Generalstab")
    assert reopened.save(again).revision == previous.revision + 1
    assert set(reopened.load("seed").notes) == {"per-kim-jong-un", "org-jcs"}
    assert not list(tmp_path.glob(".seed.json.*.tmp"))  # that save cleaned up the leftover
