"""Read glossary files: the bundled ones (package data) and the user's.

A broken file never stops Kontext: it becomes a warning that names the file
and the line ("…/glossary.toml:7: …"), and every other file still loads.
Within a file, an entry that does not fit the schema is skipped on its own.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from enrich.glossary.glossary import Glossary, article_local
from enrich.glossary.model import Entry, EntryError, validate_entry
from enrich.messages import NESTED_TOO_DEEPLY
from enrich.model import Annotation
from enrich.regular_file import read_regular_file
from enrich.text_clean import clean_line

BUNDLED_PACKAGE = "enrich.glossary.data"
USER_FILE = "glossary.toml"
MAX_GLOSSARY_BYTES = 20 * 1024 * 1024  # as for articles; a glossary is far smaller
_HEADER = re.compile(r"^\s*\[\[\s*entry\s*\]\]")
_TOML_POS = re.compile(r"at line (\d+), column (\d+)")
_TOML_WHERE = re.compile(r"\s*\((?:at line \d+, column \d+|at end of document)\)")


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing wrong in a glossary file; ``line`` is 1-based, None if unknown."""

    line: int | None
    message: str
    consequence: str  # what Kontext did about it: "file ignored", "entry skipped", ...


@dataclass
class ParsedFile:
    """What one glossary file gave: its valid entries and the problems found."""

    name: str
    entries: list[Entry] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def where(self, problem: Problem) -> str:
        return f"{self.name}:{problem.line}" if problem.line else self.name

    @property
    def warnings(self) -> list[str]:
        """One line per problem: "<file>:<line>: <message>; <consequence>"."""
        return [f"{self.where(p)}: {p.message}; {p.consequence}" for p in self.problems]

    def problem(self, line: int | None, message: str, consequence: str) -> None:
        # Messages quote the file ("entry 2 ('…')"): TOML escapes can put an ESC there.
        self.problems.append(Problem(line, clean_line(message), consequence))


def user_glossary_path() -> Path:
    """The user's glossary file (under ``KONTEXT_HOME/config`` when that is set)."""
    from enrich.paths import config_dir

    return config_dir() / USER_FILE


def _decode_error_line(exc: tomllib.TOMLDecodeError, text: str) -> int:
    line = getattr(exc, "lineno", None)  # Python 3.14+
    if isinstance(line, int):
        return line
    found = _TOML_POS.search(str(exc))
    if found:
        return int(found.group(1))
    return max(1, len(text.splitlines()))  # "at end of document"


def _entry_lines(text: str, raw_entries: list[object]) -> list[int | None]:
    """Line of each ``[[entry]]`` table, by its header or, failing that, its term."""
    lines = text.splitlines()
    headers = [i for i, line in enumerate(lines, 1) if _HEADER.match(line)]
    if len(headers) == len(raw_entries):
        return list(headers)
    result: list[int | None] = []
    for raw in raw_entries:
        term = raw.get("term") if isinstance(raw, dict) else None
        line = None
        if isinstance(term, str):
            pattern = re.compile(r"\bterm\s*=\s*[\"']" + re.escape(term))
            line = next((i for i, text in enumerate(lines, 1) if pattern.search(text)), None)
        result.append(line)
    return result


def _key_line(text: str, key: str) -> int | None:
    pattern = re.compile(r"^\s*[\"']?" + re.escape(key) + r"[\"']?\s*[=.]")
    return next((i for i, line in enumerate(text.splitlines(), 1) if pattern.match(line)), None)


def parse_glossary(text: str, name: str) -> ParsedFile:
    """Parse the TOML ``text`` of the glossary file called ``name`` (for messages)."""
    parsed = ParsedFile(name)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = _TOML_WHERE.sub("", str(exc)).strip().rstrip(".")
        parsed.problem(_decode_error_line(exc, text), f"not valid TOML: {message}", "file ignored")
        return parsed
    except RecursionError:  # tomllib parses nested arrays and tables recursively
        parsed.problem(None, NESTED_TOO_DEEPLY, "file ignored")
        return parsed
    for key in data:
        if key != "entry":
            parsed.problem(_key_line(text, key), f"unknown top-level key '{key}'", "key ignored")
    raw_entries = data.get("entry", [])
    if not isinstance(raw_entries, list):
        parsed.problem(
            _key_line(text, "entry"), "'entry' must be an array of [[entry]] tables", "file ignored"
        )
        return parsed
    first_line: dict[str, int | None] = {}
    for number, (raw, line) in enumerate(
        zip(raw_entries, _entry_lines(text, raw_entries), strict=True), 1
    ):
        try:
            entry = validate_entry(raw)
        except EntryError as exc:
            term = raw.get("term") if isinstance(raw, dict) else None
            what = f"entry {number}" + (f" ('{term}')" if isinstance(term, str) else "")
            parsed.problem(line, f"{what}: {exc}", "entry skipped")
            continue
        if entry.id in first_line:
            first = first_line[entry.id]
            parsed.problem(
                line, f"duplicate term '{entry.term}' (first at line {first})", "entry skipped"
            )
            continue
        first_line[entry.id] = line
        parsed.entries.append(entry)
    return parsed


def read_glossary_file(path: Path) -> ParsedFile:
    """Parse a glossary file; a missing file is an empty glossary, not an error."""
    path = Path(path)
    try:
        data = read_regular_file(path, MAX_GLOSSARY_BYTES)
    except FileNotFoundError:
        return ParsedFile(str(path))
    except OSError as exc:
        parsed = ParsedFile(str(path))
        parsed.problem(None, f"cannot read it ({exc.strerror or exc})", "file ignored")
        return parsed
    try:
        text = data.decode("utf-8-sig")  # an editor's BOM is not part of the TOML
    except UnicodeDecodeError as exc:
        parsed = ParsedFile(str(path))
        parsed.problem(data[: exc.start].count(b"\n") + 1, "not UTF-8 text", "file ignored")
        return parsed
    return parse_glossary(text, str(path))


def bundled_files() -> list[ParsedFile]:
    """Every ``*.toml`` glossary shipped in ``enrich/glossary/data``, in name order."""
    root = resources.files(BUNDLED_PACKAGE)
    files = sorted(
        (item for item in root.iterdir() if item.name.endswith(".toml")), key=lambda i: i.name
    )
    return [parse_glossary(item.read_text(encoding="utf-8"), str(item)) for item in files]


def load_bundled() -> tuple[list[Entry], list[str]]:
    """The bundled entries (a term in two files is kept once) and any warnings."""
    entries: list[Entry] = []
    warnings: list[str] = []
    where: dict[str, str] = {}
    for parsed in bundled_files():
        warnings += parsed.warnings
        for entry in parsed.entries:
            if entry.id in where:
                warnings.append(
                    f"{parsed.name}: duplicate term '{entry.term}' (also in {where[entry.id]})"
                )
                continue
            where[entry.id] = parsed.name
            entries.append(entry)
    return entries, warnings


def load_glossary(
    *,
    user: bool = True,
    user_path: Path | None = None,
    annotation: Annotation | None = None,
) -> tuple[Glossary, list[str]]:
    """The bundled glossary plus the user's (``user_glossary_path()`` unless given).

    With ``annotation``, the abbreviations that article defines come first
    (see ``article_local``). Returns the glossary and one warning per problem
    found; never raises for a broken file.
    """
    bundled, warnings = load_bundled()
    user_entries: list[Entry] = []
    if user:
        parsed = read_glossary_file(user_path or user_glossary_path())
        user_entries = parsed.entries
        warnings += parsed.warnings
    article = article_local(annotation) if annotation is not None else []
    return Glossary(bundled, user_entries, article), warnings
