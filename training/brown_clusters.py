"""Brown clusters for the CRF, from spaCy's lookup tables (MIT), as a small shipped table.

    pip install -e '.[train]'          # spacy-lookups-data: build time only
    python -m training.brown_clusters --lang de   # and --lang en

spaCy's authors clustered a million words of each language from large
corpora (``spacy-lookups-data``, MIT license, Copyright (C) 2019 ExplosionAI
GmbH). A Brown cluster is a path in a binary tree: words that share a long
prefix of the path occur in similar contexts (surnames, cities, companies,
parties, German states each sit in their own subtrees). The CRF reads
prefixes of several lengths, so it can generalise from a name it saw to
one it never saw. Kontext keeps only the most frequent words (by the
package's word probabilities) in ``enrich/nlp/lexicons/brown-<lang>.tsv.gz``,
as ``word<TAB>cluster``; the package is never imported at run time.

The package stores each path reversed, as an integer, so the first ``k``
steps of the path are the integer's lowest ``k`` bits.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

from enrich.nlp.brown_clusters import table_path

TOP_WORDS = 250_000
_NOTICE = (
    "# Brown clusters of the {n} most frequent words, derived from spacy-lookups-data {version}\n"
    "# ({lang}_lexeme_cluster.json.gz, ranked by {lang}_lexeme_prob.json.gz).\n"
    "# spacy-lookups-data: MIT License, Copyright (C) 2019 ExplosionAI GmbH.\n"
    "# Rebuild: python -m training.brown_clusters --lang {lang}\n"
)


def build(lang: str, top: int = TOP_WORDS) -> tuple[dict[str, int], str]:
    """word → cluster for the ``top`` most probable words (needs spacy-lookups-data)."""
    import importlib.metadata

    import spacy_lookups_data

    data = Path(spacy_lookups_data.__file__).parent / "data"
    with gzip.open(data / f"{lang}_lexeme_cluster.json.gz", "rt", encoding="utf-8") as fh:
        clusters: dict[str, int] = json.load(fh)
    with gzip.open(data / f"{lang}_lexeme_prob.json.gz", "rt", encoding="utf-8") as fh:
        probs: dict[str, float] = json.load(fh)
    words = [w for w in clusters if w and not any(c.isspace() for c in w)]
    words.sort(key=lambda w: (-probs.get(w, -99.0), w))
    return {w: int(clusters[w]) for w in words[:top]}, importlib.metadata.version(
        "spacy-lookups-data"
    )


def write_table(table: dict[str, int], lang: str, version: str, path: Path) -> None:
    """Sorted, gzip'd with a fixed mtime, so the same input gives the same bytes."""
    lines = [f"{w}\t{c}\n" for w, c in sorted(table.items())]
    body = _NOTICE.format(n=len(table), version=version, lang=lang) + "".join(lines)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(body.encode("utf-8"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.brown_clusters", description=__doc__)
    parser.add_argument("--lang", default="de", choices=["de", "en"])
    parser.add_argument("--top", type=int, default=TOP_WORDS)
    args = parser.parse_args(argv)
    table, version = build(args.lang, args.top)
    path = table_path(args.lang)
    write_table(table, args.lang, version, path)
    print(f"{len(table)} words → {path} ({path.stat().st_size:,} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
