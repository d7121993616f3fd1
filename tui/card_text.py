"""Enrichment sections (glossary, Wikipedia, facts, errors) as plain rich renderables.

One rendering for the reader's side panel and for ``kontext lookup``.
Everything shown here is untrusted text: plain ``Text``, never markup. The
card's words (``CARD_WORDS``) are in the language the caller names: the reader's
interface language, or the article's for ``kontext lookup``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import unquote

from rich.table import Table
from rich.text import Text

from enrich.text_clean import clean_text
from tui.ui_text import tr

if TYPE_CHECKING:
    from rich.console import Console, ConsoleOptions, RenderResult

    from enrich.card import Card, FactsCard, GlossaryCard, WikiCard

# At or above this a Wikipedia match is "confident" (resolve.py gives 0.9-0.95
# to a direct hit, 0.5-0.6 to a guess by inflection or context).
CONFIDENT = 0.75
# "One short list" of other candidates; the rest are counted.
SHOWN_CANDIDATES = 4


@dataclass(frozen=True)
class CardWords:
    """The card's fixed words in one language (``{key}``/``{n}`` are filled in)."""

    glossary: str
    facts: str
    confident: str
    uncertain: str
    your_choice: str
    confidence: str
    cached: str
    cached_stale: str
    opens_wikipedia: str
    other_candidates: str
    to_choose: str
    more_candidates: str
    nothing_known: str
    mention: str
    mentions: str
    related: str
    only_as: str
    offline: str


CARD_WORDS: dict[str, CardWords] = {
    "de": CardWords(
        glossary="Glossar",
        facts="Fakten",
        confident="sicher",
        uncertain="unsicher",
        your_choice="deine Wahl",
        confidence="Trefferwert",
        cached="aus dem Cache",
        cached_stale="aus dem Cache, veraltet",
        opens_wikipedia="{key} öffnet Wikipedia",
        other_candidates="Andere Treffer",
        to_choose="{key} zum Wählen",
        more_candidates="… und {n} weitere",
        nothing_known="Mehr ist über diesen Eintrag nicht bekannt.",
        mention="Erwähnung",
        mentions="Erwähnungen",
        related="verwandt",
        only_as="nur als",
        offline="Offline",
    ),
    "en": CardWords(
        glossary="Glossary",
        facts="Facts",
        confident="confident",
        uncertain="uncertain",
        your_choice="your choice",
        confidence="confidence",
        cached="cached",
        cached_stale="cached, stale",
        opens_wikipedia="{key} opens Wikipedia",
        other_candidates="Other candidates",
        to_choose="{key} to choose",
        more_candidates="… and {n} more",
        nothing_known="Nothing more is known about this entity.",
        mention="mention",
        mentions="mentions",
        related="related",
        only_as="only as",
        offline="Offline",
    ),
}


def card_words(lang: str) -> CardWords:
    """The words for ``lang``, English when Kontext has none for it."""
    return CARD_WORDS.get(lang, CARD_WORDS["en"])


class KeyValues:
    """Rows of (key, value) as a grid: a wrapped value keeps its column (a hanging indent)."""

    def __init__(self, rows: list[tuple[str, str]], *, key_style: str = "dim") -> None:
        self.rows = rows
        self.key_style = key_style

    @property
    def plain(self) -> str:
        return "\n".join(f"{key} {value}" for key, value in self.rows)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style=self.key_style, no_wrap=True)
        grid.add_column(ratio=1, overflow="fold")
        for key, value in self.rows:
            grid.add_row(Text(key), Text(value))
        yield grid


# A piece of the card: something rich draws, with ``plain``, the text a user reads.
Part = Text | KeyValues


def section(title: str) -> Text:
    """A muted head: it orders the card without shouting over the content."""
    return Text(f"\n{title}", style="bold dim")


def _clean(value: object) -> str:
    """A string from the glossary, Wikipedia, facts or a session file, without control sequences.

    Rich drops only a few control characters; ESC would reach the terminal.
    """
    return clean_text(value) if isinstance(value, str) else ""


def readable_url(url: str) -> str:
    """``de.wikipedia.org/wiki/Südkorea`` for ``https://de.wikipedia.org/wiki/S%C3%BCdkorea``."""
    decoded = unquote(url)
    for scheme in ("https://", "http://"):
        if decoded.startswith(scheme):
            decoded = decoded[len(scheme) :]
    return decoded


def enrichment_parts(
    card: Card,
    *,
    ready: bool = True,
    choose_key: str = "",
    open_key: str = "",
    details: bool = False,
    lang: str = "",
) -> list[Part]:
    """The card's knowledge sections, in reading order.

    ``choose_key`` names the reader's key for picking another Wikipedia candidate,
    ``open_key`` the one that opens the page; ``details`` adds the numbers behind
    the words (match confidence, the resolver's note).
    """
    words = card_words(lang or card.lang)
    parts: list[Part] = []
    if card.glossary is not None:
        parts += _glossary_parts(card.glossary, words)
    if card.wikipedia is not None:
        parts += _wiki_parts(
            card.wikipedia, bool(card.errors), choose_key, open_key, details, words
        )
    if card.facts is not None:
        parts += _facts_parts(card.facts, words)
    for problem in card.errors:
        parts.append(Text(f"! {_clean(problem)}", style="red"))
    if ready and card.glossary is None and card.wikipedia is None and card.facts is None:
        parts.append(Text(f"\n{words.nothing_known}", style="dim"))
    return parts


def _glossary_parts(glossary: GlossaryCard, words: CardWords) -> list[Part]:
    head = section(words.glossary)
    if glossary.source:
        head.append(f" · {_clean(glossary.source)}", style="dim")
    return [head, Text(_clean(glossary.definition))]


def _wiki_parts(
    wiki: WikiCard,
    has_errors: bool,
    choose_key: str,
    open_key: str,
    details: bool,
    words: CardWords,
) -> list[Part]:
    parts: list[Part] = [section("Wikipedia")]
    if wiki.title:
        head = Text(_clean(wiki.title), style="bold")
        if wiki.chosen:
            head.append(f"  {words.your_choice}", style="dim")
        else:
            sure = words.confident if wiki.confidence >= CONFIDENT else words.uncertain
            head.append(f"  {sure}", style="dim")
        if wiki.from_cache:
            head.append(f"  ({words.cached_stale if wiki.stale else words.cached})", style="dim")
        parts.append(head)
        if details and not wiki.chosen:
            parts.append(Text(f"{words.confidence} {wiki.confidence:.2f}", style="dim"))
        if wiki.description:
            parts.append(Text(_clean(wiki.description), style="italic"))
        parts.append(Text(_clean(wiki.summary)))
        if wiki.url:
            parts.append(
                Text(readable_url(_clean(wiki.url)), style="dim", no_wrap=True, overflow="ellipsis")
            )
            if open_key:
                parts.append(Text(words.opens_wikipedia.format(key=open_key), style="dim"))
    # A failed lookup's message is "„term“: <error>", and the error has its
    # own line below: say it once. With candidates listed, the message repeats
    # them: it is a detail then.
    repeats = wiki.status == "error" and has_errors
    listed = bool(wiki.alternatives and wiki.title) and not details
    if wiki.message and not wiki.chosen and not repeats and not listed:
        parts.append(Text(_clean(wiki.message), style="dim"))
    if wiki.alternatives:
        head = Text(f"\n{words.other_candidates}", style="dim")
        if choose_key:
            head.append(f" ({words.to_choose.format(key=choose_key)})", style="dim")
        parts.append(head)
        rows = []
        for alt in wiki.alternatives[:SHOWN_CANDIDATES]:
            line = _clean(alt.title)
            if alt.description:
                line += f" – {_clean(alt.description)}"
            rows.append(("·", line))
        parts.append(KeyValues(rows))
        left = len(wiki.alternatives) - SHOWN_CANDIDATES
        if left > 0:
            parts.append(Text(f"  {words.more_candidates.format(n=left)}", style="dim"))
    preferred = wiki.preferred
    if preferred is not None:
        parts.append(section(f"Wikipedia ({_clean(preferred.lang).upper()})"))
        parts.append(Text(_clean(preferred.title), style="bold"))
        parts.append(Text(_clean(preferred.summary)))
    return parts


def _facts_parts(facts: FactsCard, words: CardWords) -> list[Part]:
    rows = [(_clean(label), _clean(value)) for label, value in facts.items.items()]
    parts: list[Part] = [section(words.facts), KeyValues(rows)]
    if facts.source:
        parts.append(Text(_clean(facts.source), style="dim italic"))
    return parts


def note_parts(note: str, tags: list[str]) -> list[Part]:
    """The student's note and tags (their own text, still shown as plain text)."""
    if not note and not tags:
        return []
    parts: list[Part] = [section(tr("Your note"))]
    if note:
        parts.append(Text(clean_text(note)))
    if tags:
        parts.append(
            Text(tr("Tags: {tags}", tags=", ".join(clean_text(t) for t in tags)), style="italic")
        )
    return parts
