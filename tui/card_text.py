"""Enrichment sections (glossary, Wikipedia, facts, errors) as plain rich Text.

One rendering for the reader's side panel and for ``kontext lookup``.
Everything shown here is untrusted text: plain ``Text``, never markup.
"""

from __future__ import annotations

from rich.text import Text

from enrich.enricher import Enrichment
from enrich.text_clean import clean_text


def section(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def _clean(value: object) -> object:
    """Every string from the glossary, Wikipedia or facts, with control sequences removed.

    Rich drops only a few control characters; ESC would reach the terminal.
    """
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_clean(v) for v in value]
    return value


def enrichment_parts(enrichment: Enrichment, *, ready: bool = True) -> list[Text]:
    """The card's knowledge sections, in reading order."""
    parts: list[Text] = []
    data: dict = _clean(enrichment.to_json())  # type: ignore[assignment]
    glossary = data["glossary"]
    if isinstance(glossary, dict):
        parts.append(section(f"Glossary ({glossary['source']})"))
        parts.append(Text(str(glossary["definition"] or "")))
    wiki = data["wikipedia"]
    if isinstance(wiki, dict):
        parts.append(section("Wikipedia"))
        if wiki["title"]:
            head = Text(str(wiki["title"]), style="bold")
            head.append(f"  confidence {float(wiki['confidence']):.2f}", style="dim")
            if wiki["from_cache"]:
                head.append("  (cached, stale)" if wiki["stale"] else "  (cached)", style="dim")
            parts.append(head)
            if wiki["description"]:
                parts.append(Text(str(wiki["description"]), style="italic"))
            parts.append(Text(str(wiki["summary"] or "")))
            if wiki["url"]:
                parts.append(Text(str(wiki["url"]), style="underline"))
        if wiki["message"]:
            parts.append(Text(str(wiki["message"]), style="dim"))
        alternatives = wiki["alternatives"]
        if isinstance(alternatives, list) and alternatives:
            parts.append(Text("Other candidates:", style="dim"))
            for alt in alternatives:
                parts.append(Text(f"  · {alt['title']}: {alt['description']}", style="dim"))
        preferred = wiki.get("preferred")
        if isinstance(preferred, dict):
            parts.append(section(f"In {str(preferred['lang']).upper()}"))
            parts.append(Text(str(preferred["title"]), style="bold"))
            parts.append(Text(str(preferred["summary"] or "")))
    facts = data["facts"]
    if isinstance(facts, dict):
        parts.append(section("Facts"))
        items = facts["items"]
        if isinstance(items, dict):
            for label, value in items.items():
                line = Text(f"{label}: ", style="bold")
                line.append(str(value))
                parts.append(line)
        parts.append(Text(f"Source: {facts['source']}", style="dim"))
    for problem in data["errors"]:
        parts.append(Text(f"! {problem}", style="red"))
    if ready and not any(isinstance(data[k], dict) for k in ("glossary", "wikipedia", "facts")):
        parts.append(Text("\nNothing more is known about this entity.", style="dim"))
    return parts
