"""The annotation child process: same result as in-process, errors carried over,
a failed child falls back, and closing stops it at once."""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

import pytest

import enrich.samples
from enrich import KontextError, ModelError, annotate, load_article
from enrich.annotate_process import AnnotationCancelled, ChildAnnotator
from enrich.model import Annotation, Article
from tests.helpers import ChildSignal

SAMPLE = Path(enrich.samples.__file__).parent / "article-de.txt"


@pytest.fixture(scope="module")
def article() -> Article:
    return load_article(str(SAMPLE))


def test_child_finds_the_same_entities_as_the_reader_process(article: Article) -> None:
    in_child = ChildAnnotator()(article)
    here = annotate(article)
    assert in_child == here
    assert len(in_child.entities) > 10
    assert any(e.name == "NATO" for e in in_child.entities)
    assert not any("annotated in the reader" in w for w in in_child.warnings)


def test_a_model_error_in_the_child_reaches_the_caller_as_is(article: Article) -> None:
    with pytest.raises(ModelError) as raised:
        ChildAnnotator(model="no_such_pipeline_xyz")(article)
    assert "no_such_pipeline_xyz" in str(raised.value)


def test_a_crashed_child_falls_back_and_says_so(article: Article) -> None:
    calls: list[Article] = []

    def fallback(a: Article) -> Annotation:
        calls.append(a)
        return Annotation(a, "fallback", ())

    script = "import sys; sys.stderr.write('boom: out of memory\\n'); sys.exit(9)"
    crash = [sys.executable, "-c", script]
    result = ChildAnnotator(fallback=fallback, command=crash)(article)
    assert calls == [article]
    assert result.recognizer == "fallback"
    note = result.warnings[-1]
    assert "boom: out of memory" in note and "annotated in the reader" in note


def test_a_child_killed_by_a_signal_is_not_retried_in_the_reader(article: Article) -> None:
    """Killed (the kernel's answer to running out of memory): the same load would
    only take the reader down too."""
    calls: list[Article] = []
    suicide = [sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGKILL)"]
    annotator = ChildAnnotator(command=suicide, fallback=lambda a: calls.append(a))  # type: ignore[arg-type,func-returns-value]
    with pytest.raises(KontextError, match="killed"):
        annotator(article)
    assert calls == []


def test_a_child_that_cannot_start_falls_back(article: Article, tmp_path: Path) -> None:
    missing = [str(tmp_path / "no-python-here")]
    annotator = ChildAnnotator(fallback=lambda a: Annotation(a, "fallback", ()), command=missing)
    result = annotator(article)
    assert result.recognizer == "fallback"
    assert any("could not start" in w for w in result.warnings)


def test_close_stops_a_running_child_without_waiting(article: Article) -> None:
    started = ChildSignal()
    slow = started.slow_child()
    annotator = ChildAnnotator(command=slow, fallback=lambda a: Annotation(a, "fallback", ()))
    outcome: list[BaseException | Annotation] = []

    def run() -> None:
        try:
            outcome.append(annotator(article))
        except BaseException as error:
            outcome.append(error)

    thread = threading.Thread(target=run)
    thread.start()
    try:
        started.wait()  # the child has the article and is "working"
    finally:
        started.close()
    closing = time.monotonic()
    annotator.close()
    thread.join(10)
    assert not thread.is_alive()
    assert time.monotonic() - closing < 5
    assert len(outcome) == 1 and isinstance(outcome[0], AnnotationCancelled)
    with pytest.raises(AnnotationCancelled):
        annotator(article)
