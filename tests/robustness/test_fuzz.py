"""Property-based fuzzing (hypothesis) of the loaders, the recognizers and clustering.

Bounded (``max_examples``, no deadline) so the suite stays fast in CI; the
atheris target in tests/fuzz/ runs the loaders for as long as one likes.
Properties:
- loading any bytes, in any encoding, as text, Markdown or HTML gives an
  Article whose paragraphs index its clean text, or one ``SourceError`` line;
- annotating any text gives mentions with valid offsets
  (``text[start:end] == mention.text``) that never overlap one another.
"""

from __future__ import annotations

import io
import itertools
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrich import annotate, load_article
from enrich.errors import SourceError
from enrich.model import Annotation, Article, Label
from tests.robustness.hostile import unsafe_chars

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
CODECS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-32", "cp1252", "latin-1", "koi8-r"]

# Text that looks like news with hostile bits mixed in: names, markup, escapes, odd Unicode.
WORDS = [
    "Olaf Scholz", "Emmanuel Macron", "NATO", "Berlin", "Paris", "Nordkorea", "der", "die",
    "Präsident", "sagte", "am", "Dienstag", "in", "und", "President", "Joe Biden", "met", "the",
    "JCS", "Vereinigte Generalstab Südkoreas (JCS)", "KN-23", "240-mm-Raketenwerfer",
    "[bold]", "[/]", "[@click=app.quit]", "\x1b[2J", "\x1b]52;c;eA==\x07", "\u202e", "\u200b",
    "e\u0301", "\u0301\u0301\u0301", "🙂", "東京", "\t", "\n", "\n\n", ".", ",", "(", ")", "„", "“",
    "&amp;", "<p>", "</p>", "# ", "* ", "`", "---",
]  # fmt: skip
news_text = st.lists(
    st.one_of(st.sampled_from(WORDS), st.text(min_size=1, max_size=8)), min_size=1, max_size=60
).map(" ".join)


def assert_article_is_consistent(article: Article) -> None:
    text = article.text
    assert not unsafe_chars(text), "cleaned text has no controls, bidi or zero-width characters"
    assert "\n" not in article.title and not unsafe_chars(article.title)
    assert article.paragraphs
    previous = 0
    for p in article.paragraphs:
        assert previous <= p.start < p.end <= len(text)
        chunk = text[p.start : p.end]
        assert chunk == chunk.strip()
        previous = p.end


def assert_annotation_is_consistent(annotation: Annotation) -> None:
    text = annotation.article.text
    spans = []
    ids = set()
    for entity in annotation.entities:
        assert entity.id not in ids and entity.mentions
        ids.add(entity.id)
        assert entity.label in Label
        for m in entity.mentions:
            assert 0 <= m.start < m.end <= len(text)
            assert text[m.start : m.end] == m.text
            assert m.label in Label and m.kind in ("mention", "related")
            spans.append((m.start, m.end))
    spans.sort()
    for (_, end), (start, _) in itertools.pairwise(spans):
        assert start >= end, "mentions never overlap (kontext_merge resolves them)"


@FUZZ
@given(data=st.binary(max_size=3000))
def test_any_bytes_on_stdin_load_or_fail_in_one_line(data: bytes) -> None:
    try:
        article = load_article("-", stdin=io.BytesIO(data))
    except SourceError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert_article_is_consistent(article)


encoded_text = st.builds(
    lambda text, codec: text.encode(codec, errors="replace"), news_text, st.sampled_from(CODECS)
)


@FUZZ
@given(
    data=st.one_of(encoded_text, st.binary(max_size=2000)),
    suffix=st.sampled_from([".txt", ".md", ".html"]),
)
def test_bytes_in_any_encoding_and_format_load_consistently(
    tmp_path_factory: pytest.TempPathFactory, data: bytes, suffix: str
) -> None:
    path = tmp_path_factory.mktemp("fuzz") / f"artikel{suffix}"
    path.write_bytes(data)
    try:
        article = load_article(str(path), lang="de")
    except SourceError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert_article_is_consistent(article)


@FUZZ
@given(text=news_text, lang=st.sampled_from(["de", "en"]))
def test_recognizers_and_clustering_keep_offsets_valid(text: str, lang: str) -> None:
    try:
        article = load_article("-", stdin=io.BytesIO(text.encode()), lang=lang)
    except SourceError:
        return  # nothing readable: covered by the loader properties
    annotation = annotate(article)  # bundled model, rules and the bundled glossary
    assert_annotation_is_consistent(annotation)


@FUZZ
@given(text=news_text)
def test_rules_only_pipeline_keeps_offsets_valid(text: str) -> None:
    try:
        article = load_article("-", stdin=io.BytesIO(text.encode()), lang="de")
    except SourceError:
        return
    assert_annotation_is_consistent(annotate(article, model="rules"))


def test_offsets_stay_valid_across_chunk_boundaries(tmp_path: Path) -> None:
    """A paragraph longer than a chunk (20,000 characters) is cut; offsets must not drift."""
    sentence = (
        "Der Präsident Olaf Scholz traf den Vereinigten Generalstab Südkoreas (JCS) in Seoul. "
    )
    path = tmp_path / "lang.txt"
    path.write_text(sentence * 600 + "\n\n" + "Die NATO tagt in Berlin. " * 900, encoding="utf-8")
    annotation = annotate(load_article(str(path)))
    assert_annotation_is_consistent(annotation)
    names = {e.name for e in annotation.entities}
    assert {"Olaf Scholz", "NATO", "Berlin"} <= names
