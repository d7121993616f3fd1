"""Group mentions into entities, document-wide.

Mentions join one entity when they share a key (an abbreviation's, a
place's), the same normalised surface, a German genitive of it
("Nordkoreas" → "Nordkorea"), or when a short person reference matches the
start or end of exactly one full name seen in the article ("Selenskyj",
"Selenskyjs" → "Wolodymyr Selenskyj"), or a short organisation form the
article also gives long: by the last word ("City"), the initials ("SPD"),
or a small table of well-known forms ("BVB", ``enrich/nlp/short_forms.py``).
Each entity then gets one label by a weighted vote, so the article never
calls the same thing PER and LOC.
"""

from __future__ import annotations

import dataclasses
import functools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from enrich.model import Entity, Label, Mention, MentionKind, Source
from enrich.nlp.inflection import genitive_bases
from enrich.nlp.places import NATIONALITY_PREFIX

# Evidence weight of a mention in the label vote, by "<source>:<rule>" prefix.
_WEIGHTS = {
    "abbreviation": 3,
    "glossary": 3,
    "user": 10,
    "rule:title": 3,
    "rule:calibre": 3,
    "rule:designation": 3,
    "rule:club": 3,
    "rule:work": 3,
    "rule:award": 3,
    "rule:surname": 2,
    "rule:name": 2,
    "model": 2,
    "rule:country": 2,
    "rule:region": 2,
    "rule:city": 2,
    "rule:nationality": 2,
    "rule:acronym": 1,
}
# Earlier keys name an entity better: an abbreviation's long form beats a place name.
_KEY_PREFERENCE = ("abbr:", "geo:", "region:", "glossary:")
# "nationality:geo:CA" ("Canadian") keeps its own entity: it is of Canada, not Canada.
_STRONG_KEYS = (*_KEY_PREFERENCE, NATIONALITY_PREFIX)
_SLUG = re.compile(r"[^0-9a-z]+")


@dataclass(frozen=True, slots=True)
class RawMention:
    """A kept span from the pipeline, with global offsets."""

    start: int
    end: int
    text: str
    label: str
    source: Source
    rule: str
    key: str = ""
    kind: MentionKind = "mention"

    @property
    def tag(self) -> str:
        return f"{self.source}:{self.rule}" if self.source == "rule" else self.source


@functools.lru_cache(maxsize=65_536)
def normalise(text: str) -> str:
    """NFC, casefolded, without a possessive 's, single-spaced (cached: called per mention)."""
    text = unicodedata.normalize("NFC", text).casefold()
    text = re.sub(r"['’]s$", "", text)
    return " ".join(text.split())


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


def _strong_key(m: RawMention) -> str:
    """Keys that identify a thing; "acr:" keys only repeat the surface."""
    return m.key if m.key.startswith(_STRONG_KEYS) else ""


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
    for group in by_key.values():
        uf.union_all(group)
    for group in by_norm.values():
        _union_same_surface(mentions, group, uf)
    for i, m in enumerate(mentions):  # "FDP" in "FDP-Chef" joins the FDP
        if m.kind == "related" and m.rule == "compound" and by_norm.get(norms[i]):
            uf.union(i, by_norm[norms[i]][0])

    # A key's display name ("geo:KP" → "Nordkorea") joins mentions of that surface
    # that carry no key of their own, e.g. from a model.
    for key, idxs in by_key.items():
        name = names.get(key)
        if name and key.startswith(_STRONG_KEYS):
            same = [i for i in by_norm.get(normalise(name), []) if not _strong_key(mentions[i])]
            uf.union_all([idxs[0], *same])

    if lang == "de":
        for norm, idxs in by_norm.items():
            for base in genitive_bases(norm):
                if base in by_norm and _compatible(mentions, idxs, by_norm[base]):
                    uf.union(idxs[0], by_norm[base][0])
                    break
        _join_adjective_inflections(mentions, by_norm, uf)

    _link_partial_names(mentions, lang, uf)
    _link_short_organisation_forms(mentions, norms, uf)
    _link_known_short_forms(mentions, by_norm, uf)

    clusters: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        clusters[uf.find(i)].append(i)
    entities = [_entity([mentions[i] for i in idxs], names, lang) for idxs in clusters.values()]
    entities.sort(key=lambda e: e.mentions[0].start)
    return _with_unique_ids(entities)


def _union_same_surface(mentions: Sequence[RawMention], group: list[int], uf: _UnionFind) -> None:
    """Same surface, same thing, unless two different places share a spelling."""
    by_strong: dict[str, list[int]] = defaultdict(list)
    for i in group:
        by_strong[_strong_key(mentions[i])].append(i)
    weak = by_strong.pop("", [])
    for members in by_strong.values():
        uf.union_all(members)
    anchor = next(iter(by_strong.values()), weak)
    uf.union_all([*anchor[:1], *weak])


def _compatible(mentions: Sequence[RawMention], a: list[int], b: list[int]) -> bool:
    keys_a = {_strong_key(mentions[i]) for i in a} - {""}
    keys_b = {_strong_key(mentions[i]) for i in b} - {""}
    return not keys_a or not keys_b or bool(keys_a & keys_b)


def _link_partial_names(mentions: Sequence[RawMention], lang: str, uf: _UnionFind) -> None:
    """Join "Selenskyj" to the one full name that starts or ends with it.

    Only person mentions (or the model's, which may mislabel a surname) take
    part, words are compared case-sensitively and all-caps tokens never
    link, so "UN" does not join "Kim Jong Un". Full names are indexed by
    their first and last word, so this stays linear in the mentions.
    """
    # edge word -> full name -> its mentions (a name repeats: compared once)
    by_edge: dict[str, dict[tuple[str, ...], list[int]]] = defaultdict(dict)
    for i, m in enumerate(mentions):
        words = tuple(m.text.split())
        if m.label == "PER" and m.kind == "mention" and len(words) >= 2:
            for edge in {words[0], words[-1]}:
                by_edge[edge].setdefault(words, []).append(i)
    if not by_edge:
        return
    for i, m in enumerate(mentions):
        if m.kind != "mention" or m.text.isupper() or _strong_key(m):
            continue
        if m.label != "PER" and m.source != "model":
            continue
        words = tuple(m.text.split())
        if not words:
            continue
        variants = {words}
        if lang == "de":
            variants.update((*words[:-1], base) for base in genitive_bases(words[-1]))
        match = _only_match(variants, by_edge, uf)
        if match is not None:
            uf.union(i, match)


def _only_match(
    variants: set[tuple[str, ...]],
    by_edge: dict[str, dict[tuple[str, ...], list[int]]],
    uf: _UnionFind,
) -> int | None:
    """The one cluster of full names that starts or ends with a variant; None if none or several."""
    found: int | None = None
    for v in variants:
        for edge in {v[0], v[-1]}:
            for name, members in by_edge.get(edge, {}).items():
                if len(name) > len(v) and (name[: len(v)] == v or name[-len(v) :] == v):
                    for j in members:
                        root = uf.find(j)
                        if found is None:
                            found = root
                        elif root != found:
                            return None  # two different people: no link
    return found


_ADJECTIVE_ENDING = re.compile(r"(?<=e)[nrsm]$")


def _adjective_base(norm: str) -> str:
    """ "deutschen bank" → "deutsche bank": declined adjectives before the head noun,
    and a genitive head ("roten kreuzes" → "rote kreuz"), reduced to one form."""
    words = norm.split()
    if len(words) < 2:
        return norm
    head = words[-1]
    bases = genitive_bases(head)
    head = min(bases, key=len) if bases else head
    return " ".join([*(_ADJECTIVE_ENDING.sub("", w) for w in words[:-1]), head])


def _join_adjective_inflections(
    mentions: Sequence[RawMention], by_norm: dict[str, list[int]], uf: _UnionFind
) -> None:
    """Join "Deutsche Bank", "Deutschen Bank" and "Deutschen Banks" (German only)."""
    by_base: dict[str, list[str]] = defaultdict(list)
    for norm in by_norm:
        if " " in norm:
            by_base[_adjective_base(norm)].append(norm)
    for forms in by_base.values():
        for other in forms[1:]:
            if _compatible(mentions, by_norm[forms[0]], by_norm[other]):
                uf.union(by_norm[forms[0]][0], by_norm[other][0])


def _link_short_organisation_forms(
    mentions: Sequence[RawMention], norms: list[str], uf: _UnionFind
) -> None:
    """Join "City" to "Manchester City" and "FDP" to "Freie Demokratische Partei".

    A one-word organisation (or model) mention joins the one multi-word
    organisation of the article that ends with it, or whose capitalised
    words' initials it spells. With two candidates it stays apart.
    """
    by_short: dict[str, list[int]] = defaultdict(list)  # last word or initials -> long forms
    for j, m in enumerate(mentions):
        words = m.text.split()
        if m.label == "ORG" and m.kind == "mention" and len(words) >= 2:
            by_short[words[-1]].append(j)
            initials = "".join(w[0] for w in words if w[:1].isupper())
            if len(initials) > 1:
                by_short[initials].append(j)
    if not by_short:
        return
    for i, m in enumerate(mentions):
        if m.kind != "mention" or " " in m.text or _strong_key(m) or m.text not in by_short:
            continue
        if m.label != "ORG" and m.source != "model":
            continue
        candidates = by_short[m.text]
        if not m.text.isupper():  # only an all-caps short form may be the initials
            candidates = [j for j in candidates if mentions[j].text.split()[-1] == m.text]
        matches = {uf.find(j) for j in candidates}
        if len(matches) == 1:
            uf.union(i, matches.pop())


def _link_known_short_forms(
    mentions: Sequence[RawMention], by_norm: dict[str, list[int]], uf: _UnionFind
) -> None:
    """Join "BVB" to "Borussia Dortmund" when the article has both (short_forms.toml).

    The short form joins the long form only if exactly one of its listed long
    forms is in the article, so "FCB" beside both Bayern and Barcelona stays apart.
    """
    from enrich.nlp.short_forms import long_forms

    table = long_forms()
    for i, m in enumerate(mentions):
        if m.kind != "mention" or m.text not in table or _strong_key(m):
            continue
        found = {
            uf.find(by_norm[norm][0])
            for name in table[m.text]
            if (norm := normalise(name)) in by_norm
        }
        if len(found) == 1:
            uf.union(i, found.pop())


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


def _name(members: list[RawMention], names: dict[str, str], lang: str) -> str:
    keys = {m.key for m in members if m.key}
    for prefix in _KEY_PREFERENCE:
        for key in sorted(keys):
            if key.startswith(prefix) and key in names:
                return names[key]
    direct = [m for m in members if m.kind == "mention"]
    if not direct:
        return members[0].text
    surfaces = {normalise(m.text) for m in direct}

    def score(m: RawMention) -> tuple[int, int, int, int]:
        norm = normalise(m.text)
        genitive = lang == "de" and any(b in surfaces for b in genitive_bases(norm))
        base = _adjective_base(norm) if lang == "de" else norm
        inflected = base != norm and base in surfaces  # "Deutschen Bank" beside "Deutsche Bank"
        return (not genitive, not inflected, len(norm.split()), -m.start)

    return max(direct, key=score).text


def _entity(members: list[RawMention], names: dict[str, str], lang: str) -> Entity:
    label = _vote(members)
    name = _name(members, names, lang)
    name_norm = normalise(name)
    seen = {name_norm}
    name_words = set(name_norm.split())
    aliases: list[str] = []
    for m in members:
        norm = normalise(m.text)
        if m.kind != "mention" or norm in seen:
            continue
        bases = genitive_bases(norm) if lang == "de" else []
        if any(b in seen or b in name_words for b in bases):
            continue  # "Nordkoreas", "Ruttes" are inflections, not aliases
        if lang == "de" and " " in norm and _adjective_base(norm) == _adjective_base(name_norm):
            continue  # "Deutschen Bank" too
        seen.add(norm)
        aliases.append(m.text)
    mentions = tuple(
        Mention(m.start, m.end, m.text, label, m.source, m.kind, m.rule) for m in members
    )
    keys = sorted({k for m in members if (k := _strong_key(m))})
    key = next((k for prefix in _STRONG_KEYS for k in keys if k.startswith(prefix)), "")
    return Entity("", name, label, mentions, tuple(aliases), key)


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
        result.append(dataclasses.replace(e, id=ident))
    return result
