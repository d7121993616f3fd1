"""The reader's key bindings, in one place so help, palette and keymaps share them.

Every binding has an id (for keymaps) and a description; ``tooltip`` is the
longer text the help screen and the command palette show.
"""

from __future__ import annotations

from textual.binding import Binding

from enrich.model import Label

# Bindings of the article view (the focused widget while reading).
ARTICLE_BINDINGS: tuple[Binding, ...] = (
    Binding("n", "next_mention", "Next", id="next-mention", tooltip="Next entity mention"),
    Binding(
        "p",
        "previous_mention",
        "Prev",
        id="previous-mention",
        tooltip="Previous entity mention",
    ),
    Binding(
        "tab",
        "next_mention",
        "Next mention",
        show=False,
        id="next-mention-tab",
        tooltip="Next entity mention",
    ),
    Binding(
        "shift+tab",
        "previous_mention",
        "Previous mention",
        show=False,
        id="previous-mention-tab",
        tooltip="Previous entity mention",
    ),
    Binding(
        "right_square_bracket",
        "next_same",
        "Next same",
        key_display="]",
        id="next-same",
        tooltip="Next mention of the current entity",
    ),
    Binding(
        "left_square_bracket",
        "previous_same",
        "Previous same",
        key_display="[",
        show=False,
        id="previous-same",
        tooltip="Previous mention of the current entity",
    ),
    *(
        Binding(
            str(i),
            f"next_label('{label}')",
            f"Next {label}",
            show=False,
            id=f"next-{label.lower()}",
            tooltip=f"Jump to the next {label} entity",
        )
        for i, label in enumerate(Label, start=1)
    ),
    Binding("enter", "app.open_card", "Card", id="open-card", tooltip="Open the entity card"),
    Binding("o", "app.open_url", "Open URL", id="open-url", tooltip="Open the URL in a browser"),
    Binding("j", "scroll_down", "Scroll down", show=False, id="scroll-down"),
    Binding("k", "scroll_up", "Scroll up", show=False, id="scroll-up"),
    Binding("g", "scroll_home", "Top", show=False, id="scroll-top"),
    Binding("G", "scroll_end", "Bottom", show=False, id="scroll-bottom"),
    Binding("ctrl+d", "half_page_down", "Half page down", show=False, id="half-page-down"),
    Binding("ctrl+u", "half_page_up", "Half page up", show=False, id="half-page-up"),
)

# Bindings of the app, active wherever the focus is.
APP_BINDINGS: tuple[Binding, ...] = (
    Binding("l", "toggle_list", "Entities", id="entity-list", tooltip="Show the entity list"),
    Binding("question_mark", "help", "Help", key_display="?", id="help", tooltip="All keys"),
    Binding("q", "quit", "Quit", id="quit", tooltip="Quit Kontext"),
)
