"""The merged glossary: article-local definitions, then the user's, then the bundled one.

``lookup`` finds an entry by its term or an alias, in any inflected form the
generator knows ("Marschflugkörpern"), ignoring case except for short
all-caps acronyms ("WHO" is not "who"). ``terms`` turns the entries into
patterns for the glossary span ruler.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from enrich.glossary.inflect import candidate_stems, fold, forms, is_acronym
from enrich.glossary.model import Entry
from enrich.model import Annotation, Label

if TYPE_CHECKING:
    from enrich.nlp.components.glossary import GlossaryTerm

SOURCES = ("article", "user", "bundled")  # precedence, highest first


@dataclass(frozen=True, slots=True)
class Match:
    """A lookup result: the entry, which source it came from, and how it matched."""

    entry: Entry
    source: str
    inflected: bool = False


class _Index:
    """Surface forms of one source's entries → entry (first entry wins a form)."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = tuple(entries)
        self.exact: dict[str, Entry] = {}  # acronyms, case-sensitive
        self.folded: dict[str, Entry] = {}  # everything else, casefolded
        self.bases: dict[str, Entry] = {}  # dictionary forms only, for stem fallback
        for entry in self.entries:
            for name in entry.names:
                if is_acronym(name):
                    self.exact.setdefault(name, entry)
                    continue
                inflection = entry.inflection_of(name)
                if inflection != "none":
                    self.bases.setdefault(fold(name), entry)
                for lang in ("de", "en"):
                    for form in forms(name, lang, inflection):
                        self.folded.setdefault(fold(form), entry)

    def find(self, name: str) -> Entry | None:
        hit = self.exact.get(name.strip())
        if hit is None and not is_acronym(name.strip()):
            hit = self.folded.get(fold(name))
        return hit

    def find_stem(self, name: str, lang: str) -> Entry | None:
        if is_acronym(name.strip()):
            return None
        for stem in candidate_stems(name, lang):
            if stem in self.bases:
                return self.bases[stem]
        return None


class Glossary:
    """Entries from up to three sources, looked up in precedence order."""

    def __init__(
        self,
        bundled: Iterable[Entry] = (),
        user: Iterable[Entry] = (),
        article: Iterable[Entry] = (),
    ) -> None:
        self._sources = {
            "article": _Index(tuple(article)),
            "user": _Index(tuple(user)),
            "bundled": _Index(tuple(bundled)),
        }
        self._terms: dict[str, tuple[GlossaryTerm, ...]] = {}

    def source(self, name: str) -> tuple[Entry, ...]:
        """The entries of one source ("article", "user" or "bundled")."""
        return self._sources[name].entries

    def entries(self) -> list[Match]:
        """Every visible entry once: an entry hidden by a higher source's same term is left out."""
        seen: set[str] = set()
        result = []
        for name in SOURCES:
            for entry in self._sources[name].entries:
                if entry.id not in seen:
                    seen.add(entry.id)
                    result.append(Match(entry, name))
        return result

    def __len__(self) -> int:
        return len(self.entries())

    def resolve(self, name: str, lang: str = "de") -> Match | None:
        """Find ``name`` (term, alias or an inflected form); the higher source wins.

        Known forms are tried in every source before stems are guessed, so a
        user's "Rat" never captures a bundled "Rate".
        """
        if not name.strip():
            return None
        for source in SOURCES:
            hit = self._sources[source].find(name)
            if hit is not None:
                return Match(hit, source)
        for source in SOURCES:
            hit = self._sources[source].find_stem(name, lang)
            if hit is not None:
                return Match(hit, source, inflected=True)
        return None

    def lookup(self, name: str, lang: str = "de") -> Entry | None:
        match = self.resolve(name, lang)
        return match.entry if match else None

    def terms(self, lang: str) -> tuple[GlossaryTerm, ...]:
        """Patterns for the glossary ruler: every name and generated form of every entry.

        Article-local entries are left out (the abbreviation component already
        marks them). A form claimed by a higher source is not offered again by
        a lower one. The result is sorted, so equal glossaries give equal
        (and equally hashed) tuples.
        """
        if lang not in self._terms:
            self._terms[lang] = self._build_terms(lang)
        return self._terms[lang]

    def _build_terms(self, lang: str) -> tuple[GlossaryTerm, ...]:
        from enrich.nlp.components.glossary import GlossaryTerm

        claimed: set[str] = set()
        result: set[GlossaryTerm] = set()
        for source in ("user", "bundled"):
            for entry in self._sources[source].entries:
                label = Label(entry.label)
                for name in entry.names:
                    if not in_language(name, lang):
                        continue
                    for form in forms(name, lang, entry.inflection_of(name)):
                        claim = form if is_acronym(form) else fold(form)
                        if claim in claimed:
                            continue
                        claimed.add(claim)
                        result.add(GlossaryTerm(form, label, entry.key))
        return tuple(sorted(result, key=lambda t: (t.term, t.key, str(t.label))))


def in_language(name: str, lang: str) -> bool:
    """Whether a glossary name may be highlighted in a text in ``lang``.

    Entries mix German and English names without saying which is which.
    German capitalises every noun, so a name without a capital letter
    ("premier", "head of state") is English and must not fire in a German
    text ("Premier League" is no TERM). German names keep their capitals
    ("konstruktives Misstrauensvotum"), so the rule cannot drop them.
    """
    return lang != "de" or any(c.isupper() for c in name)


def article_local(annotation: Annotation) -> list[Entry]:
    """Entries for the abbreviations the article defines itself ("… Südkoreas (JCS)").

    Built from entities whose mentions include an abbreviation definition and
    its short form; the definition says what the text says, nothing more.
    """
    lang = annotation.language
    result: list[Entry] = []
    seen: set[str] = set()
    for entity in annotation.entities:
        abbreviation = [m for m in entity.mentions if m.source == "abbreviation"]
        shorts = [m.text for m in abbreviation if m.rule == "short-form"]
        longs = [m.text for m in abbreviation if m.rule == "definition"]
        if not shorts or not longs:
            continue
        short, long = shorts[0], longs[0]
        if short in seen:
            continue
        seen.add(short)
        aliases = tuple(dict.fromkeys(a for a in (short, *entity.aliases) if a != long))
        text = _local_definition(short, long, lang)
        result.append(
            Entry(
                term=long,
                aliases=aliases,
                label=entity.label,
                definition_de="" if lang == "en" else text,
                definition_en=text if lang == "en" else "",
                inflection="none",
            )
        )
    return result


def _local_definition(short: str, long: str, lang: str) -> str:
    if lang == "en":
        return f"In this article, {short} stands for “{long}”."
    return f"In diesem Artikel steht {short} für „{long}“."
