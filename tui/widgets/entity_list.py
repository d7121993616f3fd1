"""The entity list: every entity grouped by label, with mention counts.

Names come from the article, so prompts are plain ``rich.text.Text``.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.binding import Binding, BindingType
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from enrich.model import Annotation, Label

LABEL_NAMES = {
    Label.PER: "People",
    Label.ORG: "Organisations",
    Label.LOC: "Places",
    Label.MISC: "Other names",
    Label.TERM: "Terms",
}


def list_options(annotation: Annotation) -> list[Option]:
    """Disabled header options per label, then one option per entity (id = entity id)."""
    options: list[Option] = []
    for label in Label:
        entities = [e for e in annotation.entities if e.label == label]
        if not entities:
            continue
        header = Text(f"{LABEL_NAMES[label]} ({len(entities)})", style="bold")
        options.append(Option(header, id=f"label:{label}", disabled=True))
        for entity in sorted(entities, key=lambda e: (-len(e.direct_mentions), e.name.lower())):
            prompt = Text("  ")
            prompt.append(entity.name)
            prompt.append(f"  {len(entity.direct_mentions)}", style="dim")
            options.append(Option(prompt, id=entity.id))
    return options


class EntityList(OptionList):
    """Toggled with ``l``; choosing an entity jumps to its first mention."""

    DEFAULT_CSS = """
    EntityList {
        width: 32;
        height: 1fr;
        border: none;
        border-right: tall $panel;
    }
    EntityList:focus { border: none; border-right: tall $accent; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.focus_article", "Back to the article", show=False)
    ]

    def set_annotation(self, annotation: Annotation) -> None:
        self.clear_options()
        self.add_options(list_options(annotation))
