"""``kontext sessions show``: a session summed up for the terminal.

The session file is untrusted, so every string is cleaned (``clean_text``,
one line) and printed as a rich ``Text``, never as markup.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

from enrich.mention_counts import count_cell, plural
from enrich.session import annotation_of
from enrich.text_clean import clean_line
from tui.cli.annotate_table import LABEL_STYLES

if TYPE_CHECKING:
    from rich.console import Console

    from enrich.session import Session


def clean(value: object) -> str:
    """Untrusted text on one line, without control sequences."""
    return clean_line(str(value))


def when(stamp: str) -> str:
    """An ISO UTC stamp as local time to the minute; the raw text if it is not one."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return clean(stamp)


def print_summary(session: Session, out: Console) -> None:
    """Article, recognizer, entities as the student corrected them, notes, bookmarks.

    Notes are listed on their own too: a note on an entity the student later
    rejected is still the student's writing.
    """
    article = session.article
    annotation = annotation_of(session)
    out.print(Text(clean(article.title or article.source), style="bold"))
    out.print(_field("source", article.source, article.language))
    out.print(_field("recognizer", session.recognizer, session.model_version))
    out.print(
        _field(
            "session",
            session.name,
            f"created {when(session.created)}",
            f"updated {when(session.updated)}",
            f"revision {session.revision}",
        )
    )
    for warning in annotation.warnings:
        out.print(Text(f"warning: {clean(warning)}", style="yellow"))

    notes = {k: n for k, n in session.notes.items() if n.note.strip() or n.tags}
    table = Table(expand=True)
    table.add_column("Entity", ratio=2, overflow="fold")
    table.add_column("Label", no_wrap=True)
    table.add_column("Mentions", justify="right", no_wrap=True)
    table.add_column("Note", ratio=3, overflow="fold")
    for entity in annotation.entities:
        name = Text(clean(entity.name), style=LABEL_STYLES[entity.label])
        if any(m.source == "user" for m in entity.mentions):
            name.append(" (added by you)", style="dim")
        note = notes.get(entity.id)
        table.add_row(
            name,
            Text(str(entity.label)),
            Text(clean(count_cell(entity))),
            Text(clean(note.note) if note else ""),
        )
    out.print(table)
    out.print(Text(plural(len(annotation.entities), "entity", "entities"), style="dim"))

    if session.corrections:
        out.print(Text(f"Corrections ({len(session.corrections)})", style="bold"))
        for c in session.corrections:
            out.print(Text(f"  {_correction(c.op, c.text, c.label, c.scope)}"))
    if notes:
        out.print(Text(f"Notes ({len(notes)})", style="bold"))
        for note in notes.values():
            line = Text("  ")
            line.append(clean(note.name or note.entity_id), style="bold")
            if note.label:
                line.append(f" ({clean(note.label)})", style="dim")
            if note.tags:
                line.append("  " + " ".join(f"#{clean(t)}" for t in note.tags), style="cyan")
            if note.note.strip():
                line.append(": " + clean(note.note))
            out.print(line)
    if session.bookmarks:
        out.print(Text(f"Bookmarks ({len(session.bookmarks)})", style="bold"))
        for b in session.bookmarks:
            quote = clean(b.quote)
            line = Text(f"  “{quote[:80]}{'…' if len(quote) > 80 else ''}”")
            if b.note.strip():
                line.append(" — " + clean(b.note))
            out.print(line)
    position = session.position
    where = f"reading at character {position.offset} of {len(article.text)}"
    at = next((e for e in annotation.entities if e.id == position.entity_id), None)
    if at is not None:  # the id is internal ("per-kim-jong-un"): name the entity
        where += f", at {clean(at.name)}"
    out.print(Text(where, style="dim"))


def _field(name: str, *values: str) -> Text:
    shown = [clean(v) for v in values if v]
    return Text.assemble((f"{name}: ", "dim"), "  ·  ".join(shown))


def _correction(op: str, text: str, label: str, scope: str) -> str:
    what = f"'{clean(text)}'"
    one = " (this mention)" if scope == "mention" else ""
    if op == "add":
        return f"added {what} as {clean(label)}{one}"
    if op == "reject":
        return f"rejected {what}{one}"
    return f"relabelled {what} as {clean(label)}{one}"
