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
