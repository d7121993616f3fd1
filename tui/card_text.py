"""Enrichment sections (glossary, Wikipedia, facts, errors) as plain rich Text.

One rendering for the reader's side panel and for ``kontext lookup``.
Everything shown here is untrusted text: plain ``Text``, never markup.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text

from enrich.text_clean import clean_text

if TYPE_CHECKING:
    from enrich.card import Card, FactsCard, GlossaryCard, WikiCard


def section(title: str) -> Text:
    return Text(f"\n{title}", style="bold underline")


def _clean(value: object) -> str:
    """A string from the glossary, Wikipedia, facts or a session file, without control sequences.

    Rich drops only a few control characters; ESC would reach the terminal.
    """
    return clean_text(value) if isinstance(value, str) else ""


def enrichment_parts(card: Card, *, ready: bool = True, choose_key: str = "") -> list[Text]:
    """The card's knowledge sections, in reading order.

    ``choose_key`` names the reader's key for picking another Wikipedia candidate.
    """
    parts: list[Text] = []
    if card.glossary is not None:
        parts += _glossary_parts(card.glossary)
    if card.wikipedia is not None:
        parts += _wiki_parts(card.wikipedia, bool(card.errors), choose_key)
    if card.facts is not None:
        parts += _facts_parts(card.facts)
    for problem in card.errors:
        parts.append(Text(f"! {_clean(problem)}", style="red"))
    if ready and card.glossary is None and card.wikipedia is None and card.facts is None:
        parts.append(Text("\nNothing more is known about this entity.", style="dim"))
    return parts


def _glossary_parts(glossary: GlossaryCard) -> list[Text]:
    return [section(f"Glossary ({_clean(glossary.source)})"), Text(_clean(glossary.definition))]


def _wiki_parts(wiki: WikiCard, has_errors: bool, choose_key: str) -> list[Text]:
    parts = [section("Wikipedia")]
    if wiki.title:
        head = Text(_clean(wiki.title), style="bold")
        if wiki.chosen:
            head.append("  your choice", style="dim")
        else:
            head.append(f"  confidence {wiki.confidence:.2f}", style="dim")
        if wiki.from_cache:
            head.append("  (cached, stale)" if wiki.stale else "  (cached)", style="dim")
        parts.append(head)
        if wiki.description:
            parts.append(Text(_clean(wiki.description), style="italic"))
        parts.append(Text(_clean(wiki.summary)))
        if wiki.url:
            parts.append(Text(_clean(wiki.url), style="underline"))
    # A failed lookup's message is "„term“: <error>", and the error has its
    # own line below: say it once.
    repeats = wiki.status == "error" and has_errors
    if wiki.message and not wiki.chosen and not repeats:
        parts.append(Text(_clean(wiki.message), style="dim"))
    if wiki.alternatives:
        hint = f" ({choose_key} to choose)" if choose_key else ""
        parts.append(Text(f"Other candidates{hint}:", style="dim"))
        for alt in wiki.alternatives:
            line = f"  · {_clean(alt.title)}"
            if alt.description:
                line += f": {_clean(alt.description)}"
            parts.append(Text(line, style="dim"))
    preferred = wiki.preferred
    if preferred is not None:
        parts.append(section(f"In {_clean(preferred.lang).upper()}"))
        parts.append(Text(_clean(preferred.title), style="bold"))
        parts.append(Text(_clean(preferred.summary)))
    return parts


def _facts_parts(facts: FactsCard) -> list[Text]:
    parts = [section("Facts")]
    for label, value in facts.items.items():
        line = Text(f"{_clean(label)}: ", style="bold")
        line.append(_clean(value))
        parts.append(line)
    parts.append(Text(f"Source: {_clean(facts.source)}", style="dim"))
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
