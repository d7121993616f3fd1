"""Enrichment sections (glossary, Wikipedia, facts, errors) as plain rich Text.

One rendering for the reader's side panel and for ``kontext lookup``.
Everything shown here is untrusted text: plain ``Text``, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from enrich.text_clean import clean_text

if TYPE_CHECKING:
    from enrich.enricher import Enrichment


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


def enrichment_parts(
    enrichment: Enrichment | dict, *, ready: bool = True, choose_key: str = ""
) -> list[Text]:
    """The card's knowledge sections, in reading order.

    Takes an ``Enrichment`` or its ``to_json()`` shape (a saved session's
    card, which may come from an older or hand-edited file: missing keys are
    skipped, never an error). ``choose_key`` names the reader's key for
    picking another Wikipedia candidate.
    """
    raw = enrichment if isinstance(enrichment, dict) else enrichment.to_json()
    data: dict = _clean(raw)  # type: ignore[assignment]
    try:
        return _parts(data, ready, choose_key)
    except (KeyError, TypeError, ValueError, AttributeError):
        return [Text("\n! This saved card could not be read.", style="red")]


def _parts(data: dict, ready: bool, choose_key: str) -> list[Text]:
    parts: list[Text] = []
    data = {"glossary": None, "wikipedia": None, "facts": None, "errors": [], **data}
    glossary = data["glossary"]
    if isinstance(glossary, dict):
        parts.append(section(f"Glossary ({glossary['source']})"))
        parts.append(Text(str(glossary["definition"] or "")))
    wiki = data["wikipedia"]
    if isinstance(wiki, dict):
        parts.append(section("Wikipedia"))
        if wiki["title"]:
            head = Text(str(wiki["title"]), style="bold")
            if wiki.get("chosen"):
                head.append("  your choice", style="dim")
            else:
                head.append(f"  confidence {float(wiki['confidence']):.2f}", style="dim")
            if wiki.get("from_cache"):
                head.append("  (cached, stale)" if wiki.get("stale") else "  (cached)", style="dim")
            parts.append(head)
            if wiki.get("description"):
                parts.append(Text(str(wiki["description"]), style="italic"))
            parts.append(Text(str(wiki.get("summary") or "")))
            if wiki.get("url"):
                parts.append(Text(str(wiki["url"]), style="underline"))
        # A failed lookup's message is "„term“: <error>", and the error has its
        # own line below: say it once.
        repeats = wiki.get("status") == "error" and bool(data["errors"])
        if wiki.get("message") and not wiki.get("chosen") and not repeats:
            parts.append(Text(str(wiki["message"]), style="dim"))
        alternatives = wiki.get("alternatives")
        if isinstance(alternatives, list) and alternatives:
            hint = f" ({choose_key} to choose)" if choose_key else ""
            parts.append(Text(f"Other candidates{hint}:", style="dim"))
            for alt in alternatives:
                line = f"  · {alt.get('title', '')}"
                if alt.get("description"):
                    line += f": {alt['description']}"
                parts.append(Text(line, style="dim"))
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


def note_parts(note: str, tags: list[str]) -> list[Text]:
    """The student's note and tags (their own text, still shown as plain text)."""
    if not note and not tags:
        return []
    parts = [section("Your note")]
    if note:
        parts.append(Text(clean_text(note)))
    if tags:
        parts.append(Text("Tags: " + ", ".join(clean_text(t) for t in tags), style="italic"))
    return parts
