"""The side panel: everything Kontext knows about the current entity.

Glossary, Wikipedia and facts texts are untrusted: every part is a plain
``rich.text.Text``, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Literal

from rich.console import Group
from rich.text import Text
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from tui.card_text import enrichment_parts

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from enrich.enricher import Enrichment
    from enrich.model import Entity

# Where the card's knowledge stands: not asked yet, on its way, here, or failed.
CardState = Literal["pending", "loading", "ready", "error"]


def card_text(
    entity: Entity | None,
    enrichment: Enrichment | None,
    *,
    state: CardState = "ready",
    offline: bool = False,
    error: str = "",
    legend: Text | None = None,
) -> list[Text]:
    """The card as plain Text lines (also what tests read)."""
    if entity is None:
        parts = [
            Text("No entity selected.", style="bold"),
            Text("Press n for the first entity, l for the list, ? for help.", style="dim"),
        ]
        if legend is not None:
            parts += [Text("\nColours (keys 1–5 jump to the next one):", style="dim"), legend]
        return parts
    parts = [Text(entity.name, style="bold")]
    direct = len(entity.direct_mentions)
    related = len(entity.mentions) - direct
    count = f"{direct} mention{'s' if direct != 1 else ''}"
    if related:
        count += f" + {related} related"
    parts.append(Text(f"{entity.label} · {count}", style="dim"))
    if entity.aliases:
        parts.append(Text("Also: " + ", ".join(entity.aliases)))
    if offline:
        parts.append(Text("Offline: only the cache, glossary and facts are used.", style="dim"))
    if state == "pending":
        parts.append(Text("\nLooking up…", style="italic dim"))
    elif state == "loading":
        parts.append(Text("\nLoading glossary, Wikipedia and facts…", style="italic dim"))
    if error:
        parts.append(Text(f"\n! {error}", style="bold red"))
    if enrichment is None:
        return parts
    return [*parts, *enrichment_parts(enrichment, ready=state == "ready")]


def card_url(enrichment: Enrichment | None) -> str:
    """The Wikipedia URL of a card, or ""."""
    if enrichment is None or enrichment.wikipedia is None:
        return ""
    summary = enrichment.wikipedia.summary
    return summary.url if summary is not None and summary.url else ""


class EntityCard(VerticalScroll, can_focus=True):
    """A scrollable card for one entity; ``show`` replaces its content."""

    DEFAULT_CSS = """
    EntityCard {
        width: 42;
        border-left: tall $panel;
        padding: 0 1;
        background: $surface;
    }
    EntityCard:focus { border-left: tall $accent; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [("escape", "app.focus_article", "Back to the article")]

    def __init__(self, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.plain = ""
        self.entity_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="card-body")

    def on_mount(self) -> None:
        self.show(None, None)

    def show(
        self,
        entity: Entity | None,
        enrichment: Enrichment | None,
        *,
        state: CardState = "ready",
        offline: bool = False,
        error: str = "",
        legend: Text | None = None,
    ) -> None:
        parts = card_text(
            entity, enrichment, state=state, offline=offline, error=error, legend=legend
        )
        self.entity_id = entity.id if entity is not None else None
        self.plain = "\n".join(p.plain for p in parts)
        self.query_one("#card-body", Static).update(Group(*parts))
        if self.is_mounted:
            self.scroll_home(animate=False)
