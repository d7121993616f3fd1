"""Token features for Kontext's CRF recognizer.

A linear-chain CRF over hand-made features beat a small spaCy CNN on our
5,000 training sentences (see docs/model-card.md). The features are the
classic ones (word, affixes, shape, neighbours) plus what Kontext already
knows: gazetteer membership (countries, cities, regions), demonyms and
person titles. Training and tagging share this one function, so they can
never drift apart.
"""

from __future__ import annotations

import functools
import itertools
import re

from enrich.nlp import brown_clusters, name_lists, word_clusters
from enrich.nlp.components.titles import is_title
from enrich.nlp.places import adjective_key, place_tables

_DIGIT = re.compile(r"\d")


_SHAPE_TABLE = str.maketrans(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÜabcdefghijklmnopqrstuvwxyzäöüß0123456789",
    "X" * 29 + "x" * 30 + "d" * 10,
)


@functools.lru_cache(maxsize=200_000)
def shape(word: str) -> str:
    """Compressed word shape: "Nordkorea" → "Xxx", "240-mm" → "dd-xx".

    Runs of one character are cut to two. ``str.translate`` instead of three
    regex passes: this is the hottest feature (the rare non-ASCII digit
    still takes the regex route, so shapes stay exactly as in training).
    """
    mapped = word.translate(_SHAPE_TABLE)
    if not mapped.isascii() and any(c.isdigit() for c in mapped):
        mapped = _DIGIT.sub("d", mapped)
    out: list[str] = []
    for char, run in itertools.groupby(mapped):
        out.append(char * min(2, sum(1 for _ in run)))
    return "".join(out)


@functools.cache
def _gazetteer(lang: str) -> dict[str, frozenset[str]]:
    """token → {"Bcou", "Icit", ...} for every token of every gazetteer name."""
    tables = place_tables(lang)
    tags: dict[str, set[str]] = {}
    for name, place in tables.names.items():
        for j, part in enumerate(name.split()):
            tags.setdefault(part, set()).add(("B" if j == 0 else "I") + place.kind[:3])
    return {k: frozenset(v) for k, v in tags.items()}


# Languages whose models see the parts of a hyphenated compound ("Gutenberg-
# Universität": first part "gutenberg", head "universität" and the head's Brown
# prefix): German names many organisations and works this way (docs/model-card.md,
# fifth version: with BILOU tags they added 0.4 on the held-out 5%). The English
# model was trained without them.
COMPOUND_LANGS = frozenset({"de"})


def _compound_features(word: str, lang: str) -> list[str]:
    parts = [p for p in word.split("-") if p]
    if len(parts) < 2 or lang not in COMPOUND_LANGS:
        return []
    head = parts[-1]
    f = [f"hyf={parts[0].lower()}", f"hyl={head.lower()}", f"hyt={head[:1].isupper()}"]
    brown = brown_clusters.prefixes(head, lang)
    f.extend(f"hyb={p}" for p in brown[1:3])
    return f


@functools.lru_cache(maxsize=200_000)
def _word_features(word: str, lang: str) -> tuple[str, ...]:
    """Features of a word on its own; cached, since words repeat across a text."""
    gazetteer = _gazetteer(lang)
    low = word.lower()
    f = [
        "b",
        f"w={low}",
        f"s2={low[-2:]}",
        f"s3={low[-3:]}",
        f"s4={low[-4:]}",
        f"p3={low[:3]}",
        f"p4={low[:4]}",
        f"sh={shape(word)}",
        f"up={word.isupper()}",
        f"ti={word[:1].isupper()}",
        f"dg={any(c.isdigit() for c in word)}",
        f"hy={'-' in word}",
        f"len={min(len(word), 12)}",
    ]
    f.extend("gaz=" + g for g in sorted(gazetteer.get(word, ())))  # sorted: byte-stable models
    if word.endswith("s") and word[:-1] in gazetteer:
        f.append("gazgen")
    if adjective_key(word, lang):
        f.append("demonym")
    clusters = word_clusters.load(lang).get(word)
    if clusters:
        f.extend(f"c{k}={c}" for k, c in zip(word_clusters.GRANULARITIES, clusters, strict=True))
    else:
        f.append("c=none")
    if word in name_lists.load(name_lists.FIRST_FILE):
        f.append("fn")
    if word in name_lists.load(name_lists.LAST_FILE):
        f.append("ln")
    brown = brown_clusters.prefixes(word, lang)
    f.extend(["bc=" + p for p in brown] if brown else ["bc=none"])
    if "-" in word:
        f.extend(_compound_features(word, lang))
    return tuple(f)


@functools.lru_cache(maxsize=200_000)
def _neighbour(word: str, prefix: str, lang: str) -> tuple[str, ...]:
    """What a word contributes to its neighbours' features (cached likewise)."""
    low = word.lower()
    clusters = word_clusters.load(lang).get(word)
    f = [
        f"{prefix}w={low}",
        f"{prefix}sh={shape(word)}",
        f"{prefix}s3={low[-3:]}",
        f"{prefix}t={word[:1].isupper()}",
        f"{prefix}c200={clusters[1] if clusters else 'none'}",
    ]
    if word in name_lists.load(name_lists.FIRST_FILE):
        f.append(f"{prefix}fn")
    brown = brown_clusters.prefixes(word, lang)
    f.extend(f"{prefix}bc={p}" for p in brown[1:3])  # the 6- and 10-step prefixes
    if prefix == "-1" and is_title(word, lang):
        f.append("-1title")
    return tuple(f)


def sentence_features(tokens: list[str], lang: str) -> list[list[str]]:
    """One feature list per token.

    Per-word parts come from caches; the per-token strings are built in
    whole-list passes. The order of features is fixed (it decides
    CRFsuite's attribute ids). ``crf_tagger`` sums the same features' weights
    without building these lists; a test checks both give the same tags.
    """
    n = len(tokens)
    lows = [t.lower() for t in tokens]
    words = [_word_features(t, lang) for t in tokens]
    left = [_neighbour(t, "-1", lang) for t in tokens[:-1]]  # token i's view of token i-1
    right = [_neighbour(t, "+1", lang) for t in tokens[1:]]  # token i's view of token i+1
    pairs = [f"{a}|{b}" for a, b in itertools.pairwise(lows)]
    bi_left = ["bi-=" + p for p in pairs]
    bi_right = ["bi+=" + p for p in pairs]
    two_left = ["-2w=" + low for low in lows]
    two_right = ["+2w=" + low for low in lows]
    out: list[list[str]] = []
    for i in range(n):
        if 1 < i < n - 2:  # the common case, in one expression
            out.append(
                [
                    *words[i],
                    *left[i - 1],
                    bi_left[i - 1],
                    *right[i],
                    bi_right[i],
                    two_left[i - 2],
                    two_right[i + 2],
                ]
            )
            continue
        f = [*words[i]]
        f += ("BOS",) if i == 0 else (*left[i - 1], bi_left[i - 1])
        f += ("EOS",) if i == n - 1 else (*right[i], bi_right[i])
        if i > 1:
            f.append(two_left[i - 2])
        if i < n - 2:
            f.append(two_right[i + 2])
        out.append(f)
    return out


# Groups of features, by the prefixes of their names, that a member of an averaged
# model can be trained without ("feature bagging", Sutton, Sindelar & McCallum 2006):
# a CRF that cannot lean on a group learns to use the others, and the average of
# both generalises better (docs/model-card.md, seventh version). Tagging always
# computes every feature; a member simply has no weight for the group it lacked.
FEATURE_GROUPS: dict[str, tuple[str, ...]] = {
    # Brown and distributional clusters of the word, its neighbours and a compound's head.
    "clusters": (
        "bc=",
        "-1bc=",
        "+1bc=",
        "c=",
        "c50=",
        "c200=",
        "c800=",
        "-1c200=",
        "+1c200=",
        "hyb=",
    ),
    # The word's own spelling: the word, its affixes, a compound's first part and head.
    "spelling": ("w=", "s2=", "s3=", "s4=", "p3=", "p4=", "-1s3=", "+1s3=", "hyf=", "hyl="),
}


def without_groups(features: list[list[str]], groups: tuple[str, ...]) -> list[list[str]]:
    """``features`` (one list per token) minus every feature of the named groups."""
    if not groups:
        return features
    drop = tuple(prefix for group in groups for prefix in FEATURE_GROUPS[group])
    return [[f for f in token if not f.startswith(drop)] for token in features]


# Tagging schemes. BIO marks a name's first word (B-) and the rest (I-);
# BILOU also marks its last word (L-) and one-word names (U-), which gives
# the CRF separate weights for name ends (Ratinov & Roth 2009). A model
# directory records its scheme in the component's config ("BIO" when absent).
SCHEMES = ("BIO", "BILOU")


def bio_tags(n_tokens: int, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n_tokens
    for start, end, label in spans:
        tags[start] = f"B-{label}"
        for k in range(start + 1, end):
            tags[k] = f"I-{label}"
    return tags


def bilou_tags(n_tokens: int, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n_tokens
    for start, end, label in spans:
        if end - start == 1:
            tags[start] = f"U-{label}"
            continue
        tags[start] = f"B-{label}"
        for k in range(start + 1, end - 1):
            tags[k] = f"I-{label}"
        tags[end - 1] = f"L-{label}"
    return tags


def tags_for(n_tokens: int, spans: list[tuple[int, int, str]], scheme: str) -> list[str]:
    """Training tags of a sentence in ``scheme`` ("BIO" or "BILOU")."""
    if scheme == "BILOU":
        return bilou_tags(n_tokens, spans)
    if scheme == "BIO":
        return bio_tags(n_tokens, spans)
    raise ValueError(f"unknown tagging scheme {scheme!r} (one of {', '.join(SCHEMES)})")


def spans_from_tags(tags: list[str], scheme: str = "BIO") -> list[tuple[int, int, str]]:
    """Token spans from predicted tags, in the model's scheme."""
    if scheme == "BILOU":
        return spans_from_bilou(tags)
    return spans_from_bio(tags)


def spans_from_bio(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans from predicted BIO tags (a stray I- starts a span).

    Tags are "O", "B-X" or "I-X"; "O" is compared first, since it is most tags.
    """
    if tags.count("O") == len(tags):  # most sentences: no names, nothing to walk
        return []
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        if tag == "O":
            if start >= 0:
                spans.append((start, i, label))
                start = -1
        elif tag[0] != "I" or start < 0 or tag[2:] != label:
            if start >= 0:
                spans.append((start, i, label))
            start, label = i, tag[2:]
    if start >= 0:
        spans.append((start, len(tags), label))
    return spans


def spans_from_bilou(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans from predicted BILOU tags, sensible even for invalid sequences.

    B- and U- start a span; L- and U- end one. A stray I- or L- (no open span
    of its label) starts a span, as a stray I- does in BIO; a span left open
    by O, a new B-/U- or the sentence end ends there. So "B-X O" is a
    one-word X, and "I-X L-X" a two-word X.
    """
    if tags.count("O") == len(tags):
        return []
    spans: list[tuple[int, int, str]] = []
    start, label = -1, ""
    for i, tag in enumerate(tags):
        if tag == "O":
            if start >= 0:
                spans.append((start, i, label))
                start = -1
            continue
        kind, tag_label = tag[0], tag[2:]
        if kind in "BU" or start < 0 or tag_label != label:
            if start >= 0:
                spans.append((start, i, label))
            start, label = i, tag_label
        if kind in "LU":
            spans.append((start, i + 1, label))
            start = -1
    if start >= 0:
        spans.append((start, len(tags), label))
    return spans
