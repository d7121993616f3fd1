"""The side panel: everything Kontext knows about the current entity.

Glossary, Wikipedia, facts and session texts are untrusted: every part is a
plain ``rich.text.Text``, never markup. The knowledge comes as a typed
``Card`` (fresh or from a saved session); the student's note and tags come last.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Literal

from rich.console import Group
from rich.text import Text
from textual.binding import BindingType
from textual.containers import VerticalScroll
from textual.widgets import Static

from enrich.labels import label_word
from enrich.mention_counts import related_forms
from tui.card_text import CardWords, Part, card_words, enrichment_parts, note_parts
from tui.reader.bindings import CARD_BINDINGS
from tui.reader.palette import LABEL_KEYS
from tui.ui_text import tr, ui_language

if TYPE_CHECKING:
    from textual.app import ComposeResult

    from enrich.card import Card
    from enrich.model import Entity
    from enrich.session import EntityNote

PERSONAL_RULE = "personal:"  # the ``rule`` of a mention a personal rule made (enrich.index)
# Keys the card names, unless the reader passes remapped ones.
DEFAULT_KEYS = {"next-mention": "n", "entity-list": "l", "help": "?"}

# Where the card's knowledge stands: not asked yet, on its way, here, or failed.
CardState = Literal["pending", "loading", "ready", "error"]


@dataclass(frozen=True)
class CardView:
    """What the card shows: a border title and subtitle around the body parts."""

    title: str
    label: str
    subtitle: str
    parts: list[Part]

    @property
    def plain(self) -> str:
        """The card as a user reads it: title, subtitle, then the body."""
        body = "\n".join(p.plain for p in self.parts)
        return "\n".join(line for line in (self.title, self.subtitle) if line) + "\n" + body


def mention_words(entity: Entity, words: CardWords) -> str:
    """``9 Erwähnungen + 1 verwandt``, or ``nur als: deutsche`` (forms that are not the name)."""
    direct = len(entity.direct_mentions)
    related = len(entity.mentions) - direct
    if not direct and related:
        forms = related_forms(entity)
        shown = ", ".join(forms[:3]) + (", …" if len(forms) > 3 else "")
        return f"{words.only_as}: {shown}"
    text = f"{direct} {words.mention if direct == 1 else words.mentions}"
    return text + (f" + {related} {words.related}" if related else "")


def rule_lines(entity: Entity, rules: Mapping[str, str]) -> list[str]:
    """Where the student's own rules made this entity's mentions, one line per rule."""
    tags = dict.fromkeys(
        m.rule
        for m in entity.mentions
        if m.source == "user" and (m.rule or "").startswith(PERSONAL_RULE)
    )
    return list(dict.fromkeys(rules.get(tag, tr("From your personal rule")) for tag in tags))


def card_text(
    entity: Entity | None,
    enrichment: Card | None,
    *,
    state: CardState = "ready",
    offline: bool = False,
    offline_line: str = "",
    error: str = "",
    note: EntityNote | None = None,
    keys: Mapping[str, str] | None = None,
    details: bool = False,
    rules: Mapping[str, str] | None = None,
) -> CardView:
    """The card as a titled panel (also what tests read).

    ``keys`` maps binding ids to the keys shown for them (config.toml may remap them).
    ``offline_line`` says how to retry when Wikipedia went offline by itself; the
    offline state itself is one badge at the card's top. The card's own words follow
    the interface language (tui/ui_text.py), facts and summaries the article's.
    ``details`` adds the numbers.
    ``rules`` maps ``personal:ID`` to what the card says of that personal rule
    (loaded from the index in a worker); until it comes, "From your personal rule".
    """
    keys = {**DEFAULT_KEYS, **(keys or {})}
    ui = ui_language()  # the card's own words; facts and summaries keep the article's
    words = card_words(ui)
    if entity is None:
        parts: list[Part] = [
            Text(tr("No entity selected."), style="bold"),
            Text(
                tr(
                    "Press {next} for the first entity, {list} for the list, {help} for help.",
                    next=keys["next-mention"],
                    list=keys["entity-list"],
                    help=keys["help"],
                ),
                style="dim",
            ),
        ]
        return CardView("", "", "", parts)
    subtitle = f"{label_word(entity.label, ui)} · {mention_words(entity, words)}"
    parts = []
    if offline or offline_line:  # one badge, not a sentence on every card
        parts.append(Text(f" {words.offline} ", style="reverse dim", justify="right"))
    if entity.aliases:
        parts.append(Text(tr("Also: {names}", names=", ".join(entity.aliases))))
    parts += [Text(line, style="italic") for line in rule_lines(entity, rules or {})]
    if offline_line:
        parts.append(Text(offline_line, style="dim"))
    if state == "pending":
        parts.append(Text(tr("Looking up…"), style="italic dim"))
    elif state == "loading":
        parts.append(Text(tr("Loading glossary, Wikipedia and facts…"), style="italic dim"))
    if error:
        parts.append(Text(f"! {error}", style="bold red"))
    if enrichment is not None:
        parts += enrichment_parts(
            enrichment,
            ready=state == "ready",
            choose_key=keys.get("choose-wiki", ""),
            open_key=keys.get("open-url", ""),
            details=details,
            lang=ui,
        )
    if note is not None:
        parts += note_parts(note.note, note.tags)
    first = parts[0] if parts else None
    if isinstance(first, Text) and first.plain.startswith("\n"):
        parts[0] = first[1:]  # no blank line under the border
    return CardView(entity.name, str(entity.label), subtitle, parts)


def card_url(enrichment: Card | None) -> str:
    """The Wikipedia URL of a card, or ""."""
    if enrichment is None or enrichment.wikipedia is None:
        return ""
    return enrichment.wikipedia.url or ""


class EntityCard(VerticalScroll, can_focus=True):
    """A scrollable card for one entity; ``show`` replaces its content.

    The entity's name is the border title, in its label's colour (a CSS class,
    so a theme switch restyles it); the subtitle says what it is and how often.
    """

    DEFAULT_CSS = """
    EntityCard {
        width: 42;
        border: round $panel;
        border-title-style: bold;
        border-title-align: left;
        border-subtitle-color: $text-muted;
        border-subtitle-align: left;
        padding: 0 1;
        background: $surface;
    }
    EntityCard:focus { border: round $accent; }
    EntityCard.-per { border-title-color: $kontext-per; }
    EntityCard.-org { border-title-color: $kontext-org; }
    EntityCard.-loc { border-title-color: $kontext-loc; }
    EntityCard.-misc { border-title-color: $kontext-misc; }
    EntityCard.-term { border-title-color: $kontext-term; }
    """

    BINDINGS: ClassVar[list[BindingType]] = list(CARD_BINDINGS)

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.plain = ""
        self.entity_id: str | None = None
        self.details = False
        self._last: tuple[tuple[object, ...], dict[str, object]] | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="card-body")

    def on_mount(self) -> None:
        self.show(None, None)

    def action_toggle_details(self) -> None:
        """Show or hide the numbers behind the words (match confidence, resolver notes)."""
        self.details = not self.details
        if self._last is not None:
            args, kwargs = self._last
            self.show(*args, **kwargs)  # type: ignore[arg-type]  # the last call's own arguments

    def show(
        self,
        entity: Entity | None,
        enrichment: Card | None,
        *,
        state: CardState = "ready",
        offline: bool = False,
        offline_line: str = "",
        error: str = "",
        note: EntityNote | None = None,
        keys: Mapping[str, str] | None = None,
        rules: Mapping[str, str] | None = None,
    ) -> None:
        self._last = (
            (entity, enrichment),
            {
                "state": state,
                "offline": offline,
                "offline_line": offline_line,
                "error": error,
                "note": note,
                "keys": keys,
                "rules": rules,
            },
        )
        view = card_text(
            entity,
            enrichment,
            state=state,
            offline=offline,
            offline_line=offline_line,
            error=error,
            note=note,
            keys=keys,
            details=self.details,
            rules=rules,
        )
        same = entity is not None and entity.id == self.entity_id
        self.entity_id = entity.id if entity is not None else None
        self.plain = view.plain
        self.border_title = Text(view.title) if view.title else None
        self.border_subtitle = Text(view.subtitle) if view.subtitle else None
        for key in LABEL_KEYS:
            self.set_class(view.label.lower() == key, f"-{key}")
        self.query_one("#card-body", Static).update(Group(*view.parts))
        if self.is_mounted and not same:  # a refresh of the same card keeps its scroll
            self.scroll_home(animate=False)
