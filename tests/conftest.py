"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.loopback_http import LoopbackServer


@pytest.fixture(scope="session", autouse=True)
def _private_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test reads or writes the real user's config, data or cache: tests that set no
    KONTEXT_HOME of their own share this one (one per xdist worker, so parallel runs
    never share a cache or a session store). Per-test homes (tests/tui, robustness)
    override it."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KONTEXT_HOME", str(tmp_path_factory.mktemp("kontext-home")))
        yield


@pytest.fixture
def loopback_http() -> Iterator[LoopbackServer]:
    """An HTTP server on 127.0.0.1 with routes the test registers; closed afterwards."""
    server = LoopbackServer().start()
    try:
        yield server
    finally:
        server.close()


@pytest.fixture
def autosave_off(monkeypatch: pytest.MonkeyPatch) -> None:
    """Readers made in this test never autosave on their own (a timer would race the
    test's steps on a busy machine); a test that tests autosave passes its own delay."""
    import math

    monkeypatch.setattr("tui.reader.app.AUTOSAVE_DELAY", math.inf)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow run last, in their order; everything else keeps its order."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is not None)


def pytest_configure(config: pytest.Config) -> None:
    """``os._exit`` inside the test process would end the run early with the code it
    is given (0 looks like a pass): make it an error instead."""
    import os

    def refuse(code: int) -> None:
        raise RuntimeError(f"os._exit({code}) called inside the test process")

    os._exit = refuse  # type: ignore[assignment]
