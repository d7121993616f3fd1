"""The entity list: every entity grouped by label, with mention counts, filtered as you type.

Names come from the article, so prompts are plain ``rich.text.Text``. The
filter compares folded text (``article_search.fold``: no case, no accents),
so "muller" finds "Müller", against the name and the aliases.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from typing import ClassVar

from rich.console import Console
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.message import Message
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions, Visual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from enrich.labels import LABEL_HEADINGS
from enrich.mention_counts import count_cell, only_as
from enrich.model import Annotation, Entity, Label
from tui.reader.bindings import ENTITY_LIST_BINDINGS
from tui.reader.widgets.article_search import fold
from tui.ui_text import tr

_NON_WORD = re.compile(r"[\W_]+")

# App bindings that work in the list while letters go to its filter (ids in tui/reader/bindings.py).
APP_KEYS_IN_LIST = frozenset({"help", "quit", "entity-list"})

# The list's headings; the label screens take them from here.
LABEL_NAMES = LABEL_HEADINGS


def words(text: str) -> str:
    """Folded words, one space before each: what a query's word starts are matched in."""
    return " " + " ".join(_NON_WORD.split(fold(text))).strip()


def matches(entity: Entity, query_words: str) -> bool:
    """Does a word of the name, an alias or a mention ("BSH") start with the query?

    ``query_words`` is ``words(query)``: "pist" finds "Boris Pistorius", and so
    does "boris pi"; "r" finds "Rutte", not every name with an r in it.
    """
    names = {entity.name, *entity.aliases, *(m.text for m in entity.direct_mentions)}
    return any(query_words in words(name) for name in names)


# Component classes of the chips: ``$kontext-per`` … like the article's highlights.
CHIP_CLASSES = {label: f"entity-list--{label.lower()}" for label in Label}
CHIP = "●"  # with colour; under NO_COLOR the label's letter (P, O, L, M, T) in its text style
INDENT = 2  # the chip's column: entries sit under their heading
_CONSOLE = Console(width=200, color_system=None, force_terminal=False)  # wrapping only


def _only_as(entity: Entity) -> str:
    """ "only as: deutsche" in the interface language (enrich says it in English)."""
    return tr("only as: {forms}", forms=only_as(entity).removeprefix("only as: "))


class Entry(Visual):
    """One entry: indent, chip, the name (wrapped under itself), the count right-aligned.

    A wrapped name continues in the name's column, and every count ends in the
    list's last column. A Visual drawn as Content per width: a Rich renderable
    is measured by rendering it, which made a 2,300-entity list slow to open.
    """

    def __init__(self, entity: Entity, chip: Text, count_width: int) -> None:
        self.lead = Text(" " * INDENT) + chip + Text(" ")
        self.name = Text(entity.name)
        self.count = Text(count_cell(entity), style="dim") if entity.direct_mentions else Text()
        self.note = None if entity.direct_mentions else Text(_only_as(entity), style="dim")
        self.count_width = count_width + 2 if count_width else 0
        # Width -> (content, height). Layout asks for a few widths in turn (with and
        # without the scrollbar): one cached width was redrawn over and over.
        self._drawn: dict[int, tuple[Content, int]] = {}

    def _name_width(self, width: int) -> int:
        return max(1, width - self.lead.cell_len - self.count_width)

    def _draw(self, width: int) -> tuple[Content, int]:
        drawn = self._drawn.get(width)
        if drawn is not None:
            return drawn
        lead_width = self.lead.cell_len
        name_width = self._name_width(width)
        lines = list(self.name.wrap(_CONSOLE, name_width, overflow="fold"))
        if self.note is not None:  # on its own line: the list is narrow
            lines += self.note.wrap(_CONSOLE, name_width, overflow="fold")
        rows = []
        for i, line in enumerate(lines):
            row = self.lead.copy() if i == 0 else Text(" " * lead_width)
            line.rstrip()
            row.append_text(line)
            row.pad_right(name_width - line.cell_len)
            if self.count_width:
                count = self.count if i == 0 else Text()
                row.append(" " * (self.count_width - count.cell_len))
                row.append_text(count)
            rows.append(row)
        content = Content.from_rich_text(Text("\n").join(rows), console=_CONSOLE)
        if len(self._drawn) >= 4:
            self._drawn.clear()
        self._drawn[width] = (content, len(rows))
        return content, len(rows)

    def render_strips(
        self, width: int, height: int | None, style: VisualStyle, options: RenderOptions
    ) -> list[Strip]:
        return self._draw(width)[0].render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return container_width

    def get_height(self, rules: RulesMap, width: int) -> int:
        """Most names fit on one line: their height needs no drawing (the list measures
        every entry when it opens, and draws only those on screen)."""
        one_line = "\n" not in self.name.plain and self.name.cell_len <= self._name_width(width)
        if self.note is None and one_line:
            return 1
        return self._draw(width)[1]


def default_chips(no_color: bool = False) -> dict[Label, Text]:
    """Chips without a theme (plain letters or dots): ``list_options`` outside a widget."""
    return {label: Text(label[0] if no_color else CHIP) for label in Label}


def list_options(
    annotation: Annotation,
    query: str = "",
    leave_out: Collection[str] = (),
    chips: dict[Label, Text] | None = None,
) -> list[Option]:
    """Disabled header options per label, then one option per entity (id = entity id).

    ``leave_out``: entity ids not listed (the known ones, with "new only" on).
    ``chips``: each label's chip in its palette colour (the widget's component styles)."""
    chips = chips or default_chips()
    needle = words(query).strip() and words(query)  # "" for no filter (or only punctuation)
    options: list[Option] = []
    groups: dict[Label, list[Entity]] = {}
    for label in Label:
        entities = [
            e
            for e in annotation.entities
            if e.label == label and (not needle or matches(e, needle)) and e.id not in leave_out
        ]
        if entities:
            groups[label] = sorted(
                entities, key=lambda e: (-len(e.direct_mentions), e.name.lower())
            )
    counted = [e for group in groups.values() for e in group if e.direct_mentions]
    count_width = max((len(count_cell(e)) for e in counted), default=0)
    for label, entities in groups.items():
        header = Text(f"{tr(LABEL_NAMES[label])} ({len(entities)})", style="bold")
        options.append(Option(header, id=f"label:{label}", disabled=True))
        for entity in entities:
            options.append(Option(Entry(entity, chips[label], count_width), id=entity.id))
    if leave_out and not options and not needle:
        nothing = Text(tr("No new entity: you met all of them before."), style="dim italic")
        options.append(Option(nothing, id="label:none", disabled=True))
    if needle and not options:
        nothing = Text(tr("No entity matches “{query}”.", query=query.strip()), style="dim italic")
        options.append(Option(nothing, id="label:none", disabled=True))
    return options


class EntityList(OptionList):
    """Toggled with ``l``; choosing an entity jumps to its first mention.

    Typing a letter here moves to the filter above (``EntityPanel``); ``?`` and
    ``l`` do what they do elsewhere, and so does ``q`` while the filter is empty.
    """

    DEFAULT_CSS = """
    EntityList {
        width: 1fr;
        height: 1fr;
        border: none;
        border-right: tall $panel;
    }
    EntityList:focus { border: none; border-right: tall $accent; }
    EntityList > .entity-list--per { color: $kontext-per; }
    EntityList > .entity-list--org { color: $kontext-org; }
    EntityList > .entity-list--loc { color: $kontext-loc; }
    EntityList > .entity-list--misc { color: $kontext-misc; }
    EntityList > .entity-list--term { color: $kontext-term; }
    EntityList:nocolor > .entity-list--per { text-style: bold; }
    EntityList:nocolor > .entity-list--org { text-style: underline; }
    EntityList:nocolor > .entity-list--loc { text-style: italic; }
    EntityList:nocolor > .entity-list--misc { text-style: bold italic; }
    EntityList:nocolor > .entity-list--term { text-style: italic underline; }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {*OptionList.COMPONENT_CLASSES, *CHIP_CLASSES.values()}

    BINDINGS: ClassVar[list[BindingType]] = list(ENTITY_LIST_BINDINGS)

    class TypedAhead(Message):
        """A letter typed in the list: the panel's filter takes it."""

        def __init__(self, character: str) -> None:
            super().__init__()
            self.character = character

    class ClearFilter(Message):
        """Escape with a filter set: the panel clears it."""

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.annotation: Annotation | None = None
        self.query_text = ""
        self.leave_out: frozenset[str] = frozenset()  # "new only": the known entities
        self._stale = False  # options not rebuilt since the entities changed
        self._chip_styles: tuple[Style, ...] = ()  # the chips' styles the options were built with

    def on_mount(self) -> None:
        # A theme switch recolours the chips: they are drawn text, rebuilt in the new colours.
        self.app.theme_changed_signal.subscribe(self, lambda _theme: self._changed())

    def set_annotation(self, annotation: Annotation) -> None:
        """New entities (first result or a correction): same filter, same entity highlighted.

        A hidden list is rebuilt when shown or read: 2,300 entities cost the event
        loop 30 ms, which the reader should not pay for a list nobody looks at.
        """
        self.annotation = annotation
        self._changed()

    def set_filter(self, query: str) -> None:
        if query != self.query_text:
            self.query_text = query
            self._changed()

    def set_leave_out(self, entity_ids: Collection[str]) -> None:
        """Entities not listed ("new only" leaves out those met before)."""
        if frozenset(entity_ids) != self.leave_out:
            self.leave_out = frozenset(entity_ids)
            self._changed()

    def _changed(self) -> None:
        self._stale = True
        if self.has_class("shown"):
            self._rebuild()

    def _fresh(self) -> None:
        if self._stale:
            self._rebuild()

    @property
    def options(self) -> Sequence[Option]:
        self._fresh()
        return super().options

    @property
    def option_count(self) -> int:
        self._fresh()
        return super().option_count

    def get_option_at_index(self, index: int) -> Option:
        self._fresh()
        return super().get_option_at_index(index)

    @property
    def entity_count(self) -> int:
        """How many entities the list shows now."""
        return sum(1 for o in self.options if not o.disabled)

    def first_entity_index(self) -> int | None:
        return next((i for i, o in enumerate(self.options) if not o.disabled), None)

    def _rebuild(self) -> None:
        self._stale = False
        if self.annotation is None:
            return
        highlighted = self.highlighted_option.id if self.highlighted_option is not None else None
        self._chip_styles = tuple(self._chip_style(label) for label in Label)
        chips = self._chips(self._chip_styles)
        self.clear_options()
        self.add_options(list_options(self.annotation, self.query_text, self.leave_out, chips))
        index = None
        if highlighted is not None:
            index = next((i for i, o in enumerate(self.options) if o.id == highlighted), None)
        self.highlighted = index if index is not None else self.first_entity_index()

    def _chip_style(self, label: Label) -> Style:
        return self.get_component_rich_style(CHIP_CLASSES[label], partial=True)

    def _chips(self, styles: tuple[Style, ...]) -> dict[Label, Text]:
        """Each label's chip in its component style: the palette colour, or a letter (NO_COLOR)."""
        no_color = self.app.no_color
        return {
            label: Text(label[0] if no_color else CHIP, style=style)
            for label, style in zip(Label, styles, strict=True)
        }

    def notify_style_update(self) -> None:
        """The ``shown`` class may have changed: the panel around the list follows.

        A theme switch changes the chips' colours: the options are rebuilt in the new ones.
        """
        super().notify_style_update()
        if (
            self.annotation is not None
            and self._chip_styles
            and self.is_mounted
            and tuple(self._chip_style(label) for label in Label) != self._chip_styles
        ):
            self._stale = True
        if self._stale and self.has_class("shown"):
            self._rebuild()
        sync = getattr(self.parent, "sync_shown", None)
        if sync is not None:
            sync(self.has_class("shown"))

    def on_key(self, event: events.Key) -> None:
        character = event.character
        if not (event.is_printable and character and not character.isspace()):
            return
        if self._key_is_for_the_app(event.key, character):
            return  # the binding runs
        event.stop()
        event.prevent_default()
        self.post_message(self.TypedAhead(character))

    def _key_is_for_the_app(self, key: str, character: str) -> bool:
        """Help, quit and the list's own toggle keep working here (with their remapped keys).

        A letter goes to the filter once something is typed ("q" in "Quinn");
        "?" and other non-letters always reach their binding.
        """
        active = self.screen.active_bindings.get(key)
        if active is None or active.binding.id not in APP_KEYS_IN_LIST:
            return False
        return not self.query_text or not character.isalnum()

    async def action_clear_or_close(self) -> None:
        if self.query_text:
            self.post_message(self.ClearFilter())
        else:
            self.remove_class("shown")
            await self.run_action("app.focus_article")
