"""Small helpers shared by tests (fixtures live in conftest.py)."""

from __future__ import annotations

import asyncio
import socket
import sys

from enrich.model import Annotation, Article, Entity, Paragraph


def make_article(text: str, lang: str, title: str = "test") -> Article:
    """An Article whose paragraphs are the non-empty lines of ``text``."""
    paragraphs, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            paragraphs.append(Paragraph(pos, pos + len(line)))
        pos += len(line) + 1
    return Article(text, title, "test", lang, tuple(paragraphs))


def entities_with(annotation: Annotation, surface: str) -> list[Entity]:
    """Entities that have ``surface`` as a direct mention."""
    return [
        e
        for e in annotation.entities
        if any(m.text == surface and m.kind == "mention" for m in e.mentions)
    ]


def entity_of(annotation: Annotation, surface: str) -> Entity:
    """The one entity that has ``surface`` as a direct mention."""
    hits = entities_with(annotation, surface)
    assert len(hits) == 1, f"{surface!r} is in {[e.name for e in hits]}"
    return hits[0]


def has_entity(annotation: Annotation, surface: str) -> bool:
    return any(m.text == surface for e in annotation.entities for m in e.mentions)


class ChildSignal:
    """A loopback socket a stand-in child process connects to once it has read its
    input: a test waits for that connection instead of sleeping."""

    BOUND = 60.0  # seconds; far above a child's start on a busy machine

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))

    def slow_child(self) -> list[str]:
        """A child that reads its input, says so, then hangs for a minute."""
        port = self.listener.getsockname()[1]
        code = (
            "import socket, sys, time; sys.stdin.buffer.read(); "
            f"s = socket.create_connection(('127.0.0.1', {port})); time.sleep(60)"
        )
        return [sys.executable, "-c", code]

    def wait(self) -> None:
        """Block until the child has connected."""
        self.listener.settimeout(self.BOUND)
        conn, _ = self.listener.accept()
        conn.close()

    async def wait_async(self) -> None:
        """The same without blocking the event loop (a reader keeps running meanwhile)."""
        self.listener.setblocking(False)
        loop = asyncio.get_running_loop()
        conn, _ = await asyncio.wait_for(loop.sock_accept(self.listener), self.BOUND)
        conn.close()

    def close(self) -> None:
        self.listener.close()
