"""Benchmark texts: our own samples repeated, plus GermEval sentences when present.

No network, and nothing here is shipped to users.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path

from enrich.model import Article, Paragraph
from tui.cli.read_options import sample_path

GERMEVAL = Path(__file__).resolve().parents[2] / "shared" / "data" / "germeval2014"


def _germeval_paragraphs(limit_words: int) -> list[str]:
    """NER-de-test.tsv (our training file, never the held-out dev): ~8 sentences a paragraph."""
    path = GERMEVAL / "NER-de-test.tsv"
    if not path.is_file():
        return []
    paragraphs, sentence, group, words = [], [], [], 0
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        if not line.strip():
            if sentence:
                group.append(" ".join(sentence))
                words += len(sentence)
                sentence = []
            if len(group) == 8:
                paragraphs.append(" ".join(group))
                group = []
            if words >= limit_words:
                break
            continue
        cols = line.split("\t")
        if len(cols) > 1:
            sentence.append(cols[1])
    return paragraphs


def big_article(words: int, lang: str = "de") -> Article:
    """An article of about ``words`` words, paragraphs separated by blank lines."""
    sample = sample_path(lang).read_text(encoding="utf-8")
    sample_paras = [p for p in sample.split("\n\n") if p.strip()]
    extra = _germeval_paragraphs(words // 2) if lang == "de" else []
    paras: list[str] = []
    count, i = 0, 0
    while count < words:
        para = (
            extra[i // 2]
            if extra and i % 2 and i // 2 < len(extra)
            else sample_paras[i % len(sample_paras)]
        )
        paras.append(para)
        count += len(para.split())
        i += 1
    text = "\n\n".join(paras)
    offsets, pos = [], 0
    for para in paras:
        offsets.append(Paragraph(pos, pos + len(para)))
        pos += len(para) + 2
    return Article(text, f"{words} words", "bench", lang, tuple(offsets))


# Inputs that made spaCy's tokenizer quadratic before enrich.nlp.hostile_runs
# (issue 13): one run of a bracket, runs between sentences, typographic quotes,
# alternating punctuation, and whitespace-free tokens of punctuation and
# letters. Tokens are varied so spaCy's tokenizer cache does not hide the cost.
_PUNCT = "()[]{}.,;:!?„“\"'«»‚‘-/*+&%$#@"
_LETTERS = "abcdefghijklmnopqrstuvwxyzäöü"


def _repeat(unit: str) -> Callable[[int], str]:
    return lambda chars: (unit * (chars // len(unit) + 1))[:chars]


def _varied(alphabet: str, length: int) -> Callable[[int], str]:
    def make(chars: int) -> str:
        rng = random.Random(13)
        tokens, size = [], 0
        while size < chars:
            tokens.append("".join(rng.choice(alphabet) for _ in range(length)))
            size += length + 1
        return " ".join(tokens)[:chars]

    return make


HOSTILE: dict[str, Callable[[int], str]] = {
    "one run of '('": lambda chars: "Der " + "(" * (chars - 4),
    "runs of 19,000 '(' between sentences": _repeat(
        "Olaf Scholz sprach in Berlin. " + "(" * 19_000 + " "
    ),
    "run of '„'": _repeat("„"),
    "alternating '(.'": _repeat("(."),
    "100-character tokens of punctuation, all different": _varied(_PUNCT, 100),
    "40-character tokens of punctuation and letters": _varied(_PUNCT + _LETTERS, 40),
    "mixed quotes, brackets and words": _repeat("„(Merkel)“ »Paris« [[" * 3 + "x" * 40 + " "),
}


def hostile_article(kind: str, chars: int) -> Article:
    """``chars`` characters of hostile input ``kind`` (a HOSTILE key), one paragraph."""
    text = HOSTILE[kind](chars)
    return Article(text, kind, "bench", "de", (Paragraph(0, len(text)),))


def normal_article(chars: int) -> Article:
    """Ordinary article text cut to ``chars`` characters: the baseline for hostile ones."""
    words = max(chars // 6, 300)
    article = big_article(words)
    while len(article.text) < chars:
        words *= 2
        article = big_article(words)
    text = article.text[:chars]
    paragraphs = tuple(
        Paragraph(p.start, min(p.end, chars)) for p in article.paragraphs if p.start < chars
    )
    return Article(text, f"{chars} chars", "bench", "de", paragraphs)
