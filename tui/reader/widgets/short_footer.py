"""The footer of a narrow terminal: a few keys with short labels, help and quit always.

Textual's ``Footer`` lists every shown binding and, below 100 columns, cuts the
row mid-word, so "? Help" and "q Quit" were the first to go. This line names
only the keys a reader needs to find everything else, after config.toml's
``[keys]`` remapping, and cuts its least important entries first.
"""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Static

from tui.reader.bindings import APP_BINDINGS, ARTICLE_BINDINGS
from tui.ui_text import tr

# (binding id, short label), most important first: help and quit are never cut.
SHORT_KEYS: tuple[tuple[str, str], ...] = (
    ("help", "Help"),
    ("quit", "Quit"),
    ("entity-list", "List"),
    ("open-card", "Card"),
    ("search", "Search"),
)


class ShortFooter(Static):
    """One line of keys; shown instead of ``Footer`` in a narrow terminal (see kontext.tcss)."""

    DEFAULT_CSS = """
    ShortFooter {
        dock: bottom;
        height: 1;
        width: 1fr;
        display: none;
        background: $footer-background;
        color: $footer-foreground;
        padding: 0 1;
    }
    """

    def on_mount(self) -> None:
        self.update(self.keys_line())

    def on_resize(self) -> None:
        self.update(self.keys_line())

    def keys_line(self) -> Text:
        """As many entries as fit the width, always the first two (help and quit)."""
        show = getattr(self.app, "key_display", self.app.get_key_display)  # after [keys]
        bindings = {b.id: b for b in (*APP_BINDINGS, *ARTICLE_BINDINGS)}
        width = max(self.size.width - 2, 0) or 1000
        line = Text(no_wrap=True, overflow="crop")
        for i, (binding_id, label) in enumerate(SHORT_KEYS):
            binding = bindings.get(binding_id)
            if binding is None:
                continue
            entry = Text()
            entry.append(("  " if len(line) else "") + str(show(binding)), style="bold")
            entry.append(f" {tr(label)}")
            if i >= 2 and len(line) + len(entry) > width:
                break
            line.append_text(entry)
        return line
