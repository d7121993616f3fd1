"""The words around an entity in one article: what makes two "JCS" the same JCS.

A Wikipedia choice is stored with a small bag of the content words of the
sentences around the entity's mentions (lowercased, crude six-letter stems so
"Südkoreas" meets "Südkorea", stop words and the entity's own words out, the
``TOP`` most frequent). A later article carries the choice over only when its
bag around the same name is similar enough (cosine of the counts).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping

TOP = 30
# Cosine at or above which two contexts are "similar". Chosen on our own texts
# (tests/enrich/index/test_context.py and the three sessions of its conftest): pairs
# of articles on the same story that share any content word scored 0.11-0.57, pairs
# on different subjects (Korean military, a chemistry journal, a handball club) 0.00.
# 0.1 keeps every same-story pair with a shared word; one shared word in a long text
# about something else stays below it.
SIMILAR = 0.1
_WINDOW = 1  # sentences before and after a mention's own
_WORD_RE = re.compile(r"[^\W\d_]{4,}")  # four letters or more: most function words drop out
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
_STOP = frozenset(
    "der die das dem den des ein eine einer eines einem einen und oder aber auch sich nicht "
    "mit von vom zum zur für über unter nach noch wird wurde wurden werden sind sein seine "
    "ihre ihren ihrem ihrer hatte haben heute dass wenn sowie bereits gegen teilte mitteilte "
    "laut beim bei durch dieser diese dieses diesem diesen jener sehr schon mehr kein keine "
    "hier dort wieder erneut eines einem dann denn weil weiter weitere weiteren nach nun als "
    "wie war waren ist hat sagte sagt nannte am im an auf aus bis "
    "the and with from that this have were their which about after into been also over "
    "said says will would there than more most such they them these those what when where "
    "while other some only very just being because".split()
)


def stems(text: str) -> list[str]:
    """Content words of ``text``, lowercased and cut to six letters, in order."""
    return [w[:6] for w in _WORD_RE.findall(text.casefold()) if w not in _STOP]


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def context_bag(
    text: str, spans: Iterable[tuple[int, int]], own: Iterable[str] = (), top: int = TOP
) -> dict[str, int]:
    """The ``top`` commonest content words in the sentences around ``spans`` of ``text``,
    leaving out the words of ``own`` (the entity's names: every candidate shares them)."""
    sentences = _sentences(text)
    picked: set[int] = set()
    for start, _end in spans:
        for i, (s, e) in enumerate(sentences):
            if s <= start < e or (start < s and i == 0):
                picked.update(range(max(0, i - _WINDOW), min(len(sentences), i + _WINDOW + 1)))
                break
    skip = {w for name in own for w in stems(name)}
    counts = Counter(w for i in sorted(picked) for w in stems(text[slice(*sentences[i])]))
    for w in skip:
        counts.pop(w, None)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return dict(ranked[:top])


def similarity(a: Mapping[str, int], b: Mapping[str, int]) -> float:
    """Cosine of two bags of counts: 0 (nothing shared) to 1 (same proportions)."""
    dot = sum(n * b.get(w, 0) for w, n in a.items())
    if not dot:
        return 0.0
    norm = math.sqrt(sum(n * n for n in a.values())) * math.sqrt(sum(n * n for n in b.values()))
    return dot / norm
