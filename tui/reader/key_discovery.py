"""Finding the reader's keys: the help screen (``?``) and the command palette (ctrl+p).

A mixin of ``KontextApp``. Keys are shown as ``config.toml``'s ``[keys]``
table remaps them (``ReaderSettings.key_display``).
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.actions import parse as parse_action
from textual.app import App, SystemCommand

from tui.reader.bindings import APP_BINDINGS, ARTICLE_BINDINGS
from tui.reader.screens.help import HelpScreen, binding_groups
from tui.reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from textual.binding import Binding
    from textual.dom import DOMNode
    from textual.screen import Screen


class KeyDiscovery:
    """Help, palette and key names for ``KontextApp``."""

    def action_help(self: Any) -> None:
        if not isinstance(self.screen, HelpScreen):
            groups = binding_groups()
            keys = {b.id or "": self.key_display(b) for _, bindings in groups for b in bindings}
            self.push_screen(HelpScreen(groups, keys))

    # ---------------------------------------------------------- key discovery
    def reader_bindings(self: Any) -> list[tuple[str, Binding]]:
        """(namespace, binding) for every binding of the reader, in help order."""
        return [("article", b) for b in ARTICLE_BINDINGS] + [("app", b) for b in APP_BINDINGS]

    def binding_keys(self: Any, binding_id: str) -> frozenset[str]:
        """The keys that run the reader binding ``binding_id`` (after config.toml's [keys])."""
        for _, binding in self.reader_bindings():
            if binding.id == binding_id:
                keys = getattr(self, "keymap", {}).get(binding_id) or binding.key
                return frozenset(k.strip() for k in keys.split(","))
        return frozenset()

    def _key_displays(self: Any) -> dict[str, str]:
        """Binding id -> keys as shown (after config.toml's [keys])."""
        return {b.id or "": self.key_display(b) for _, b in self.reader_bindings()}

    def get_system_commands(self: Any, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands, then the reader's that do something now.

        Search and selection commands appear only in their mode (the view's
        ``check_action``); none appear over a dialog, where the reader's keys
        do not work either.
        """
        yield from App.get_system_commands(self, screen)
        views = screen.query(ArticleView)
        if screen.is_modal or not views:
            return
        view = views.first()
        keys = self._key_displays()
        for namespace, binding in self.reader_bindings():
            destination, name, parameters = parse_action(binding.action)
            target: DOMNode = self if destination == "app" or namespace == "app" else view
            if target.check_action(name, parameters) is not True:
                continue
            yield SystemCommand(
                binding.tooltip or binding.description,
                f"key: {keys.get(binding.id or '')}",
                partial(self._run_binding, namespace, binding),
            )

    async def _run_binding(self: Any, namespace: str, binding: Binding) -> None:
        target = self.query_one(ArticleView) if namespace == "article" else self
        await self.run_action(binding.action, target)
