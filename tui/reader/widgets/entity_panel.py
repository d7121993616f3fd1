"""The entity list with its filter: type to narrow, ``down``/``enter`` to choose.

The panel shows whenever its list has the ``shown`` class (the app's ``l``
toggles that class on the list), so the filter and the list come and go
together.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import BindingType
from textual.containers import Vertical
from textual.widgets import Input

from tui.reader.bindings import ENTITY_FILTER_BINDINGS
from tui.reader.widgets.entity_list import EntityList
from tui.ui_text import tr

if TYPE_CHECKING:
    from textual.app import ComposeResult


class EntityFilter(Input):
    """The filter line; its keys hand over to the list."""

    BINDINGS: ClassVar[list[BindingType]] = list(ENTITY_FILTER_BINDINGS)

    @property
    def entity_list(self) -> EntityList:
        assert self.parent is not None
        return self.parent.query_one(EntityList)

    def action_to_list(self) -> None:
        entity_list = self.entity_list
        if entity_list.highlighted is None:
            entity_list.highlighted = entity_list.first_entity_index()
        entity_list.focus()

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """The list's toggle (``l``, or its remapped key) closes the list, even from here.

        Names are matched without case, so "L" types the letter.
        """
        binding_keys = getattr(self.app, "binding_keys", None)
        if binding_keys is not None and key in binding_keys("entity-list"):
            return False
        return super().check_consume_key(key, character)

    async def action_clear_or_close(self) -> None:
        if self.value:
            self.value = ""
        else:
            self.entity_list.remove_class("shown")
            await self.run_action("app.focus_article")


class EntityPanel(Vertical):
    """``EntityFilter`` above ``EntityList`` (id ``entity-list``)."""

    DEFAULT_CSS = """
    EntityPanel { width: 32; height: 1fr; display: none; }
    EntityPanel.shown { display: block; }
    EntityPanel > EntityFilter {
        height: 1;
        border: none;
        border-right: tall $panel;
        padding: 0 1;
        background: $boost;
    }
    EntityPanel > EntityFilter:focus { border: none; border-right: tall $accent; }
    """

    def compose(self) -> ComposeResult:
        yield EntityFilter(
            placeholder=tr("filter: type a name (L for l)"),
            id="entity-filter",
            compact=True,
            select_on_focus=False,  # a letter typed in the list must not be replaced
        )
        yield EntityList(id="entity-list")

    @property
    def filter_input(self) -> EntityFilter:
        return self.query_one(EntityFilter)

    @property
    def entity_list(self) -> EntityList:
        return self.query_one(EntityList)

    def open(self) -> EntityList:
        """Shown with an empty filter; returns the list, to be focused."""
        self.filter_input.value = ""
        entity_list = self.entity_list
        entity_list.set_filter("")
        entity_list.add_class("shown")
        self.sync_shown(True)
        return entity_list

    def close(self) -> None:
        self.filter_input.value = ""
        self.entity_list.set_filter("")
        self.entity_list.remove_class("shown")
        self.sync_shown(False)

    def sync_shown(self, shown: bool) -> None:
        """Called by the list when its ``shown`` class changes."""
        self.set_class(shown, "shown")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.entity_list.set_filter(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter in the filter: choose the highlighted (or first) entity."""
        event.stop()
        entity_list = self.entity_list
        if entity_list.highlighted is None:
            entity_list.highlighted = entity_list.first_entity_index()
        if entity_list.highlighted is not None:
            # From the list's own queue: a message the panel sent would stop at the panel.
            entity_list.call_later(entity_list.action_select)

    def on_entity_list_typed_ahead(self, message: EntityList.TypedAhead) -> None:
        message.stop()
        field = self.filter_input
        self.screen.set_focus(field)  # now: the next letters may be queued already
        field.insert_text_at_cursor(message.character)

    def on_entity_list_clear_filter(self, message: EntityList.ClearFilter) -> None:
        message.stop()
        self.filter_input.value = ""
