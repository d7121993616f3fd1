"""Opening the entity list of a long article: entries with chips against one-line prompts.

The list's entries (tui/reader/widgets/entity_list.py: a chip, the name
wrapped under itself, the count right-aligned) are measured against the look
they replaced, one plain ``Text`` prompt per entity, in the same OptionList
and the same run. The time is mounting the list and its first layout and
paint, which measures every entry's height.
"""

from __future__ import annotations

import asyncio
import statistics
import time
from collections.abc import Callable

from rich.text import Text
from textual.app import App, ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from bench.harness import Result
from enrich.mention_counts import count_cell
from enrich.model import Annotation, Article, Entity, Label, Mention, Paragraph
from tui.reader.widgets.entity_list import list_options

WORDS = (
    "Nord Süd Ost West Bundes Landes Stadt Werk Bank Rat Amt Verband Institut Gesellschaft "
    "Kommission Agentur Ministerium Universität Stiftung Gruppe Partei Zentrale Behörde Hafen"
).split()


def annotation(entities: int) -> Annotation:
    """``entities`` made-up names (one in ten long enough to wrap), 1–9 mentions each."""
    text = "x" * 10
    article = Article(text, "bench", "bench", "de", (Paragraph(0, len(text)),))
    found = []
    labels = list(Label)
    for i in range(entities):
        parts = [WORDS[(i * 7 + k) % len(WORDS)] for k in range(2 if i % 10 else 7)]
        name = " ".join(parts) + f" {i}"
        mentions = tuple(
            Mention(0, 1, "x", labels[i % len(labels)], "model") for _ in range(1 + i % 9)
        )
        found.append(Entity(f"e{i}", name, labels[i % len(labels)], mentions))
    return Annotation(article, "bench", tuple(found))


def _plain_options(ann: Annotation) -> list[Option]:
    """The old look: one prompt per entity, "name  count", no chip, no hanging indent."""
    return [Option(Text(f"{e.name}  {count_cell(e)}"), id=e.id) for e in ann.entities]


class _ListApp(App[None]):
    def compose(self) -> ComposeResult:
        yield Vertical(id="holder")


async def _open_seconds(build: Callable[[], list[Option]], repeat: int) -> float:
    """Median seconds from mounting an OptionList of ``build()`` to its first frame."""
    times = []
    app = _ListApp()
    async with app.run_test(size=(40, 40)) as pilot:
        holder = app.query_one("#holder")
        for _ in range(repeat):
            options = build()
            start = time.perf_counter()
            listing = OptionList(*options)
            await holder.mount(listing)
            await pilot.pause()
            times.append(time.perf_counter() - start)
            await listing.remove()
    return statistics.median(times)


def entity_list_open(entities: int, repeat: int) -> list[Result]:
    ann = annotation(entities)

    async def both() -> tuple[float, float]:
        plain = await _open_seconds(lambda: _plain_options(ann), repeat)
        entries = await _open_seconds(lambda: list_options(ann), repeat)
        return entries, plain

    entries, plain = asyncio.run(both())
    return [
        Result(
            f"entity list opens ({entities:,} entities, chips and wrapped names)",
            entries * 1000,
            "ms",
            baseline=plain * 1000,
            baseline_name="one-line prompts",
            target="≤ 1.5× one-line prompts",
            passed=entries <= 1.5 * plain,
        )
    ]
