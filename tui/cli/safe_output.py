"""What the CLI prints for errors, warnings and JSON: one line each, nothing a terminal obeys.

Messages quote files, servers and what the user typed, so they are cleaned
of control sequences before they reach stderr; JSON keeps umlauts readable
but escapes the characters a terminal would act on.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from typing import TYPE_CHECKING

from enrich.messages import quote
from enrich.text_clean import clean_line

if TYPE_CHECKING:
    from rich.console import Console

    from enrich.enricher import Enrichment

# JSON leaves these unescaped with ensure_ascii=False, yet a terminal may act on
# them: DEL and C1 controls, bidi overrides and isolates, line separators.
_JSON_UNSAFE_CODES = [0x7F, *range(0x80, 0xA0), *range(0x202A, 0x202F), *range(0x2066, 0x206A)]
_JSON_UNSAFE = str.maketrans({c: f"\\u{c:04x}" for c in [*_JSON_UNSAFE_CODES, 0x2028, 0x2029]})


def safe_line(exc: BaseException | str) -> str:
    """An error or warning as one terminal-safe line."""
    return clean_line(str(exc))


def os_error_line(exc: OSError) -> str:
    """ "cannot use '/x/y': permission denied" from an OSError, without errno noise."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    reason = reason[:1].lower() + reason[1:]
    where = f"cannot use {quote(os.fsdecode(exc.filename))}: " if exc.filename else ""
    return safe_line(f"{where}{reason}")


def print_json(data: object) -> None:
    """Readable UTF-8 JSON (umlauts as they are) with nothing a terminal would obey."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2).translate(_JSON_UNSAFE))
    sys.stdout.write("\n")


def print_lookup_warnings(cards: Iterable[Enrichment]) -> None:
    """Say once if the cache had to be rebuilt or could not be used (one line each)."""
    seen: list[str] = []
    for card in cards:
        for warning in card.wikipedia.warnings if card.wikipedia is not None else ():
            if warning not in seen:
                seen.append(warning)
                print(f"kontext: warning: {safe_line(warning)}", file=sys.stderr)


def plain_console(stderr: bool = False) -> Console:
    """A rich Console that reads nothing in the text as markup, emoji or highlights."""
    # Imported here: the parser imports this module, and rich.console would add
    # 30 ms to `kontext --help` (tui/startup.py).
    from rich.console import Console

    return Console(
        file=sys.stderr if stderr else sys.stdout,
        highlight=False,
        markup=False,
        emoji=False,
        soft_wrap=True,
    )
