"""Map the label sets of spaCy pipelines onto Kontext's five labels.

WikiNER pipelines (de_core_news_*, xx_ent_wiki_sm) use PER/LOC/ORG/MISC,
OntoNotes pipelines (en_core_web_*) use PERSON, GPE, NORP, ... and GermEval
uses OTH. Number and date labels are dropped: a student does not look up
"23. Dezember".
"""

from __future__ import annotations

from collections.abc import Sequence

from enrich.model import Label

_MAP: dict[str, Label | None] = {
    # WikiNER / CoNLL / GermEval
    "PER": Label.PER,
    "LOC": Label.LOC,
    "ORG": Label.ORG,
    "MISC": Label.MISC,
    "OTH": Label.MISC,
    # OntoNotes
    "PERSON": Label.PER,
    "GPE": Label.LOC,
    "FAC": Label.LOC,
    "NORP": Label.MISC,
    "PRODUCT": Label.MISC,
    "EVENT": Label.MISC,
    "WORK_OF_ART": Label.MISC,
    "LAW": Label.MISC,
    "LANGUAGE": Label.MISC,
    "DATE": None,
    "TIME": None,
    "PERCENT": None,
    "MONEY": None,
    "QUANTITY": None,
    "ORDINAL": None,
    "CARDINAL": None,
    # Kontext's own
    "TERM": Label.TERM,
}


def map_label(label: str) -> Label | None:
    """Kontext label for a pipeline label, or None when it should be dropped."""
    key = label.upper()
    if key in _MAP:
        return _MAP[key]
    # Unknown custom labels (e.g. "LOCderiv" from GermEval-style models): keep the base.
    for base in ("PER", "LOC", "ORG"):
        if key.startswith(base):
            return Label(base)
    return Label.MISC


# English head nouns that make a multi-word name an organisation ("European Defence
# Agency", "Australia First Party"): in wikigold's training part every name of two
# or more words that ends in one of those it contains is an ORG.
_EN_ORG_HEADS = frozenset(
    """Agency Office Council Committee Ministry Department Party Institute Association
    Society Company Corporation University College School League Club Federation Army Navy
    Force Forces Assembly Inc. Ltd Ltd. Records Authority Commission Bureau Foundation
    Academy Alliance Organization Organisation Hospital Orchestra Trust Bank""".split()
)


def org_by_head(words: Sequence[str], label: Label, lang: str) -> Label:
    """ORG for an English MISC/LOC name of two or more words ending in an organisation noun."""
    english_name = lang == "en" and label in (Label.MISC, Label.LOC) and len(words) >= 2
    return Label.ORG if english_name and words[-1] in _EN_ORG_HEADS else label
