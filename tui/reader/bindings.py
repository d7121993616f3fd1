"""The reader's key bindings, in one place so help, palette and keymaps share them.

Every binding has an id (for keymaps) and a description; ``tooltip`` is the
longer text the help screen and the command palette show. The texts here are
English (``kontext keys --list`` shows them); the screens show them in the
interface language through ``tui.ui_text.tr_binding``.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import ActiveBinding, Binding

from enrich.labels import label_word
from enrich.model import Label
from tui.ui_text import tr_binding

# Search mode (``/``): n/N walk the matches instead of the mentions.
SEARCH_BINDINGS: tuple[Binding, ...] = (
    Binding("n", "next_match", "Next match", id="next-match", tooltip="Next search match"),
    Binding(
        "N", "previous_match", "Prev match", id="previous-match", tooltip="Previous search match"
    ),
    Binding("escape", "end_search", "End search", id="end-search", tooltip="End the search"),
)


def _hidden(key: str, action: str, description: str, binding_id: str, tooltip: str) -> Binding:
    """A binding the footer leaves out (help and the command palette still list it)."""
    return Binding(key, action, description, show=False, id=binding_id, tooltip=tooltip)


def _extend(key: str, how: str, tooltip: str, binding_id: str) -> Binding:
    """A key that moves the selection's end (or, with ``True``, its start)."""
    return Binding(
        key, f"extend_selection({how})", tooltip, show=False, id=binding_id, tooltip=tooltip
    )


# Selection mode (``v`` add an entity, ``b`` bookmark): keys that shape the selection.
SELECTION_BINDINGS: tuple[Binding, ...] = (
    Binding(
        "enter",
        "confirm_selection",
        "Choose",
        id="selection-confirm",
        tooltip="Choose the selection",
    ),
    Binding(
        "escape",
        "cancel_selection",
        "Cancel",
        id="selection-cancel",
        tooltip="Cancel the selection",
    ),
    _extend("w", "'word', 1", "Selection: one word more", "selection-word"),
    _extend("b", "'word', -1", "Selection: one word less", "selection-word-back"),
    _extend("right", "'char', 1", "Selection: one character more", "selection-right"),
    _extend("left", "'char', -1", "Selection: one character less", "selection-left"),
    _extend("down", "'line', 1", "Selection: end a line lower", "selection-line-down"),
    _extend("up", "'line', -1", "Selection: end a line higher", "selection-line-up"),
    _extend(
        "shift+right", "'word', 1, True", "Selection: start a word later", "selection-start-right"
    ),
    _extend(
        "shift+left", "'word', -1, True", "Selection: start a word earlier", "selection-start-left"
    ),
    _extend(
        "shift+down", "'line', 1, True", "Selection: start a line lower", "selection-start-down"
    ),
    _extend("shift+up", "'line', -1, True", "Selection: start a line higher", "selection-start-up"),
)

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
            f"Next {label_word(label)}",
            show=False,
            id=f"next-{label.lower()}",
            tooltip=f"Jump to the next {label_word(label)}",
        )
        for i, label in enumerate(Label, start=1)
    ),
    Binding("enter", "app.open_card", "Card", id="open-card", tooltip="Open the entity card"),
    Binding("o", "app.open_url", "Open URL", id="open-url", tooltip="Open the URL in a browser"),
    _hidden("j", "scroll_down", "Scroll down", "scroll-down", "Scroll the article down a line"),
    _hidden("k", "scroll_up", "Scroll up", "scroll-up", "Scroll the article up a line"),
    _hidden("g", "scroll_home", "Top", "scroll-top", "Go to the top of the article"),
    _hidden("G", "scroll_end", "Bottom", "scroll-bottom", "Go to the end of the article"),
    _hidden("ctrl+d", "half_page_down", "Half page down", "half-page-down", "Half a page down"),
    _hidden("ctrl+u", "half_page_up", "Half page up", "half-page-up", "Half a page up"),
    # Listed again: the selection's up/down would otherwise hide the view's scrolling.
    Binding(
        "down",
        "scroll_down",
        "Scroll down",
        show=False,
        id="scroll-down-arrow",
        tooltip="Scroll the article down a line",
    ),
    Binding(
        "up",
        "scroll_up",
        "Scroll up",
        show=False,
        id="scroll-up-arrow",
        tooltip="Scroll the article up a line",
    ),
    Binding("slash", "search", "Search", key_display="/", id="search", tooltip="Search the text"),
    _hidden(
        "period",
        "next_new",
        "Next new",
        "next-new-entity",
        "Next entity not met in an earlier article",
    ),
    Binding(
        "h",
        "highlight_labels",
        "Labels",
        show=False,
        id="highlight-labels",
        tooltip="Highlighting per label on or off",
    ),
    *SEARCH_BINDINGS,
    *SELECTION_BINDINGS,
)


def _modes_first(reading: tuple[Binding, ...], modal: tuple[Binding, ...]) -> tuple[Binding, ...]:
    """The view's own order: for each key, a mode's bindings before the reading ones.

    While the mode is on they win (``check_action`` turns them off otherwise);
    keys keep their reading order, so the footer does not reshuffle.
    """
    order: dict[str, int] = {}
    for binding in (*reading, *modal):
        order.setdefault(binding.key, len(order))
    return tuple(sorted((*reading, *modal), key=lambda b: (order[b.key], b not in modal)))


_MODAL = SEARCH_BINDINGS + SELECTION_BINDINGS
# The article view's keys outside search and selection.
READING_BINDINGS: tuple[Binding, ...] = tuple(b for b in ARTICLE_BINDINGS if b not in _MODAL)
ARTICLE_VIEW_BINDINGS: tuple[Binding, ...] = _modes_first(READING_BINDINGS, _MODAL)

# Bindings of the app, active wherever the focus is.
APP_BINDINGS: tuple[Binding, ...] = (
    Binding(
        "l",
        "toggle_list",
        "Entities",
        id="entity-list",
        tooltip="Entity list (in its filter, L types l)",
        # Runs before the key reaches the focused widget, so the focus has moved
        # before any letter typed right after it is delivered (the action skips
        # itself in dialogs and in the search line, where l is a letter).
        priority=True,
    ),
    # Editing the session (tui/reader/edit_controller.py, tui/reader/session_controller.py).
    Binding(
        "a",
        "note",
        "Note",
        show=False,
        id="note",
        tooltip="Note and tags on the current entity",
    ),
    Binding(
        "b",
        "bookmark",
        "Bookmark",
        show=False,
        id="bookmark",
        tooltip="Bookmark a passage, with a note",
    ),
    Binding(
        "x",
        "reject('entity')",
        "Reject",
        show=False,
        id="reject-entity",
        tooltip="Reject the entity (all its mentions)",
    ),
    Binding(
        "X",
        "reject('mention')",
        "Reject mention",
        show=False,
        id="reject-mention",
        tooltip="Reject only this mention",
    ),
    Binding("t", "relabel", "Label", show=False, id="relabel", tooltip="Change the entity's label"),
    Binding(
        "v",
        "add_entity",
        "Add entity",
        show=False,
        id="add-entity",
        tooltip="Add an entity: select, or search, then v",
    ),
    Binding("u", "undo", "Undo", show=False, id="undo", tooltip="Undo the last correction"),
    Binding(
        "d",
        "define",
        "Define",
        show=False,
        id="define",
        tooltip="Add or edit your glossary entry",
    ),
    Binding(
        "w",
        "choose_wiki",
        "Wikipedia",
        show=False,
        id="choose-wiki",
        tooltip="Choose another Wikipedia article",
    ),
    Binding(
        "r",
        "retry_wiki",
        "Retry Wikipedia",
        show=False,
        id="retry-wiki",
        tooltip="Try Wikipedia again",
    ),
    Binding("s", "save", "Save", show=False, id="save", tooltip="Save the session"),
    Binding(
        "e",
        "export",
        "Export",
        show=False,
        id="export",
        tooltip="Export (Markdown, HTML, Anki, CSV, JSON)",
    ),
    Binding(
        "m",
        "article_map",
        "Map",
        show=False,
        id="article-map",
        tooltip="Article map: where each entity occurs",
    ),
    Binding(
        "R",
        "toggle_rule_changes",
        "Rule changes",
        show=False,
        id="rule-changes",
        tooltip="Show what your personal rules changed",
    ),
    Binding(
        "ctrl+n",
        "toggle_new_only",
        "New only",
        show=False,
        id="new-only",
        tooltip="List only new entities, or all",
    ),
    Binding("question_mark", "help", "Help", key_display="?", id="help", tooltip="All keys"),
    Binding("q", "quit", "Quit", id="quit", tooltip="Quit (asks first if changes are unsaved)"),
)

# The entity list (``l``) and its filter line (tui/reader/widgets/entity_list.py, entity_panel.py).
ENTITY_LIST_BINDINGS: tuple[Binding, ...] = (
    _hidden("enter", "select", "Go to", "entity-list-choose", "Go to the highlighted entity"),
    _hidden(
        "escape",
        "clear_or_close",
        "Clear filter / close",
        "entity-list-escape",
        "Clear the filter, then close the list",
    ),
)
ENTITY_FILTER_BINDINGS: tuple[Binding, ...] = (
    Binding("down", "to_list", "To the list", id="entity-filter-down", tooltip="Into the list"),
    _hidden(
        "enter", "submit", "Go to", "entity-filter-choose", "Go to the first entity that matches"
    ),
    Binding(
        "escape",
        "clear_or_close",
        "Clear / close",
        id="entity-filter-escape",
        tooltip="Clear the filter, then close the list",
    ),
)

# The entity card, once focused with enter (tui/reader/widgets/entity_card.py).
CARD_BINDINGS: tuple[Binding, ...] = (
    Binding("escape", "app.focus_article", "Back", id="card-back", tooltip="Back to the article"),
    Binding(
        "i",
        "toggle_details",
        "Details",
        id="card-details",
        tooltip="Details: how sure the match is",
    ),
)

# Choosing a label (``t``, and for an added entity ``v``; tui/reader/screens/label_picker.py).
LABEL_PICKER_BINDINGS: tuple[Binding, ...] = tuple(
    _hidden(
        str(i),
        f"pick({i - 1})",
        f"Choose {label_word(label)}",
        f"label-picker-{label.lower()}",
        f"Choose the label {label_word(label)}",
    )
    for i, label in enumerate(Label, start=1)
)
# The article map (``m``, tui/reader/screens/article_map.py); enter is the list's own.
ARTICLE_MAP_BINDINGS: tuple[Binding, ...] = (
    Binding("escape", "close", "Close", id="article-map-close", tooltip="Close the article map"),
    _hidden("m", "close", "Close", "article-map-close-m", "Close the article map"),
)
# The help screen (``?``) closes with any of these.
HELP_BINDINGS: tuple[Binding, ...] = (
    _hidden("escape", "dismiss", "Close help", "help-close", "Close the help"),
    _hidden("q", "dismiss", "Close help", "help-close-q", "Close the help"),
    _hidden("question_mark", "dismiss", "Close help", "help-close-question", "Close the help"),
)

# The label switches (``h``, tui/reader/screens/labels.py).
LABELS_BINDINGS: tuple[Binding, ...] = (
    Binding("escape", "dismiss", "Close", id="labels-close", tooltip="Close the label switches"),
    _hidden("h", "dismiss", "Close", "labels-close-h", "Close the label switches"),
    *(
        _hidden(
            str(i),
            f"toggle_label('{label}')",
            f"{label_word(label)} on/off",
            f"labels-toggle-{label.lower()}",
            f"Highlight {label_word(label)} or not",
        )
        for i, label in enumerate(Label, start=1)
    ),
)


def in_ui_language(active: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """A screen's active bindings with their words in the interface language: what
    Textual's ``Footer`` shows (it reads ``Screen.active_bindings``)."""
    return {
        key: item._replace(
            binding=replace(item.binding, description=tr_binding(item.binding.description)),
            tooltip=tr_binding(item.tooltip) if item.tooltip else item.tooltip,
        )
        for key, item in active.items()
    }
