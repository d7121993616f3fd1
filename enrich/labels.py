"""What each entity label is called on screen and in exports.

One word in a card, a note or an export ("person"), a heading in the reader's
entity list ("People"). Both tables live here so a new label is named once.
"""

from __future__ import annotations

from enrich.model import Label

# Keys are ``Label`` members; a StrEnum hashes as its text, so "PER" finds them too.
LABEL_NAMES: dict[str, str] = {
    Label.PER: "person",
    Label.ORG: "organisation",
    Label.LOC: "place",
    Label.MISC: "other name",
    Label.TERM: "term",
}
LABEL_HEADINGS: dict[str, str] = {
    Label.PER: "People",
    Label.ORG: "Organisations",
    Label.LOC: "Places",
    Label.MISC: "Other names",
    Label.TERM: "Terms",
}


def label_name(label: str | None) -> str:
    """ "person" for PER; a label Kontext does not know is shown as it is."""
    label = label or ""
    return LABEL_NAMES.get(label, label)


# A label in words a student reads, per language (the reader's card and help).
# English is the fallback; the UI language catalogue will take these over.
LABEL_WORDS: dict[str, dict[str, str]] = {
    "de": {
        Label.PER: "Person",
        Label.ORG: "Organisation",
        Label.LOC: "Ort",
        Label.MISC: "Sonstiges",
        Label.TERM: "Begriff",
    },
    "en": {
        Label.PER: "Person",
        Label.ORG: "Organisation",
        Label.LOC: "Place",
        Label.MISC: "Other",
        Label.TERM: "Term",
    },
}


def label_word(label: str | None, lang: str = "en") -> str:
    """ "Ort" for LOC in German, "Place" in English; an unknown label is shown as it is."""
    label = label or ""
    words = LABEL_WORDS.get(lang, LABEL_WORDS["en"])
    return words.get(label, label)
