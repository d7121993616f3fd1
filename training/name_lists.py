"""First-name and surname lists for the CRF, derived from Faker (MIT license).

    pip install -e '.[train]'   # faker: only to rebuild the lists, never at run time
    python -m training.name_lists

Most missed people in GermEval are names the model never saw in training. A
token that is a known first name, or that follows one, is strong evidence
for PER; the CRF weighs that evidence against the context (many first
names are also places or words). Faker's person providers hold curated
first and last names for some 80 locales; we keep the Latin-script ones.
Faker is MIT-licensed, so the derived lists ship with its copyright notice
(in each file's header) and are credited in docs/model-card.md.
"""

from __future__ import annotations

import argparse
import importlib
import importlib.metadata
import pkgutil
import re
import sys
from collections.abc import Collection
from pathlib import Path

from enrich.nlp.name_lists import FIRST_FILE, LAST_FILE, LEXICON_DIR

_LATIN_NAME = re.compile(r"^[A-ZÄÖÜÀ-Þ][a-zäöüßà-ÿā-ž]+(-[A-ZÄÖÜÀ-Þ][a-zäöüßà-ÿā-ž]+)?$")
_NOTICE = """\
# Derived from Faker {version} (faker.providers.person.*), Latin-script names only.
# Rebuild: python -m training.name_lists
# Faker: Copyright (c) 2012 Daniele Faraglia. MIT License:
# Permission is hereby granted, free of charge, to any person obtaining a copy of this
# software and associated documentation files (the "Software"), to deal in the Software
# without restriction, including without limitation the rights to use, copy, modify, merge,
# publish, distribute, sublicense, and/or sell copies of the Software, and to permit persons
# to whom the Software is furnished to do so, subject to the following conditions: The above
# copyright notice and this permission notice shall be included in all copies or substantial
# portions of the Software. THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND,
# EXPRESS OR IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
# FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT
# HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF
# CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR
# THE USE OR OTHER DEALINGS IN THE SOFTWARE.
"""


def _class_attr(cls: type, name: str) -> Collection[str]:
    """A provider's own or inherited list (some providers define names as properties)."""
    for klass in cls.__mro__:
        if name in klass.__dict__:
            value = klass.__dict__[name]
            return value if isinstance(value, tuple | list | dict | set | frozenset) else ()
    return ()


def collect() -> tuple[set[str], set[str]]:
    """(first names, last names) from every Faker person provider."""
    import faker.providers.person as person

    first: set[str] = set()
    last: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = importlib.import_module(f"faker.providers.person.{module.name}").Provider
        for attr in ("first_names", "first_names_male", "first_names_female"):
            first.update(n for n in _class_attr(provider, attr) if _LATIN_NAME.match(n))
        last.update(n for n in _class_attr(provider, "last_names") if _LATIN_NAME.match(n))
    return first, last


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m training.name_lists", description=__doc__)
    parser.add_argument("--out", type=Path, default=LEXICON_DIR)
    args = parser.parse_args(argv)
    first, last = collect()
    header = _NOTICE.format(version=importlib.metadata.version("faker"))
    args.out.mkdir(parents=True, exist_ok=True)
    for file, names in ((FIRST_FILE, first), (LAST_FILE, last)):
        (args.out / file).write_text(header + "\n".join(sorted(names)) + "\n", encoding="utf-8")
        print(f"{len(names)} names → {args.out / file}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
