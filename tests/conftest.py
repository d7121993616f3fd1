"""Shared pytest fixtures."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.loopback_http import LoopbackServer


@pytest.fixture
def loopback_http() -> Iterator[LoopbackServer]:
    """An HTTP server on 127.0.0.1 with routes the test registers; closed afterwards."""
    server = LoopbackServer().start()
    try:
        yield server
    finally:
        server.close()


def pytest_configure(config: pytest.Config) -> None:
    """``os._exit`` inside the test process would end the run early with the code it
    is given (0 looks like a pass): make it an error instead."""
    import os

    def refuse(code: int) -> None:
        raise RuntimeError(f"os._exit({code}) called inside the test process")

    os._exit = refuse  # type: ignore[assignment]
