"""The reader when saving fails: a full disk is reported, the edits stay, a later save works.

(tests/tui/test_session_resume.py covers an unwritable sessions directory; this
is the disk filling up mid-write, simulated at the one place files are written.)
"""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

import enrich.atomic
from enrich.session import SessionStore
from tests.tui.helpers import demo_annotation, notifications, offline_enricher, settle
from tui.reader.app import KontextApp
from tui.reader.widgets.article_view import ArticleView


async def test_full_disk_on_save_keeps_the_edit_and_the_retry_saves_it(
    kontext_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    demo = demo_annotation()
    real_fsync = enrich.atomic.os.fsync
    disk_full = True

    def fsync(fd: int) -> None:
        if disk_full:
            raise OSError(errno.ENOSPC, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(enrich.atomic.os, "fsync", fsync)

    app = KontextApp(
        demo.article, offline=True, annotate=lambda a: demo, enricher_factory=offline_enricher
    )
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("x", "s")  # reject NATO, save
        await settle(pilot)
        assert app.is_running
        notified = "\n".join(notifications(app))
        assert "Could not save the session: " in notified
        assert "No space left on device" in notified or "no space left" in notified
        assert (
            app.reader.state is not None and app.reader.state.dirty and "unsaved" in app.sub_title
        )
        sessions = kontext_home / "data" / "sessions"
        leftovers = [p.name for p in sessions.iterdir() if p.name.endswith(".tmp")]
        assert leftovers == []  # the failed write cleaned up after itself
        disk_full = False  # the student frees some space
        await pilot.press("s")
        await settle(pilot)
        assert not app.reader.state.dirty
        saved = SessionStore().load(app.reader.state.name)
        assert [c.text for c in saved.corrections] == ["NATO"]
