"""German words that are not names on their own, learned from the training split.

    python -m training.common_nouns --data ../shared/data

German capitalises every noun, so a sentence-initial "Nacht" or "Woche"
looks like a name to a model. A word that the annotated training data
shows capitalised inside a sentence at least three times, and inside a name
(or a ``deriv``/``part`` span) in at most 15% of its uses, is a common noun or
another non-name. So is a lowercase word
("solange", "jede") whose capitalised form the data shows only at sentence
starts (listed lowercase). The list comes from GermEval 2014 train + test
minus the validation split that ``training.train`` holds out (CC BY 4.0,
credited in the file and in docs/model-card.md); dev is never read.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from enrich.nlp import name_lists
from enrich.nlp.common_nouns import FILE, GENERIC_FILE, LEXICON_DIR, NON_NAMES_FILE
from training.train import SEED, load_splits

MIN_COUNT = 3
MAX_NAME_SHARE = 0.15  # "Zeit" is also in the name "Die Zeit", now and then
_NOTICE = (
    "# Lowercase: words capitalised only at sentence starts. Capitalised: words seen\n"
    "# at least {n} times mid-sentence and rarely (<= 15%) in a name, in\n"
    "# GermEval 2014 train + test (Benikova, Biemann, Reznicek 2014; CC BY 4.0), minus the\n"
    "# seeded validation split. Rebuild: python -m training.common_nouns\n"
)


_NON_NAMES_NOTICE = (
    "# Capitalised and all-caps words (first and last names and acronyms included) seen\n"
    "# at least {n} times mid-sentence and rarely (<= 15%) in a name, in GermEval 2014\n"
    "# train + test (Benikova, Biemann, Reznicek 2014; CC BY 4.0), minus the seeded\n"
    "# validation split. Rebuild: python -m training.common_nouns\n"
)
_GENERIC_NOTICE = (
    "# Capitalised words seen mid-sentence outside a name at least 5 times and in at\n"
    "# least a third of their uses, in GermEval 2014 train + test (Benikova, Biemann,\n"
    "# Reznicek 2014; CC BY 4.0), minus the seeded validation split. Rebuild: python -m\n"
    "# training.common_nouns\n"
)


def _counts(data: Path, seed: int) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """(plain, named, caps): mid-sentence uses outside names, uses in names, all-caps uses."""
    sentences = load_splits(data, "de", [], seed).train
    plain: Counter[str] = Counter()
    named: Counter[str] = Counter()
    caps: Counter[str] = Counter()
    for s in sentences:
        inside = {i for a, b, _ in s.spans for i in range(a, b)}
        inside |= {i for a, b in s.ignored for i in range(a, b)}
        for i, token in enumerate(s.tokens):
            if i in inside:
                named[token] += 1
            elif not token.isalpha():
                continue
            elif token.isupper():
                caps[token] += 1
            elif token[:1].islower() or (i > 0 and s.tokens[i - 1][:1].isalnum()):
                plain[token] += 1  # capitalised words count only right after a word
    return plain, named, caps


def build_non_names(data: Path, seed: int = SEED) -> list[str]:
    """Words the rules must not make a name on their own ("Gold", "Kaiser", "WM").

    The same test as for common nouns, but first and last names and all-caps
    words are not exempt: the gazetteer ("Gold" is a place somewhere), the
    acronym rule and the first-name extension ("Kaiser" is a first name in
    some locale) have no context, the model has.
    """
    plain, named, caps = _counts(data, seed)
    words = [
        w
        for w, c in [*plain.items(), *caps.items()]
        if len(w) > 1 and w[:1].isupper() and c >= MIN_COUNT and named[w] <= c * MAX_NAME_SHARE
    ]
    return sorted(words)


def build_generic_nouns(data: Path, seed: int = SEED) -> list[str]:
    """Nouns that end many names but mostly mean the thing: "Bank", "Zeitung", "Club".

    Seen mid-sentence outside a name at least five times, and in at least a
    third of their uses. "City" (4 of 24) and "Union" (8 of 71) are not: after
    "Manchester City" a lone "City" is the club.
    """
    plain, named, _caps = _counts(data, seed)
    return sorted(
        w for w, c in plain.items() if w[:1].isupper() and c >= 5 and c * 3 >= c + named[w]
    )


def build(data: Path, seed: int = SEED) -> list[str]:
    plain, named, _caps = _counts(data, seed)
    first = name_lists.load(name_lists.FIRST_FILE)
    last = name_lists.load(name_lists.LAST_FILE)
    nouns = [
        w
        for w, c in plain.items()
        if w[:1].isupper()
        and c >= MIN_COUNT
        and named[w] <= c * MAX_NAME_SHARE
        and w not in first
        and w not in last
    ]
    # Lowercase words ("solange", "jede") whose capitalised form appears only at a
    # sentence start: a capitalised "Solange" there is the word, not a name.
    function_words = [
        w
        for w, c in plain.items()
        if w[:1].islower()
        and c >= MIN_COUNT
        and plain[w.capitalize()] <= c * 0.02
        and named[w.capitalize()] == 0
    ]
    return sorted([*nouns, *function_words])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.common_nouns", description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    args = parser.parse_args(argv)
    words = build(args.data)
    path = LEXICON_DIR / FILE
    path.write_text(_NOTICE.format(n=MIN_COUNT) + "\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} words → {path}")
    others = build_non_names(args.data)
    path = LEXICON_DIR / NON_NAMES_FILE
    text = _NON_NAMES_NOTICE.format(n=MIN_COUNT) + "\n".join(others) + "\n"
    path.write_text(text, encoding="utf-8")
    print(f"{len(others)} words → {path}")
    generic = build_generic_nouns(args.data)
    path = LEXICON_DIR / GENERIC_FILE
    path.write_text(_GENERIC_NOTICE + "\n".join(generic) + "\n", encoding="utf-8")
    print(f"{len(generic)} words → {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
