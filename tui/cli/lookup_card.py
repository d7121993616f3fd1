"""Readable output for ``kontext lookup``: an enrichment card as plain rich Text.

Glossary, Wikipedia and facts texts are untrusted; they are appended as
plain text, never parsed as markup.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from enrich.enricher import Enrichment
from enrich.text_clean import clean_line
from tui.card_text import enrichment_parts


def render_card(card: Enrichment) -> Panel:
    parts = enrichment_parts(card.card())
    title = Text(clean_line(card.term))  # typed or pasted: untrusted too
    return Panel(Group(*parts), title=title, title_align="left")


def print_card(card: Enrichment, console: Console | None = None) -> None:
    (console or Console()).print(render_card(card))
