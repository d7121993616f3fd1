"""The side panel: everything Kontext knows about the current entity.

Glossary, Wikipedia, facts and session texts are untrusted: every part is a
plain ``rich.text.Text``, never markup. The knowledge comes as a typed
``Card`` (fresh or from a saved session); the student's note and tags come last.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.console import Group
from rich.text import Text
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from enrich.mention_counts import count_words
from tui.card_text import enrichment_parts, note_parts
from tui.reader.bindings import CARD_BINDINGS

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from enrich.card import Card
    from enrich.model import Entity
    from enrich.session import EntityNote

# Keys the card names, unless the reader passes remapped ones.
DEFAULT_KEYS = {"next-mention": "n", "entity-list": "l", "help": "?"}

# Where the card's knowledge stands: not asked yet, on its way, here, or failed.
CardState = Literal["pending", "loading", "ready", "error"]


def card_text(
    entity: Entity | None,
    enrichment: Card | None,
    *,
    state: CardState = "ready",
    offline: bool = False,
    offline_line: str = "",
    error: str = "",
    legend: Text | None = None,
    note: EntityNote | None = None,
    keys: Mapping[str, str] | None = None,
) -> list[Text]:
    """The card as plain Text lines (also what tests read).

    ``keys`` maps binding ids to the keys shown for them (config.toml may remap them).
    ``offline_line`` replaces the --offline note when Wikipedia went offline by itself.
    """
    keys = {**DEFAULT_KEYS, **(keys or {})}
    if entity is None:
        parts = [
            Text("No entity selected.", style="bold"),
            Text(
                f"Press {keys['next-mention']} for the first entity, {keys['entity-list']} for "
                f"the list, {keys['help']} for help.",
                style="dim",
            ),
        ]
        if legend is not None:
            parts += [Text("\nColours (keys 1–5 jump to the next one):", style="dim"), legend]
        return parts
    parts = [Text(entity.name, style="bold")]
    parts.append(Text(f"{entity.label} · {count_words(entity)}", style="dim"))
    if entity.aliases:
        parts.append(Text("Also: " + ", ".join(entity.aliases)))
    if offline_line:
        parts.append(Text(offline_line, style="dim"))
    elif offline:
        parts.append(Text("Offline: only the cache, glossary and facts are used.", style="dim"))
    if state == "pending":
        parts.append(Text("\nLooking up…", style="italic dim"))
    elif state == "loading":
        parts.append(Text("\nLoading glossary, Wikipedia and facts…", style="italic dim"))
    if error:
        parts.append(Text(f"\n! {error}", style="bold red"))
    if enrichment is not None:
        parts += enrichment_parts(
            enrichment, ready=state == "ready", choose_key=keys.get("choose-wiki", "")
        )
    if note is not None:
        parts += note_parts(note.note, note.tags)
    return parts


def card_url(enrichment: Card | None) -> str:
    """The Wikipedia URL of a card, or ""."""
    if enrichment is None or enrichment.wikipedia is None:
        return ""
    return enrichment.wikipedia.url or ""


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

    BINDINGS: ClassVar[list[BindingType]] = list(CARD_BINDINGS)

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.plain = ""
        self.entity_id: str | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="card-body")

    def on_mount(self) -> None:
        self.show(None, None)

    def show(
        self,
        entity: Entity | None,
        enrichment: Card | None,
        *,
        state: CardState = "ready",
        offline: bool = False,
        offline_line: str = "",
        error: str = "",
        legend: Text | None = None,
        note: EntityNote | None = None,
        keys: Mapping[str, str] | None = None,
    ) -> None:
        parts = card_text(
            entity,
            enrichment,
            state=state,
            offline=offline,
            offline_line=offline_line,
            error=error,
            legend=legend,
            note=note,
            keys=keys,
        )
        same = entity is not None and entity.id == self.entity_id
        self.entity_id = entity.id if entity is not None else None
        self.plain = "\n".join(p.plain for p in parts)
        self.query_one("#card-body", Static).update(Group(*parts))
        if self.is_mounted and not same:  # a refresh of the same card keeps its scroll
            self.scroll_home(animate=False)
