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
