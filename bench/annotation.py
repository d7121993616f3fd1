"""Annotation cases: throughput against spaCy's bare tokeniser, peak memory, model load."""

from __future__ import annotations

import json
import subprocess
import sys
import time

from bench.harness import Result, median_seconds
from bench.texts import HOSTILE, big_article, hostile_article, normal_article


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
            note=f"recognizer: {_recognizer(article.language)}",
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


def hostile_inputs(chars: int, repeat: int) -> list[Result]:
    """Annotation time of each hostile input against ordinary text of the same size.

    Issue 13's bound: any 1 MB input within 10 s, and within a constant factor
    of normal text (the ratio column).
    """
    from enrich import annotate

    annotate(big_article(300))  # load the pipeline outside the timing
    normal = normal_article(chars)
    cpu_started = time.process_time()
    base = median_seconds(lambda: annotate(normal), repeat)
    base_cpu = (time.process_time() - cpu_started) / repeat
    size = f"{chars / 1_000_000:g} MB" if chars >= 100_000 else f"{chars:,} chars"
    results = []
    for kind in HOSTILE:
        article = hostile_article(kind, chars)
        cpu_started = time.process_time()
        seconds = median_seconds(lambda article=article: annotate(article), repeat)
        cpu = (time.process_time() - cpu_started) / repeat
        per_mb = seconds * 1_000_000 / chars
        results.append(
            Result(
                f"annotate hostile input, {size}: {kind}",
                seconds,
                "s",
                baseline=base,
                baseline_name=f"ordinary article text, {size}",
                target="<= 10 s per MB",
                passed=per_mb <= 10.0,
                # CPU time as well: on a shared machine the wall time mostly measures the load.
                note=(
                    f"{per_mb:.2f} s per MB; CPU {cpu:.2f} s against {base_cpu:.2f} s "
                    f"for ordinary text (ratio {cpu / base_cpu:.2f})"
                ),
            )
        )
    return results


def _recognizer(lang: str) -> str:
    from enrich.nlp.pipeline import load_recognizer

    return load_recognizer(lang).description


_LOAD_SCRIPT = """
import time
start = time.perf_counter()
import spacy
import enrich.nlp.components
nlp = spacy.load(__import__("sys").argv[1])
nlp("Der Abgeordnete Lee Sung-kwon sprach in Seoul.")
print(time.perf_counter() - start)
"""


def model_load(repeat: int) -> list[Result]:
    """Fresh-process load of the bundled German model vs a blank German pipeline."""
    from enrich.nlp.pipeline import _bundled_model_dir

    path = _bundled_model_dir("de")
    if path is None:
        return []

    def fresh(target: str) -> float:
        out = subprocess.run(
            [sys.executable, "-c", _LOAD_SCRIPT, target], capture_output=True, text=True, check=True
        )
        return float(out.stdout.strip().splitlines()[-1])

    import statistics

    ours = statistics.median(fresh(str(path)) for _ in range(repeat))
    base = statistics.median(_blank_load() for _ in range(repeat))
    return [
        Result(
            "bundled German model: import + load + first doc",
            ours,
            "s",
            baseline=base,
            baseline_name="same for spacy.blank('de')",
            target="<= 1.5 s",
            passed=ours <= 1.5,
        )
    ]


_BLANK_SCRIPT = """
import time
start = time.perf_counter()
import spacy
nlp = spacy.blank("de")
nlp("Der Abgeordnete Lee Sung-kwon sprach in Seoul.")
print(time.perf_counter() - start)
"""


def _blank_load() -> float:
    out = subprocess.run(
        [sys.executable, "-c", _BLANK_SCRIPT], capture_output=True, text=True, check=True
    )
    return float(out.stdout.strip().splitlines()[-1])


_PEAK_SCRIPT = """
import json, resource, sys
from bench.texts import HOSTILE, big_article, hostile_article, normal_article
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
