"""Enter on a "Seen in" article: the reader quits (saving) with the session to open,
and ``kontext read`` starts a fresh reader on it (no terminal UI here)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.enrich.index.conftest import NAMES, TITLES
from tests.tui.memory_sessions import save_sessions
from tui.cli import main
from tui.reader.app import KontextApp


def test_read_reopens_the_session_chosen_in_seen_in(monkeypatch: pytest.MonkeyPatch) -> None:
    sessions = save_sessions(2)
    apps: list[KontextApp] = []

    def fake_run(self: KontextApp, *args: Any, **kwargs: Any) -> None:
        apps.append(self)
        if len(apps) == 1:  # what SeenIn's Enter leaves behind once the reader has quit
            self.reader.memory.next_session = sessions[1].name
            self._return_code = 0

    monkeypatch.setattr(KontextApp, "run", fake_run)
    assert main(["read", "--session", NAMES[0], "--offline"]) == 0
    first, second = apps
    assert first.article.title == TITLES[0]
    assert second.article.title == TITLES[1]
    assert second.reader.sessions._initial_state is not None
    assert second.reader.sessions._initial_state.name == sessions[1].name
