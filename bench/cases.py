"""Benchmark cases. Each returns Results; more cases arrive with later features."""

from __future__ import annotations

import json
import subprocess
import sys

from bench.harness import Result, median_seconds
from bench.texts import big_article


def annotate_throughput(words: int, repeat: int) -> list[Result]:
    """Words/s of enrich.annotate vs spacy.blank tokenisation of the same paragraphs."""
    import spacy

    from enrich import annotate

    article = big_article(words)
    n_words = len(article.text.split())
    annotate(big_article(300))  # load the pipeline and gazetteers outside the timing
    blank = spacy.blank(article.language)
    paragraphs = article.paragraph_texts()

    t_annotate = median_seconds(lambda: annotate(article), repeat)
    t_blank = median_seconds(lambda: list(blank.pipe(paragraphs)), repeat)
    ours, base = n_words / t_annotate, n_words / t_blank
    ratio = ours / base
    return [
        Result(
            f"annotate {n_words:,} words (wall)",
            t_annotate,
            "s",
            note="recognizer: rules (no statistical model yet)",
        ),
        Result(
            "annotate throughput",
            ours,
            "words/s",
            baseline=base,
            baseline_name="spacy.blank tokeniser",
            target="ratio >= 0.10",
            passed=ratio >= 0.10,
        ),
    ]


_PEAK_SCRIPT = """
import json, resource, sys
from bench.texts import big_article
from enrich import annotate
annotate(big_article(int(sys.argv[1])))
print(json.dumps(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024))
"""


def annotate_peak_memory(words: int) -> list[Result]:
    """Peak RSS of a fresh process that annotates the big text once."""
    out = subprocess.run(
        [sys.executable, "-c", _PEAK_SCRIPT, str(words)],
        capture_output=True,
        text=True,
        check=True,
    )
    baseline = subprocess.run(
        [sys.executable, "-c", _PEAK_SCRIPT, "300"], capture_output=True, text=True, check=True
    )
    return [
        Result(
            f"annotate peak RSS ({words:,} words)",
            json.loads(out.stdout.splitlines()[-1]),
            "MB",
            baseline=json.loads(baseline.stdout.splitlines()[-1]),
            baseline_name="same process on a 300-word text",
        )
    ]
