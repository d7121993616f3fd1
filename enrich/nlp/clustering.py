"""Group mentions into entities, document-wide.

Mentions join one entity when they share a key (an abbreviation's, a
place's), the same normalised surface, a German genitive of it
("Nordkoreas" → "Nordkorea"), or when a short person reference matches the
start or end of exactly one full name seen in the article ("Selenskyj",
"Selenskyjs" → "Wolodymyr Selenskyj"). Each entity then gets one label by a
weighted vote, so the article never calls the same thing PER and LOC.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from enrich.model import Entity, Label, Mention

# Evidence weight of a mention in the label vote, by "<source>:<rule>" prefix.
_WEIGHTS = {
    "abbreviation": 3,
    "glossary": 3,
    "user": 10,
    "rule:title": 3,
    "rule:term": 3,
    "rule:calibre": 3,
    "rule:designation": 3,
    "rule:surname": 2,
    "rule:name": 2,
    "model": 2,
    "rule:country": 2,
    "rule:region": 2,
    "rule:city": 2,
    "rule:acronym": 1,
}
# Earlier keys name an entity better: an abbreviation's long form beats a place name.
_KEY_PREFERENCE = ("abbr:", "geo:", "region:", "glossary:")
_SLUG = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class RawMention:
    """A kept span from the pipeline, with global offsets."""

    start: int
    end: int
    text: str
    label: str
    source: str  # model|rule|abbreviation|glossary|user
    rule: str
    key: str = ""
    kind: str = "mention"

    @property
    def tag(self) -> str:
        return f"{self.source}:{self.rule}" if self.source == "rule" else self.source


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"['’]s$", "", text)
    return " ".join(text.split())


def _genitive_bases(norm: str) -> list[str]:
    if len(norm) > 3 and norm.endswith("s"):
        return [norm[:-1], norm[:-2]] if norm.endswith("es") else [norm[:-1]]
    return []


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)

    def union_all(self, items: Iterable[int]) -> None:
        items = list(items)
        for other in items[1:]:
            self.union(items[0], other)


def cluster(mentions: Sequence[RawMention], names: dict[str, str], lang: str) -> list[Entity]:
    """Cluster mentions into entities ordered by first appearance."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    uf = _UnionFind(len(mentions))
    norms = [normalise(m.text) for m in mentions]

    by_key: dict[str, list[int]] = defaultdict(list)
    by_norm: dict[str, list[int]] = defaultdict(list)
    for i, m in enumerate(mentions):
        if m.key:
            by_key[m.key].append(i)
        if m.kind == "mention":
            by_norm[norms[i]].append(i)
    for group in (*by_key.values(), *by_norm.values()):
        uf.union_all(group)

    if lang == "de":
        for norm, idxs in by_norm.items():
            for base in _genitive_bases(norm):
                if base in by_norm:
                    uf.union(idxs[0], by_norm[base][0])
                    break

    _link_partial_names(mentions, norms, uf)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        clusters[uf.find(i)].append(i)
    entities = [_entity(mentions, idxs, norms, names, lang) for idxs in clusters.values()]
    entities.sort(key=lambda e: e.mentions[0].start)
    return _with_unique_ids(entities)


def _link_partial_names(mentions: Sequence[RawMention], norms: list[str], uf: _UnionFind) -> None:
    """Join "Selenskyj" to the one earlier full name that starts or ends with it."""
    full: dict[tuple[str, ...], int] = {}
    for i, m in enumerate(mentions):
        words = tuple(norms[i].split())
        if m.label == "PER" and m.kind == "mention" and len(words) >= 2:
            full.setdefault(words, i)
    if not full:
        return
    for i, m in enumerate(mentions):
        if m.kind != "mention" or m.label not in ("PER", "MISC", "ORG", "LOC"):
            continue
        if m.source == "rule" and m.rule not in ("surname", "name", "title", "acronym"):
            continue
        words = tuple(norms[i].split())
        variants = {words}
        if words:
            variants.update((*words[:-1], base) for base in _genitive_bases(words[-1]))
        matches = {
            uf.find(j)
            for name, j in full.items()
            if len(name) > len(words)
            and any(name[: len(v)] == v or name[-len(v) :] == v for v in variants)
        }
        if len(matches) == 1:
            uf.union(i, matches.pop())


def _vote(mentions: list[RawMention]) -> Label:
    votes: Counter[str] = Counter()
    for m in mentions:
        if m.kind == "mention":
            votes[m.label] += _WEIGHTS.get(m.tag, _WEIGHTS.get(m.source, 1))
    if not votes:
        return Label(mentions[0].label)
    # Ties go to the label of the earliest strongest mention.
    best = max(votes.values())
    for m in mentions:
        if votes.get(m.label) == best:
            return Label(m.label)
    return Label(votes.most_common(1)[0][0])


def _name(members: list[RawMention], norms: list[str], names: dict[str, str], lang: str) -> str:
    keys = {m.key for m in members if m.key}
    for prefix in _KEY_PREFERENCE:
        for key in sorted(keys):
            if key.startswith(prefix) and key in names:
                return names[key]
    direct = [m for m in members if m.kind == "mention"]
    if not direct:
        return members[0].text
    surfaces = {normalise(m.text) for m in direct}

    def score(m: RawMention) -> tuple[int, int, int]:
        norm = normalise(m.text)
        genitive = lang == "de" and any(b in surfaces for b in _genitive_bases(norm))
        return (not genitive, len(norm.split()), -m.start)

    return max(direct, key=score).text


def _entity(
    all_mentions: Sequence[RawMention],
    idxs: list[int],
    norms: list[str],
    names: dict[str, str],
    lang: str,
) -> Entity:
    members = [all_mentions[i] for i in idxs]
    label = _vote(members)
    name = _name(members, norms, names, lang)
    name_norm = normalise(name)
    seen = {name_norm}
    name_words = set(name_norm.split())
    aliases: list[str] = []
    for m in members:
        norm = normalise(m.text)
        if m.kind != "mention" or norm in seen:
            continue
        bases = _genitive_bases(norm) if lang == "de" else []
        if any(b in seen or b in name_words for b in bases):
            continue  # "Nordkoreas", "Ruttes" are inflections, not aliases
        seen.add(norm)
        aliases.append(m.text)
    mentions = tuple(
        Mention(m.start, m.end, m.text, label, m.source, m.kind, m.rule)  # type: ignore[arg-type]
        for m in members
    )
    return Entity(id="", name=name, label=label, mentions=mentions, aliases=tuple(aliases))


def slug(text: str) -> str:
    """ASCII slug for ids: "Südkoreas Militär" → "sudkoreas-militar"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-") or "entity"


def _with_unique_ids(entities: list[Entity]) -> list[Entity]:
    """Ids are stable for the same text: label plus slug, numbered on a clash."""
    used: Counter[str] = Counter()
    result = []
    for e in entities:
        base = f"{e.label.lower()}-{slug(e.name)}"
        used[base] += 1
        ident = base if used[base] == 1 else f"{base}-{used[base]}"
        result.append(
            Entity(id=ident, name=e.name, label=e.label, mentions=e.mentions, aliases=e.aliases)
        )
    return result
