"""Deciding which Wikipedia article a mention means, and how sure that is.

Pure functions over ``PageData`` (no network), so the ranking is easy to
test and to explain. The rule that matters: never a silent wrong guess. A
weak match keeps a low confidence and lists the alternatives, so the reader
can see "did you mean…" instead of a confident wrong explanation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from enrich.labels import label_name
from enrich.model import Label
from enrich.quotes import quoted
from enrich.wiki.result import Status, WikiQuery, WikiSummary

if TYPE_CHECKING:
    from enrich.model import Entity
    from enrich.wiki.batch import PageData

# Words a description or intro uses for each kind of thing (German and English).
CUES: dict[str, tuple[str, ...]] = {
    "LOC": (
        "stadt", "hauptstadt", "staat", "land ", "region", "provinz", "insel", "fluss",
        "gemeinde", "meer", "gebirge", "city", "capital", "country", "state in", "province",
        "island", "river", "town", "sea",
    ),
    "PER": (
        "politiker", "präsident", "minister", "diktator", "machthaber", "sänger", "schauspieler",
        "sportler", "geboren", "politician", "president", "leader", "actor", "singer", "born",
        "journalist", "autor", "author",
    ),
    "ORG": (
        "organisation", "behörde", "agentur", "unternehmen", "partei", "bündnis", "verband",
        "gremium", "generalstab", "streitkräfte", "ministerium", "institut", "organization",
        "agency", "company", "party", "alliance", "committee", "council", "military",
        "armed forces", "news agency", "ministry",
    ),
}  # fmt: skip
# Four letters or more, so articles and most function words drop out by length.
_STOP = frozenset(
    "der die das dem den des ein eine einer eines einem einen und oder aber auch sich nicht "
    "mit von vom zum zur für über unter nach noch wird wurde wurden werden sind sein seine "
    "ihre ihren hatte haben heute dass wenn sowie bereits gegen teilte mitteilte laut "
    "the and with from that this have were their which about after into been also over "
    "said says will would there than more most such".split()
)
_WORD_RE = re.compile(r"[^\W\d_]{4,}")


@dataclass(frozen=True, slots=True)
class Choice:
    """A decision: the page (or None), how sure, and what else it could be."""

    page: PageData | None
    confidence: float
    alternatives: list[tuple[str, str]]
    note: str = ""


def stems(text: str) -> set[str]:
    """Crude stems (first six letters) so "Südkoreas" meets "Südkorea"."""
    return {w[:6] for w in _WORD_RE.findall(text.casefold()) if w not in _STOP}


def cue_score(label: str | None, text: str) -> float:
    """1 if the text calls the thing what its label says (city for LOC...)."""
    if not label or label not in CUES:
        return 0.0
    low = f" {text.casefold()} "
    return 1.0 if any(cue in low for cue in CUES[label]) else 0.0


def contradicts(label: str | None, page: PageData) -> bool:
    """True if the page is plainly another kind of thing than the label says."""
    if not label or label not in CUES:
        return False
    text = f"{page['description']} {page['extract'][:200]}"
    if cue_score(label, text):
        return False
    return any(cue_score(other, text) for other in CUES if other != label)


def rank(
    candidates: Iterable[PageData], context: str, label: str | None, term: str = ""
) -> list[tuple[PageData, float]]:
    """Candidates best first: words shared with the context, plus a label cue.

    The term's own words are left out: every candidate shares them, so they
    say nothing about which one is meant.
    """
    ctx = stems(context) - stems(term)
    scored = []
    for page in candidates:
        text = f"{page['title']} {page['description']} {page['extract'][:600]}"
        overlap = len(ctx & stems(text))
        cue = cue_score(label, f"{page['title']} {page['description']} {page['extract'][:200]}")
        scored.append((page, overlap + 1.5 * cue))
    return sorted(scored, key=lambda item: -item[1])  # stable: keeps link order on ties


def margin_confidence(scores: list[float]) -> float:
    """How far the winner is ahead: a tie is a guess (0.35), a clear lead up to 0.9."""
    if not scores:
        return 0.0
    best = scores[0]
    second = scores[1] if len(scores) > 1 else 0.0
    if best <= 0:
        return 0.5 if len(scores) == 1 else 0.15
    return round(min(0.9, 0.35 + 0.55 * (best - second) / best), 2)


def direct(page: PageData, label: str | None) -> Choice:
    """The term names an article: sure, unless the label says it is another kind."""
    confidence = 0.9 if page["redirect"] else 0.95
    note = ""
    if contradicts(label, page):
        confidence = 0.6
        note = f"the article does not look like a {label_word(label)}"
    return Choice(page, confidence, [], note)


def choose_meaning(
    candidates: list[PageData], context: str, label: str | None, term: str
) -> Choice:
    """Pick among a disambiguation page's links by context."""
    usable = [p for p in candidates if p["exists"] and not p["disambiguation"]]
    if not usable:
        return Choice(None, 0.0, [])
    ranked = rank(usable, context, label, term)
    confidence = margin_confidence([score for _, score in ranked])
    return Choice(ranked[0][0], confidence, _alternatives(p for p, _ in ranked[1:]))


def choose_search_hit(
    candidates: list[PageData], context: str, label: str | None, term: str
) -> Choice:
    """Take a search hit only if it is clearly the same name (an inflection)."""
    usable = [p for p in candidates if p["exists"] and not p["disambiguation"]]
    if not usable:
        return Choice(None, 0.0, [])
    ranked = [p for p, _ in rank(usable, context, label, term)]
    for position, page in enumerate(ranked):
        how = same_name(term, page["title"], label)
        if how:
            confidence = (0.6 if how == "inflection" else 0.5) - (0.15 if position else 0.0)
            rest = [p for p in ranked if p is not page]
            return Choice(page, confidence, _alternatives(rest), f"found by search ({how})")
    return Choice(None, 0.0, _alternatives(ranked))


def same_name(term: str, title: str, label: str | None) -> str:
    """ "inflection" for Nordkoreas/Nordkorea, "surname" for a PER's last name, else ""."""
    a = " ".join(term.casefold().split())
    b = re.sub(r"\s*\([^)]*\)\s*$", "", title).casefold().strip()
    if not a or not b:
        return ""
    if a == b or (a.startswith(b) and len(a) - len(b) <= 3 and len(b) >= 4):
        return "inflection"
    if label == "PER" and " " not in a and b.split()[-1] == a:
        return "surname"
    return ""


def explain(
    term: str,
    name: str,
    lang: str,
    choice: Choice,
    first: PageData | None,
    errors: list[str],
    offline: bool,
) -> tuple[Status, str]:
    """The status and one line saying what happened."""
    said = quoted(term, lang)
    label = said + (f" (as {quoted(name, lang)})" if name != term else "")
    if first is None:
        if offline:
            return "offline", f"{said} is not in the cache, and Kontext is offline"
        return "error", f"{said}: " + (errors[0] if errors else "no answer from Wikipedia")
    if first["exists"] and not first["disambiguation"]:
        note = f" ({choice.note})" if choice.note else ""
        moved = first["redirect"] or name != term
        via = f"{label} → {first['title']}" if moved else ""
        return "found", (via + note).strip()
    others = ", ".join(title for title, _ in choice.alternatives[:4])
    if first["exists"]:
        if choice.page is None:
            return "disambiguation", f"{label} has several meanings; none could be listed"
        sure = "best match by context" if choice.confidence >= 0.6 else "unsure, best guess"
        tail = f"; other meanings: {others}" if others else ""
        return "disambiguation", (
            f"{label} has several meanings; {sure}: {choice.page['title']} "
            f"(confidence {choice.confidence:.2f}){tail}"
        )
    if choice.page is not None:
        tail = f"; also: {others}" if others else ""
        return "search", (
            f"no article {said} in {lang}.wikipedia; {choice.note}: {choice.page['title']}{tail}"
        )
    if others:
        similar = f"similar: {others}"
    else:  # a failed search found nothing, which is not "no similar articles"
        similar = f"the search failed: {errors[0]}" if errors else "no similar articles"
    return "not_found", f"not found: no article {said} in {lang}.wikipedia; {similar}"


def summary_of(
    page: PageData,
    confidence: float,
    alternatives: list[tuple[str, str]] | None = None,
    *,
    from_cache: bool = False,
    stale: bool = False,
) -> WikiSummary:
    return WikiSummary(
        title=page["title"],
        summary=page["extract"],
        description=page["description"],
        url=page["url"],
        confidence=confidence,
        alternatives=list(alternatives or []),
        langlinks=dict(page["langlinks"]),
        categories=list(page["categories"]),
        from_cache=from_cache,
        stale=stale,
        lang=page["lang"],
        wikibase_item=page["wikibase_item"],
    )


def query_for(entity: Entity, text: str, window: int = 80) -> WikiQuery:
    """The lookup for an annotated entity: its name, label and nearby words."""
    return WikiQuery(
        entity.name, str(entity.label), context_for(entity, text, window), tuple(entity.aliases)
    )


def context_for(entity: Entity, text: str, window: int = 80, mentions: int = 3) -> str:
    """Words around the first few mentions, plus the entity's aliases."""
    parts = [text[max(0, m.start - window) : m.end + window] for m in entity.mentions[:mentions]]
    return " ".join([*entity.aliases, *parts])


def label_word(label: str | None) -> str:
    """What the article should be about, in words; names and terms are just a "thing"."""
    return label_name(label) if label in (Label.PER, Label.ORG, Label.LOC) else "thing"


def _alternatives(pages: Iterable[PageData], limit: int = 6) -> list[tuple[str, str]]:
    return [(p["title"], p["description"]) for p in pages][:limit]
