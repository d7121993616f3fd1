"""Readable output for ``kontext lookup``: an enrichment card as plain rich Text.

Glossary, Wikipedia and facts texts are untrusted; they are appended as
plain text, never parsed as markup.
"""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.text import Text

from enrich.enricher import Enrichment


def _section(title: str) -> Text:
    return Text(title, style="bold underline")


def render_card(card: Enrichment) -> Panel:
    data = card.to_json()
    parts: list[Text] = []
    glossary = data["glossary"]
    if isinstance(glossary, dict):
        parts.append(_section(f"Glossary ({glossary['source']})"))
        line = Text(str(glossary["term"]), style="bold")
        line.append(f"  {glossary['label']}", style="dim")
        parts.append(line)
        parts.append(Text(str(glossary["definition"])))
    wiki = data["wikipedia"]
    if isinstance(wiki, dict):
        parts.append(_section("Wikipedia"))
        if wiki["title"]:
            head = Text(str(wiki["title"]), style="bold")
            head.append(f"  confidence {wiki['confidence']:.2f}", style="dim")
            if wiki["from_cache"]:
                head.append("  (cached, stale)" if wiki["stale"] else "  (cached)", style="dim")
            parts.append(head)
            if wiki["description"]:
                parts.append(Text(str(wiki["description"]), style="italic"))
            parts.append(Text(str(wiki["summary"] or "")))
            parts.append(Text(str(wiki["url"] or ""), style="blue"))
            preferred = wiki.get("preferred")
            if isinstance(preferred, dict):
                parts.append(Text(f"[{preferred['lang']}] {preferred['title']}", style="bold"))
                parts.append(Text(str(preferred["summary"])))
        if wiki["message"]:
            parts.append(Text(str(wiki["message"]), style="dim"))
        for alt in wiki["alternatives"]:  # type: ignore[union-attr]
            parts.append(Text(f"  · {alt['title']}: {alt['description']}", style="dim"))
    facts = data["facts"]
    if isinstance(facts, dict):
        parts.append(_section("Facts"))
        for label, value in facts["items"].items():  # type: ignore[union-attr]
            line = Text(f"{label}: ", style="bold")
            line.append(str(value))
            parts.append(line)
        parts.append(Text(f"Source: {facts['source']}", style="dim"))
    for error in card.errors:
        parts.append(Text(f"! {error}", style="red"))
    if not parts:
        parts.append(Text("Nothing known about this term.", style="dim"))
    return Panel(Group(*parts), title=Text(card.term), title_align="left")


def print_card(card: Enrichment, console: Console | None = None) -> None:
    (console or Console()).print(render_card(card))
