"""The ``fakewiki`` pytest fixture; import it into a test module to use it.

It lives here rather than in a conftest.py because the tests that use it are
in ``tests/enrich``: ``from tests.fakewiki.fixtures import fakewiki  # noqa: F401``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fakewiki.server import FakeWiki


@pytest.fixture
def fakewiki(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[FakeWiki]:
    """A running fake wiki; KONTEXT_WIKI_API points at it, KONTEXT_HOME at a tmp dir."""
    server = FakeWiki().start()
    monkeypatch.setenv("KONTEXT_WIKI_API", server.api_url)
    monkeypatch.setenv("KONTEXT_HOME", str(tmp_path / "kontext-home"))
    try:
        yield server
    finally:
        server.stop()
