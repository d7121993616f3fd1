"""Viterbi tagging with a CRFsuite model's weights, vectorised with numpy.

CRFsuite's own tagger takes every feature of every token as a Python
string and looks it up one by one; on a long article that was the largest
single cost of annotation. A linear-chain CRF's score of a label at a token
is a sum of weights, one per feature, so the sums over a word's own
features (and over what it adds to its neighbours) can be cached per word.
What is left per token is a handful of array lookups, and Viterbi runs over
all sentences of a text at once. The weights are read exactly (float64)
from the model file CRFsuite wrote; tests check that the tags are the
same as CRFsuite's.
"""

from __future__ import annotations

import json
import struct
import threading
from pathlib import Path

import numpy as np

from enrich.nlp import crf_features

WEIGHTS_FILE = "weights.npz"
ATTRIBUTES_FILE = "attributes.json"
_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_MAX_PAIRS = 500_000  # bigram cache bound: a long-running reader sees many texts
_PAIR_CODE = 1 << 32  # a word pair's code: left row number * this + right row number
_FEATURE = np.dtype([("type", "<u4"), ("src", "<u4"), ("dst", "<u4"), ("weight", "<f8")])


def export(model_file: Path, out_dir: Path) -> None:
    """Write the weights and the attribute and label names of a CRFsuite model."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model_file))
    info = tagger.info()
    attributes = sorted(info.attributes, key=lambda a: int(info.attributes[a]))
    labels = sorted(info.labels, key=lambda label: int(info.labels[label]))
    data = Path(model_file).read_bytes()
    header = _HEADER.unpack_from(data)
    if header[0] != b"lCRF":
        raise ValueError(f"{model_file} is not a CRFsuite model")
    off_features = header[7]
    count = struct.unpack_from("<I", data, off_features + 8)[0]
    features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=off_features + 12)
    state = np.zeros((len(attributes) + 1, len(labels)))  # last row: unknown attribute
    trans = np.zeros((len(labels), len(labels)))
    kind = features["type"]
    state[features["src"][kind == 0], features["dst"][kind == 0]] = features["weight"][kind == 0]
    trans[features["src"][kind == 1], features["dst"][kind == 1]] = features["weight"][kind == 1]
    np.savez_compressed(out_dir / WEIGHTS_FILE, state=state, trans=trans)
    names = {"labels": labels, "attributes": attributes}
    (out_dir / ATTRIBUTES_FILE).write_text(json.dumps(names), encoding="utf-8")


def _add_except(target: np.ndarray, scores: np.ndarray, skip: np.ndarray) -> None:
    """``target += scores`` on the rows where ``skip`` is false (``scores`` is a copy)."""
    scores[skip] = 0.0
    target += scores


class _RowCache:
    """word → row of a growing score table.

    Safe for annotations running in several threads: rows are written
    under a lock, and a word's index is published only after its row.
    """

    def __init__(self, width: int) -> None:
        self.index: dict[str, int] = {}
        self.table = np.zeros((1024, width))
        self._lock = threading.Lock()

    def add(self, words: list[str], rows: np.ndarray) -> None:
        with self._lock:
            keep = [k for k, w in enumerate(words) if w not in self.index]  # another thread's
            words, rows = [words[k] for k in keep], rows[keep]
            size = len(self.index)
            table = self.table
            if size + len(words) > len(table):
                table = np.zeros((2 * (size + len(words)), table.shape[1]))
                table[:size] = self.table[:size]
            table[size : size + len(words)] = rows
            self.table = table
            for k, w in enumerate(words, start=size):
                self.index[w] = k

    def rows(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The words' rows, and their row numbers (stable: a word keeps its row)."""
        index = self.index
        positions = np.fromiter((index[w] for w in words), dtype=np.int64, count=len(words))
        return self.table[positions], positions  # read after the indices: their rows are in it


class VectorTagger:
    """Tags lists of words like ``pycrfsuite.Tagger.tag(sentence_features(...))``."""

    def __init__(self, model_dir: Path, lang: str) -> None:
        names = json.loads((model_dir / ATTRIBUTES_FILE).read_text(encoding="utf-8"))
        with np.load(model_dir / WEIGHTS_FILE) as weights:
            self.state = weights["state"]
            self.trans = weights["trans"]
        self.labels = np.asarray(names["labels"], dtype=object)
        self.ids = {a: i for i, a in enumerate(names["attributes"])}
        self.unknown = len(self.ids)
        self.lang = lang
        # Per word, five score rows side by side: the word's own features, what it
        # adds as a left and as a right neighbour, and as the word two to the
        # left and two to the right ("-2w=", "+2w="). Summed once per word.
        self._words = _RowCache(5 * len(self.labels))
        # Bigram attribute ids by word pair (coded by row numbers), so the pair's
        # strings are built once.
        self._pairs: dict[int, tuple[int, int]] = {}

    def _sum(self, features: tuple[str, ...]) -> np.ndarray:
        unknown = self.unknown
        total: np.ndarray = self.state[[self.ids.get(f, unknown) for f in features]].sum(axis=0)
        return total

    def _word_rows(self, word: str) -> np.ndarray:
        lang = self.lang
        return np.concatenate(
            (
                self._sum(crf_features._word_features(word, lang)),
                self._sum(crf_features._neighbour(word, "-1", lang)),
                self._sum(crf_features._neighbour(word, "+1", lang)),
                self._sum(("-2w=" + word.lower(),)),
                self._sum(("+2w=" + word.lower(),)),
            )
        )

    def _rows(self, words: list[str]) -> tuple[np.ndarray, np.ndarray]:
        """The five per-word score rows of every word (cached per word), and row numbers."""
        index = self._words.index
        new = [w for w in dict.fromkeys(words) if w not in index]
        if new:
            self._words.add(new, np.stack([self._word_rows(w) for w in new]))
        return self._words.rows(words)

    def _pair_ids(self, words: list[str], positions: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Attribute ids of "bi-=a|b" and "bi+=a|b" for each neighbouring pair (cached).

        A pair is coded by its words' row numbers, so each distinct pair of the
        text is looked up once (``np.unique``), not once per token.
        """
        pairs, ids, unknown = self._pairs, self.ids, self.unknown
        codes = positions[:-1] * _PAIR_CODE + positions[1:]
        distinct, first, inverse = np.unique(codes, return_index=True, return_inverse=True)
        found = np.empty((len(distinct), 2), dtype=np.int64)
        for j, (code, k) in enumerate(zip(distinct.tolist(), first.tolist(), strict=True)):
            hit = pairs.get(code)
            if hit is None:
                joined = f"{words[k].lower()}|{words[k + 1].lower()}"
                hit = (ids.get("bi-=" + joined, unknown), ids.get("bi+=" + joined, unknown))
                if len(pairs) < _MAX_PAIRS:
                    pairs[code] = hit
            found[j] = hit
        by_token = found[inverse.reshape(-1)]
        return by_token[:, 0], by_token[:, 1]

    def tag_many(self, sentences: list[list[str]]) -> list[list[str]]:
        """Tags for several sentences (each a non-empty word list) at once."""
        if not sentences:
            return []
        words = [w for s in sentences for w in s]
        lengths = np.fromiter((len(s) for s in sentences), dtype=np.int64, count=len(sentences))
        starts = np.concatenate(([0], np.cumsum(lengths)[:-1]))
        n = len(words)
        pos = np.arange(n) - np.repeat(starts, lengths)  # position inside its sentence
        size = np.repeat(lengths, lengths)
        first, last = pos == 0, pos == size - 1
        ids, unknown = self.ids, self.unknown
        # Scores of the words themselves and of their neighbours (cached per word).
        width = len(self.labels)
        rows, positions = self._rows(words)
        emit = rows[:, :width]
        left = rows[:, width : 2 * width]  # row k: word k as a left neighbour
        right = rows[:, 2 * width : 3 * width]
        # Each term is added where it applies and 0.0 elsewhere (exact: x + 0.0 == x),
        # in the same order as before, so the sums are bit-identical; zeroing the few
        # sentence edges is cheaper than boolean-mask reads and writes of every row.
        _add_except(emit[1:], left[:-1].copy(), first[1:])
        _add_except(emit[:-1], right[1:].copy(), last[:-1])
        # What depends on the position: sentence ends, bigrams, words two away.
        state = self.state
        if n > 1:
            bi_left, bi_right = self._pair_ids(words, positions)
            _add_except(emit[1:], state[bi_left], first[1:])
            _add_except(emit[:-1], state[bi_right], last[:-1])
        emit[first] += state[ids.get("BOS", unknown)]
        emit[last] += state[ids.get("EOS", unknown)]
        if n > 2:
            two_left = rows[:, 3 * width : 4 * width]  # row k: word k two to the left
            two_right = rows[:, 4 * width :]
            _add_except(emit[2:], two_left[:-2].copy(), pos[2:] <= 1)
            _add_except(emit[:-2], two_right[2:].copy(), pos[:-2] >= size[:-2] - 2)
        return self._viterbi(emit, starts, lengths)

    def _viterbi(
        self, emit: np.ndarray, starts: np.ndarray, lengths: np.ndarray
    ) -> list[list[str]]:
        """Best label paths of all sentences, stepping through positions together.

        Ties go to the lower label id, as in CRFsuite (strict ``<`` on a scan).
        """
        order = np.argsort(-lengths, kind="stable")  # longest first: active ones are a prefix
        lengths_sorted = lengths[order]
        starts_sorted = starts[order]
        longest = int(lengths_sorted[0])
        # covering[t]: how many sentences have a token at position t
        covering = np.searchsorted(-lengths_sorted, -np.arange(longest + 1), side="left")
        n_labels = self.trans.shape[0]
        back = np.zeros((longest, len(order), n_labels), dtype=np.int8)
        finals = np.zeros((len(order), n_labels))
        score = emit[starts_sorted]
        finals[lengths_sorted == 1] = score[lengths_sorted == 1]
        trans = self.trans[None, :, :]
        for t in range(1, longest):
            k = int(covering[t])
            cand = score[:k, :, None] + trans
            back[t, :k] = np.argmax(cand, axis=1)
            score = cand.max(axis=1)  # the value at the argmax, bit for bit
            score += emit[starts_sorted[:k] + t]
            ended = int(covering[t + 1])  # sentences [ended, k) have their last token at t
            finals[ended:k] = score[ended:]
        # Walk back from each sentence's best final label, all sentences together.
        current = np.argmax(finals, axis=1)
        flat = np.zeros(len(emit), dtype=np.int64)
        for t in range(longest - 1, -1, -1):
            k, k_next = int(covering[t]), int(covering[t + 1])
            if t + 1 < longest and k_next:
                current[:k_next] = back[t + 1, np.arange(k_next), current[:k_next]]
            flat[starts_sorted[:k] + t] = current[:k]
        tags = self.labels[flat].tolist()
        return [tags[a : a + n] for a, n in zip(starts.tolist(), lengths.tolist(), strict=True)]
