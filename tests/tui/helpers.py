"""Helpers for driving the reader in tests."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterator
from pathlib import Path

from textual.app import App
from textual.message import Message
from textual.messages import ExitApp
from textual.notifications import Notification
from textual.pilot import Pilot
from textual.strip import Strip
from textual.worker import Worker, WorkerCancelled, WorkerFailed, WorkerState

from enrich.enricher import Enricher
from enrich.model import Annotation, Article, Entity, Label, Mention
from tui.reader.app import KontextApp


def offline_enricher() -> Enricher:
    """Glossary and facts only: tests never reach the network."""
    return Enricher(offline=True, wikipedia=False)


def make_app(
    article: Article,
    annotate: Callable[[Article], Annotation] | None = None,
) -> KontextApp:
    return KontextApp(article, offline=True, annotate=annotate, enricher_factory=offline_enricher)


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker is left to run and the messages of the finished ones are handled.

    A finished worker's message may start the next one (highlights, then the cards,
    some after the next refresh): wait until two rounds in a row find nothing left.
    Workers blocked on purpose (``busy_workers``) end the wait after a bounded
    number of rounds.
    """
    quiet = 0
    for _ in range(_SETTLE_ROUNDS):
        if not pilot.app.is_running:
            return  # it quit: its workers were cancelled, nothing is left to wait for
        # A failed worker is handled by the app; tests assert what the user sees.
        # A cancelled one (the app is quitting) has ended too.
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        busy = any(w.state in _UNFINISHED for w in pilot.app.workers)
        quiet = 0 if busy else quiet + 1
        if quiet == 2:
            return


_SETTLE_ROUNDS = 20


async def annotated(pilot: Pilot[None]) -> None:
    """Wait until the highlights are in: the NLP worker ended and its message was handled.

    The worker starts after the first frame, so a round may find none yet; the
    rounds wait on the worker and on an idle app, never on a fixed time.
    """
    app = pilot.app
    for _ in range(_ANNOTATE_ROUNDS):
        if getattr(getattr(app, "reader", None), "annotation", None) is not None:
            return
        nlp = [w for w in app.workers if w.group == "nlp"]
        with contextlib.suppress(WorkerFailed, WorkerCancelled):
            await app.workers.wait_for_complete(nlp)
        await pilot.pause()
    raise AssertionError("the highlights never arrived")


_ANNOTATE_ROUNDS = 200
_UNFINISHED = (WorkerState.PENDING, WorkerState.RUNNING)


class MessageLog:
    """The messages an app handles, for a test to wait on instead of on time.

    Pass it as ``run_test(message_hook=log)``; it is called on the app's event loop.
    """

    def __init__(self) -> None:
        self.seen: list[Message] = []
        self._waiting: list[tuple[Callable[[Message], bool], asyncio.Future[Message]]] = []

    def __call__(self, message: Message) -> None:
        self.seen.append(message)
        for entry in list(self._waiting):
            match, future = entry
            if match(message) and not future.done():
                future.set_result(message)
                self._waiting.remove(entry)

    async def wait_for(self, match: Callable[[Message], bool], *, after: int = 0) -> Message:
        """The first message from ``seen[after:]`` on that ``match`` accepts.

        Bounded, so a broken app fails the test instead of hanging it.
        """
        for message in self.seen[after:]:
            if match(message):
                return message
        future: asyncio.Future[Message] = asyncio.get_running_loop().create_future()
        self._waiting.append((match, future))
        return await asyncio.wait_for(future, _MESSAGE_BOUND)


_MESSAGE_BOUND = 60.0  # seconds; far above any wait on an idle or a busy machine


def worker_failed(group: str) -> Callable[[Message], bool]:
    """Matches the message saying a worker of ``group`` ended in an error."""

    def match(message: Message) -> bool:
        return (
            isinstance(message, Worker.StateChanged)
            and message.state == WorkerState.ERROR
            and message.worker.group == group
        )

    return match


def toasts(app: App[None]) -> list[Notification]:
    """The toasts on screen, oldest first (message, title, severity as the user sees them).

    Textual keeps them in the App and has no public reader for them: this is the one
    place in the tests that looks there.
    """
    return list(app._notifications)


def notifications(app: App[None]) -> list[str]:
    """The messages of the toasts shown so far, oldest first."""
    return [str(n.message) for n in toasts(app)]


def notified(app: App[None]) -> str:
    """All toast messages as one text, for ``in`` checks."""
    return "\n".join(notifications(app))


def write_config(home: Path, text: str) -> Path:
    """config.toml under ``KONTEXT_HOME`` = ``home``."""
    path = home / "config" / "config.toml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


@contextlib.contextmanager
def busy_workers() -> Iterator[None]:
    """Every thread of the reader's executor blocked (a model load, slow lookups)
    until the block ends: work queued meanwhile has not run yet."""
    import threading

    from tui.reader.app import WORKER_THREADS

    gate = threading.Event()
    loop = asyncio.get_running_loop()
    for _ in range(WORKER_THREADS):
        loop.run_in_executor(None, gate.wait)
    try:
        yield
    finally:
        gate.set()


async def wait_until_quit(log: MessageLog) -> None:
    """Wait until the app asks to exit by itself (its ``ExitApp`` message); pass the
    same ``log`` as ``run_test(message_hook=log)``."""
    await log.wait_for(lambda message: isinstance(message, ExitApp))


def screen_strips(app: App[None]) -> list[Strip]:
    """Every row of the terminal as composited (line filters such as NO_COLOR applied).

    Textual has no public reader for the composited screen: this is the one place in
    the tests that asks its compositor.
    """
    return app.screen._compositor.render_strips()


def screen_text(app: App[None]) -> str:
    """What the terminal shows, as plain text lines."""
    strips = screen_strips(app)
    return "\n".join("".join(seg.text for seg in strip).rstrip() for strip in strips)


# Entities of the demo article, written by hand so snapshots follow the UI, not the NER:
# (id, name, label, [(surface, kind), ...]).
DEMO_ENTITIES = [
    (
        "per-pistorius",
        "Boris Pistorius",
        Label.PER,
        [("Boris Pistorius", "mention"), ("Pistorius", "mention")],
    ),
    ("per-rutte", "Mark Rutte", Label.PER, [("Mark Rutte", "mention")]),
    ("org-nato", "NATO", Label.ORG, [("NATO", "mention")]),
    (
        "org-bsh",
        "Bundesamt für Seeschifffahrt und Hydrographie",
        Label.ORG,
        [("Bundesamt für Seeschifffahrt und Hydrographie", "mention"), ("BSH", "mention")],
    ),
    ("loc-ostsee", "Ostsee", Label.LOC, [("Ostsee", "mention")]),
    ("loc-russland", "Russland", Label.LOC, [("Russland", "mention"), ("russischen", "related")]),
    ("term-schattenflotte", "Schattenflotte", Label.TERM, [("Schattenflotte", "mention")]),
]


def demo_annotation() -> Annotation:
    """The bundled German sample with the hand-made entities above (every occurrence)."""
    import re

    from enrich import load_article
    from tui.cli.read_options import sample_path

    article = load_article(str(sample_path("de")))
    entities, taken = [], set()
    for entity_id, name, label, surfaces in DEMO_ENTITIES:
        mentions = []
        for surface, kind in surfaces:
            for m in re.finditer(rf"\b{re.escape(surface)}\b", article.text):
                if not taken.intersection(range(m.start(), m.end())):
                    taken.update(range(m.start(), m.end()))
                    mentions.append(Mention(m.start(), m.end(), surface, label, "model", kind))
        mentions.sort(key=lambda m: m.start)
        entities.append(Entity(entity_id, name, label, tuple(mentions)))
    return Annotation(article, "hand-made test entities", tuple(entities))
