"""Readable table output for ``kontext annotate``.

Article text is untrusted: every cell is a plain ``rich.text.Text``, never
markup, so "[bold]" in an article prints as "[bold]".
"""

from __future__ import annotations

from rich.console import Console
from rich.table import Table
from rich.text import Text

from enrich.mention_counts import count_cell, plural
from enrich.model import Annotation, Entity, Label
from enrich.text_clean import clean_line

LABEL_STYLES = {
    Label.PER: "bold magenta",
    Label.ORG: "bold cyan",
    Label.LOC: "bold green",
    Label.MISC: "bold yellow",
    Label.TERM: "bold blue",
}
_CONTEXT = 40


def first_context(text: str, entity: Entity) -> Text:
    """The words around the entity's first mention, the mention emphasised."""
    m = entity.mentions[0]
    lo = max(0, m.start - _CONTEXT)
    hi = min(len(text), m.end + _CONTEXT)
    if lo > 0:  # start and end on word boundaries, not mid-word
        space = text.find(" ", lo, m.start)
        lo = space + 1 if space != -1 else lo
    if hi < len(text):
        space = text.rfind(" ", m.end, hi)
        hi = space if space != -1 else hi
    ctx = Text("…" if lo > 0 else "")
    ctx.append(" ".join(text[lo : m.start].split()))
    ctx.append(" " if text[lo : m.start][-1:].isspace() else "")
    ctx.append(m.text, style="bold underline")
    ctx.append(" " if text[m.end : hi][:1].isspace() else "")
    ctx.append(" ".join(text[m.end : hi].split()))
    if hi < len(text):
        ctx.append("…")
    return ctx


def print_annotation(annotation: Annotation, console: Console | None = None) -> None:
    console = console or Console()
    article = annotation.article
    header = Text()
    # The title may come from a file name; the loader cleans it, and so does this.
    header.append(clean_line(article.title or article.source), style="bold")
    header.append(f"  ·  {article.language}  ·  {annotation.recognizer}", style="dim")
    console.print(header)
    for warning in (*article.warnings, *annotation.warnings):
        console.print(Text(f"warning: {warning}", style="yellow"))
    table = Table(show_lines=False, expand=True)
    table.add_column("Entity", ratio=2, overflow="fold")
    table.add_column("Label", no_wrap=True)
    table.add_column("Mentions", justify="right", no_wrap=True)
    table.add_column("First context", ratio=4, overflow="fold")
    for entity in annotation.entities:
        name = Text(entity.name, style=LABEL_STYLES[entity.label])
        if entity.aliases:
            name.append(" (" + ", ".join(entity.aliases) + ")", style="dim")
        table.add_row(
            name,
            Text(str(entity.label)),
            Text(count_cell(entity)),
            first_context(article.text, entity),
        )
    console.print(table)
    console.print(
        Text(
            f"{plural(len(annotation.entities), 'entity', 'entities')}; '+N' counts "
            "related forms such as derived adjectives.",
            style="dim",
        )
    )
