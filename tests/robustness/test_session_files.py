"""Session files that are deeply nested, corrupt or not files at all (issue 13, items 5, 6).

Session files are read as articles are (``enrich.regular_file``): opened
non-blocking, checked with fstat, capped. A FIFO, a symlink to /dev/zero and
a file nested 50,000 levels deep are each one line (exit 2) in ``sessions
show``, ``sessions export`` and ``read --session``, are listed with their
error by ``sessions list``, and never hide the readable sessions: the reader
still offers to resume the right one and says which file it could not read.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from enrich.session import EntityNote, SessionStore, default_name, new_session
from enrich.session.model import text_hash
from enrich.session.store import MAX_SESSION_BYTES
from tests.enrich.session.store_fixtures import OTHER_TEXT, annotation
from tests.robustness.hostile import assert_one_line_error, kontext
from tests.robustness.peak import RSS_LIMIT_MB, measured_kontext
from tests.tui.helpers import notified, offline_enricher, settle
from tui.reader.app import KontextApp
from tui.reader.screens.resume import ResumeScreen

DEPTH = 50_000
NOTE = "Wichtig für die Prüfung."


def _nested(path: Path) -> None:
    path.write_bytes(b'{"article": ' * DEPTH + b"1" + b"}" * DEPTH)


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _dev_zero(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _too_large(path: Path) -> None:
    with path.open("wb") as handle:  # sparse: no disk is used
        handle.truncate(MAX_SESSION_BYTES + 1)


HOSTILE: dict[str, tuple[Callable[[Path], None], str]] = {
    "nested 50,000 deep": (_nested, "nested too deeply"),
    "a FIFO": (_fifo, "not a regular file (a named pipe)"),
    "a symlink to /dev/zero": (_dev_zero, "not a regular file (a device)"),
    "larger than the cap": (_too_large, "too large"),
}


def _store() -> SessionStore:
    return SessionStore()  # KONTEXT_HOME is the test's own


def _good(store: SessionStore, name: str = "lesen") -> str:
    session = new_session(name, annotation())
    session.notes["org-jcs"] = EntityNote(entity_id="org-jcs", name="JCS", note=NOTE)
    return store.save(session).name


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_a_hostile_file_never_hides_the_readable_sessions(kontext_home: Path, kind: str) -> None:
    store = _store()
    good = _good(store)
    make, said = HOSTILE[kind]
    make(store.root / "kaputt.json")
    infos = {info.name: info for info in store.list()}
    assert infos[good].error == "" and infos[good].notes == 1
    assert said in infos["kaputt"].error and "\n" not in infos["kaputt"].error
    assert store.find_by_article(text_hash(annotation().article.text)) == [good]
    assert store.exists("kaputt")  # its name is taken: a new session never replaces it


@pytest.mark.parametrize("kind", list(HOSTILE))
def test_cli_says_one_line_and_lists_the_rest(kontext_home: Path, kind: str) -> None:
    store = _store()
    good = _good(store)
    make, said = HOSTILE[kind]
    make(store.root / "kaputt.json")
    # kontext() has a timeout: a read that blocks on the FIFO fails the test, not the suite.
    for args in (
        ("sessions", "show", "kaputt"),
        ("sessions", "export", "kaputt", "--format", "md"),
        ("read", "--session", "kaputt", "--offline"),
    ):
        line = assert_one_line_error(kontext(*args))
        assert said in line and "kaputt" in line, args
    listed = kontext("sessions", "list")
    assert listed.returncode == 0, listed.stderr
    assert good in listed.stdout and "kaputt" in listed.stdout
    assert "1 unreadable" in listed.stdout
    assert "Traceback" not in listed.stderr
    shown = kontext("sessions", "show", good)
    assert shown.returncode == 0 and NOTE in shown.stdout


async def _reader_sees(app: KontextApp) -> tuple[str, str]:
    """Run the reader until it has decided: (the session it offers to resume, the toasts)."""
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        offered = screen.session.name if isinstance(screen, ResumeScreen) else ""
        return offered, notified(app)


def _reader() -> KontextApp:
    made = annotation()
    return KontextApp(
        made.article, offline=True, annotate=lambda a: made, enricher_factory=offline_enricher
    )


async def test_reader_still_offers_the_right_session_beside_broken_ones(kontext_home: Path) -> None:
    store = _store()
    _good(store)  # this article's session
    store.save(new_session("andere", annotation(OTHER_TEXT)))  # another article's
    _nested(store.root / "tief.json")
    _fifo(store.root / "rohr.json")
    _dev_zero(store.root / "null.json")
    app = _reader()
    offered, toasts = await _reader_sees(app)
    assert offered == "lesen"  # the resume dialog, not a silent fresh session
    # The broken files are not named after this article: no noise about them.
    assert "cannot be read" not in toasts


@pytest.mark.parametrize("kind", list(HOSTILE))
async def test_reader_says_when_this_articles_session_cannot_be_read(
    kontext_home: Path, kind: str
) -> None:
    made = annotation()
    name = default_name(made.article.title, made.article.source)
    store = _store()
    make, said = HOSTILE[kind]
    store.root.mkdir(parents=True, exist_ok=True)
    make(store.root / f"{name}.json")
    app = _reader()
    offered, toasts = await _reader_sees(app)
    assert not offered
    assert "A saved session of this article cannot be read" in toasts and said in toasts
    assert f"this reading will be saved as '{name}-2'" in toasts
    assert app.reader.state is not None and app.reader.state.name == f"{name}-2"


async def test_reader_says_when_a_session_with_this_articles_text_is_corrupt(
    kontext_home: Path,
) -> None:
    store = _store()
    good = _good(store, "mein-name")
    path = store.path(good)
    data = path.read_bytes()
    path.write_bytes(data.replace(b'"entities"', b'"entities": 5, "x"', 1))  # wrong shape
    app = _reader()
    offered, toasts = await _reader_sees(app)
    assert not offered and "mein-name" in toasts and "wrong shape" in toasts
    assert path.read_bytes() != data  # left as it was: still the broken bytes
    assert b'"entities": 5' in path.read_bytes()


@pytest.mark.parametrize("kind", ["nested 50,000 deep", "a FIFO", "a symlink to /dev/zero"])
def test_peak_memory_of_hostile_session_files(kontext_home: Path, kind: str) -> None:
    """Figures for docs/robustness.md: ``sessions show`` on each, in a fresh process."""
    store = _store()
    store.root.mkdir(parents=True, exist_ok=True)
    make, said = HOSTILE[kind]
    make(store.root / "kaputt.json")
    run = measured_kontext("sessions", "show", "kaputt", timeout=60)
    print(f"sessions show, {kind}: {run.seconds:.2f} s, {run.peak_mb:.0f} MB")
    assert run.returncode == 2 and said in run.stderr
    assert run.peak_mb < RSS_LIMIT_MB
