"""Kontext's statistical NER as a spaCy component: a CRF over token features.

It sets ``doc.ents`` like spaCy's own ``ner``, so the merge step treats it
as "the model". The CRFsuite model is a file inside the pipeline
directory, written by ``to_disk`` and read by ``from_disk``, so the bundled
model loads with plain ``spacy.load(path)``. Beside it, ``to_disk`` writes
the same weights for ``crf_tagger`` (numpy, several times faster on long
texts, same tags); a directory without them is tagged by CRFsuite itself.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from enrich.nlp.components.common import token_strings

# Sentences (lists of words) -> one BIO tag per word.
TagMany = Callable[[list[list[str]]], list[list[str]]]

MODEL_FILE = "model.crfsuite"
_MAX_TOKENS = 400  # tag long texts in windows at sentence-like boundaries
_BOUNDARY = {".", "!", "?", "\n", "\n\n"}


# ``scheme``: the tagging scheme the model was trained with (crf_features.SCHEMES).
# It is part of the pipeline's config.cfg; models saved before BILOU have no
# entry and get the default, BIO.
@Language.factory("kontext_crf_ner", default_config={"lang": "", "scheme": "BIO"})
def make_crf_ner(nlp: Language, name: str, lang: str, scheme: str) -> CrfRecognizer:
    return CrfRecognizer(lang or nlp.lang or "", scheme)


def _windows(texts: list[str]) -> list[tuple[int, int]]:
    """Sentence-like token windows, so the CRF sees units like its training data."""
    cuts = [i for i, text in enumerate(texts) if text in _BOUNDARY or text.isspace()]
    return _cut_windows(cuts, len(texts))


def _cut_windows(cuts: list[int], n: int) -> list[tuple[int, int]]:
    """Windows ending at each boundary token in ``cuts``, none longer than _MAX_TOKENS + 1."""
    windows, start = [], 0
    for cut in cuts:
        while cut - start > _MAX_TOKENS:  # no boundary for _MAX_TOKENS + 1 tokens
            windows.append((start, start + _MAX_TOKENS + 1))
            start += _MAX_TOKENS + 1
        windows.append((start, cut + 1))
        start = cut + 1
    while n - start > _MAX_TOKENS + 1:
        windows.append((start, start + _MAX_TOKENS + 1))
        start += _MAX_TOKENS + 1
    if start < n:
        windows.append((start, n))
    return windows


class CrfRecognizer:
    """Tags PER, LOC, ORG and MISC with a CRFsuite model."""

    def __init__(self, lang: str, scheme: str = "BIO") -> None:
        # Imported here: crf_features uses the title lexicon of this package.
        from enrich.nlp import crf_features

        if scheme not in crf_features.SCHEMES:
            raise ValueError(f"kontext_crf_ner: unknown tagging scheme {scheme!r}")
        self.features = crf_features.sentence_features
        self.spans_from_tags = (
            crf_features.spans_from_bilou if scheme == "BILOU" else crf_features.spans_from_bio
        )
        self.scheme = scheme
        self.lang = lang
        self.path: Path | None = None
        self._tag_many: TagMany | None = None

    @property
    def tag_many(self) -> TagMany:
        """sentences → tags, with the fastest tagger the model directory allows."""
        if self._tag_many is None:
            if self.path is None:
                raise ValueError("kontext_crf_ner has no model: load it from a pipeline directory")
            from enrich.nlp import crf_tagger

            if (self.path.parent / crf_tagger.WEIGHTS_FILE).is_file():
                self._tag_many = crf_tagger.VectorTagger(self.path.parent, self.lang).tag_many
            else:
                import pycrfsuite

                tagger = pycrfsuite.Tagger()
                tagger.open(str(self.path))
                features, lang = self.features, self.lang
                self._tag_many = lambda sentences: [
                    tagger.tag(features(words, lang)) for words in sentences
                ]
        return self._tag_many

    def __call__(self, doc: Doc) -> Doc:
        texts, _ = token_strings(doc)
        sentences: list[list[str]] = []
        indices: list[list[int]] = []
        # Boundaries from the token array (spaCy's IS_SPACE is ``str.isspace``):
        # no Python test per token.
        array = doc.to_array(["ORTH", "IS_SPACE"])
        blank_mask = array[:, 1] != 0
        strings = doc.vocab.strings
        boundary = np.isin(array[:, 0], [strings[b] for b in _BOUNDARY])
        cuts = np.flatnonzero(boundary | blank_mask).tolist()
        blank = set(np.flatnonzero(blank_mask).tolist())  # rare
        for start, end in _cut_windows(cuts, len(texts)):
            if not blank or blank.isdisjoint(range(start, end)):
                sentences.append(texts[start:end])
                indices.append(list(range(start, end)))
                continue
            index = [k for k in range(start, end) if k not in blank]
            if index:
                sentences.append([texts[k] for k in index])
                indices.append(index)
        ents: list[Span] = []
        for index, tags in zip(indices, self.tag_many(sentences), strict=True):
            for a, b, label in self.spans_from_tags(tags):
                ents.append(Span(doc, index[a], index[b - 1] + 1, label=label))
        doc.ents = ents
        return doc

    def to_disk(self, path: Path, exclude: object = ()) -> None:
        from enrich.nlp import crf_tagger

        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.path is None or self.path.parent == path:
            if self.path is not None and self.path.is_file():
                crf_tagger.export(self.path, path)
            return
        if self.path.is_file():
            shutil.copyfile(self.path, path / MODEL_FILE)
            crf_tagger.export(path / MODEL_FILE, path)
            return
        # An averaged model (training/bagging.py) is only its exported weights.
        for name in (crf_tagger.WEIGHTS_FILE, crf_tagger.ATTRIBUTES_FILE):
            shutil.copyfile(self.path.parent / name, path / name)

    def from_disk(self, path: Path, exclude: object = ()) -> CrfRecognizer:
        self.path = Path(path) / MODEL_FILE
        self._tag_many = None
        return self
