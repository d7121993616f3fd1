"""A glossary entry and its validation.

Entries live in TOML files as ``[[entry]]`` tables. Each is checked on its
own with msgspec, so one bad entry is reported (with its line) without
losing the rest of the file.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any, Literal

import msgspec

from enrich.model import Label
from enrich.text_clean import clean_line

# How a German term is inflected when the glossary generates its forms:
# "noun" (the default: plural, genitive and dative endings), "adjective" for
# nominalised adjectives ("der Abgeordnete", "ein Abgeordneter"), "none" to
# match only the forms written in the entry.
Inflection = Literal["noun", "adjective", "none"]
MAX_DEFINITION = 400
_SLUG = re.compile(r"[^0-9a-z]+")


class Wikipedia(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """Article titles of the entry in the German and English Wikipedia."""

    de: str = ""
    en: str = ""


class Entry(msgspec.Struct, frozen=True, forbid_unknown_fields=True, kw_only=True):
    """One glossary entry: a term, its other names and a short explanation."""

    term: str
    aliases: tuple[str, ...] = ()
    label: Label = Label.TERM
    definition_de: str = ""
    definition_en: str = ""
    wikipedia: Wikipedia | None = None
    related: tuple[str, ...] = ()
    inflection: Inflection = "noun"

    @property
    def id(self) -> str:
        """Stable ASCII id derived from the term ("Marschflugkörper" → "marschflugkorper")."""
        return slug(self.term)

    @property
    def key(self) -> str:
        """Clustering key shared by every form of the entry."""
        return f"glossary:{self.id}"

    @property
    def names(self) -> tuple[str, ...]:
        """The term followed by its aliases."""
        return (self.term, *self.aliases)

    def inflection_of(self, name: str) -> Inflection:
        """How to inflect one of the entry's names: "adjective" applies to the term only."""
        if self.inflection == "adjective" and name != self.term:
            return "noun"
        return self.inflection

    def definition(self, lang: str) -> str:
        """The definition in ``lang``, else the one in the other language."""
        first, second = (
            (self.definition_en, self.definition_de)
            if lang == "en"
            else (self.definition_de, self.definition_en)
        )
        return first or second


class EntryError(ValueError):
    """An entry that does not fit the schema; the message says which field."""


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return _SLUG.sub("-", ascii_text.lower()).strip("-") or "entry"


def _clean(text: str) -> str:
    """One line of NFC text without control sequences (TOML escapes can hold an ESC)."""
    return clean_line(text)


def validate_entry(raw: Any) -> Entry:
    """Turn one decoded ``[[entry]]`` table into an ``Entry`` or raise ``EntryError``."""
    if not isinstance(raw, dict):
        raise EntryError("an entry must be a table")
    try:
        entry = msgspec.convert(raw, Entry, strict=True)
    except msgspec.ValidationError as exc:
        raise EntryError(str(exc).replace("$.", "")) from None
    term = _clean(entry.term)
    if not term:
        raise EntryError("`term` is empty")
    aliases: list[str] = []
    for alias in entry.aliases:
        alias = _clean(alias)
        if not alias:
            raise EntryError("an alias is empty")
        if alias != term and alias not in aliases:
            aliases.append(alias)
    de, en = _clean(entry.definition_de), _clean(entry.definition_en)
    if not de and not en:
        raise EntryError("needs `definition_de` or `definition_en`")
    for name, text in (("definition_de", de), ("definition_en", en)):
        if len(text) > MAX_DEFINITION:
            raise EntryError(f"`{name}` is longer than {MAX_DEFINITION} characters")
    related = tuple(r for r in (_clean(r) for r in entry.related) if r)
    wikipedia = entry.wikipedia
    if wikipedia is not None:
        wikipedia = Wikipedia(de=_clean(wikipedia.de), en=_clean(wikipedia.en))
    return msgspec.structs.replace(
        entry,
        wikipedia=wikipedia,
        term=term,
        aliases=tuple(aliases),
        definition_de=de,
        definition_en=en,
        related=related,
    )


def entry_to_dict(entry: Entry) -> dict[str, Any]:
    """The entry as TOML-ready data, without empty or default fields."""
    data: dict[str, Any] = {"term": entry.term}
    if entry.aliases:
        data["aliases"] = list(entry.aliases)
    data["label"] = str(entry.label)
    if entry.definition_de:
        data["definition_de"] = entry.definition_de
    if entry.definition_en:
        data["definition_en"] = entry.definition_en
    if entry.wikipedia is not None:
        wiki = {k: v for k, v in (("de", entry.wikipedia.de), ("en", entry.wikipedia.en)) if v}
        if wiki:
            data["wikipedia"] = wiki
    if entry.related:
        data["related"] = list(entry.related)
    if entry.inflection != "noun":
        data["inflection"] = entry.inflection
    return data
