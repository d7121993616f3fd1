"""Coverage-guided fuzzing of the loaders with atheris (libFuzzer for Python).

Not part of the pytest run (the name does not start with ``test_``); run it by hand:

    pip install -e '.[fuzz]'
    python tests/fuzz/fuzz_loaders.py -max_total_time=300 tests/fuzz/corpus

Each input becomes a source for ``enrich.load_article``: standard input, or a
.txt, .md or .html file. A ``SourceError`` is a fine answer; any other
exception, or an Article whose paragraphs do not index its clean text, is a
finding (libFuzzer writes the input to ``crash-*``). The hypothesis tests in
tests/robustness/test_fuzz.py check the same properties on every CI run.
"""

from __future__ import annotations

import io
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from enrich.decoding import decode
    from enrich.errors import SourceError
    from enrich.extract import extract
    from enrich.loaders import load_article
    from enrich.text_clean import clean_text

KINDS = ("stdin", ".txt", ".md", ".html")
UNSAFE = {chr(c) for c in range(0x20) if chr(c) not in "\n\t"} | {chr(c) for c in range(0x7F, 0xA0)}
WORK = Path(tempfile.mkdtemp(prefix="kontext-fuzz-"))


def check(data: bytes, kind: str) -> None:
    """Load ``data`` as ``kind``; raise AssertionError if the result breaks an invariant."""
    try:
        if kind == "stdin":
            article = load_article("-", stdin=io.BytesIO(data), lang="de")
        else:
            path = WORK / f"artikel{kind}"
            path.write_bytes(data)
            article = load_article(str(path), lang="de")
    except SourceError as exc:
        assert str(exc) and "\n" not in str(exc), repr(str(exc))
        return
    text = article.text
    assert not UNSAFE & set(text), "control characters survived cleaning"
    assert "\n" not in article.title
    end = 0
    for p in article.paragraphs:
        assert end <= p.start < p.end <= len(text), (p, len(text))
        assert text[p.start : p.end] == text[p.start : p.end].strip()
        end = p.end


def test_one_input(raw: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(raw)
    kind = KINDS[fdp.ConsumeIntInRange(0, len(KINDS) - 1)]
    data = fdp.ConsumeBytes(fdp.remaining_bytes())
    check(data, kind)
    # The pieces on their own, as the loader uses them.
    warnings: list[str] = []
    try:
        decoded = clean_text(decode(data, "fuzz", None, warnings))
    except SourceError:
        return
    extract(decoded, "markdown", None)


def main() -> None:
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
