"""Kontext's statistical NER as a spaCy component: a CRF over token features.

It sets ``doc.ents`` like spaCy's own ``ner``, so the merge step treats it
as "the model". The CRFsuite weights are a file inside the pipeline
directory, written by ``to_disk`` and read by ``from_disk``, so the bundled
model loads with plain ``spacy.load(path)``.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from enrich.nlp.components.common import token_strings

MODEL_FILE = "model.crfsuite"
_MAX_TOKENS = 400  # tag long texts in windows at sentence-like boundaries
_BOUNDARY = {".", "!", "?", "\n", "\n\n"}


@Language.factory("kontext_crf_ner", default_config={"lang": ""})
def make_crf_ner(nlp: Language, name: str, lang: str) -> CrfRecognizer:
    return CrfRecognizer(lang or nlp.lang)


def _windows(texts: list[str]) -> list[tuple[int, int]]:
    """Sentence-like token windows, so the CRF sees units like its training data."""
    windows, start = [], 0
    for i, text in enumerate(texts):
        boundary = text in _BOUNDARY or text.isspace()
        if boundary or i - start >= _MAX_TOKENS:
            windows.append((start, i + 1))
            start = i + 1
    if start < len(texts):
        windows.append((start, len(texts)))
    return windows


class CrfRecognizer:
    """Tags PER, LOC, ORG and MISC with a CRFsuite model."""

    def __init__(self, lang: str) -> None:
        # Imported here: crf_features uses the title lexicon of this package.
        from enrich.nlp import crf_features

        self.features = crf_features.sentence_features
        self.spans_from_tags = crf_features.spans_from_tags
        self.lang = lang
        self.path: Path | None = None
        self._tagger = None

    @property
    def tagger(self):  # type: ignore[no-untyped-def]
        if self._tagger is None:
            import pycrfsuite

            if self.path is None:
                raise ValueError("kontext_crf_ner has no model: load it from a pipeline directory")
            self._tagger = pycrfsuite.Tagger()
            self._tagger.open(str(self.path))
        return self._tagger

    def __call__(self, doc: Doc) -> Doc:
        texts, _ = token_strings(doc)
        ents: list[Span] = []
        for start, end in _windows(texts):
            words = [t for t in texts[start:end] if not t.isspace()]
            if not words:
                continue
            index = [k for k in range(start, end) if not texts[k].isspace()]
            tags = self.tagger.tag(self.features(words, self.lang))
            for a, b, label in self.spans_from_tags(tags):
                ents.append(Span(doc, index[a], index[b - 1] + 1, label=label))
        doc.ents = ents
        return doc

    def to_disk(self, path: Path, exclude: object = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.path is not None and self.path != path / MODEL_FILE:
            shutil.copyfile(self.path, path / MODEL_FILE)

    def from_disk(self, path: Path, exclude: object = ()) -> CrfRecognizer:
        self.path = Path(path) / MODEL_FILE
        self._tagger = None
        return self
