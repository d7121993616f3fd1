"""What the student's personal rules changed in this article (issue 17 §3's toggle):
the mentions a rule added or relabelled (source ``user``, rule ``personal:…``) and
the rejected names that occur in the text. Plain functions; the reader runs
``rejected_here`` in a worker (it reads the index)."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from enrich.labels import label_word
from tui.ui_text import tr, ui_language

if TYPE_CHECKING:
    from enrich.index import EntityIndex
    from enrich.index.rules import Rule
    from enrich.model import Annotation, Entity

PERSONAL = "personal:"
_WORD = re.compile(r"[\w][\w-]*")


def rule_spans(annotation: Annotation) -> frozenset[tuple[int, int]]:
    """(start, end) of every mention a personal rule added or relabelled."""
    return frozenset(
        (m.start, m.end)
        for e in annotation.entities
        for m in e.mentions
        if m.source == "user" and (m.rule or "").startswith(PERSONAL)
    )


def rejected_here(text: str, lang: str, rules: Sequence[Rule]) -> list[str]:
    """Names of rejection rules that occur in ``text`` (the name or an inflection)."""
    from enrich.index.inflections import same_name

    words = [m.group() for m in _WORD.finditer(text)]
    found = []
    for rule in rules:
        if rule.op != "reject":
            continue
        size = len(rule.name.split())
        grams = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
        if any(same_name(g, rule.name, lang) for g in grams):
            found.append(rule.name)
    return sorted(set(found), key=str.lower)


def load_rejected_here(text: str, lang: str) -> list[str]:
    """The student's rules in force, read from the index (a worker thread)."""
    from enrich.index.apply import personal_rules

    return rejected_here(text, lang, personal_rules())


def rule_tags(entities: Sequence[Entity]) -> set[str]:
    """The ``personal:ID`` tags of the mentions a personal rule added or relabelled."""
    return {
        m.rule
        for e in entities
        for m in e.mentions
        if m.source == "user" and (m.rule or "").startswith(PERSONAL)
    }


def rule_words(rules: Sequence[Rule], titles: Mapping[str, str]) -> dict[str, str]:
    """What the card says of each rule: ``personal:ID`` -> "Added by your rule from …".

    ``titles`` maps session names to article titles (the article the rule came from).
    """
    words = {}
    for rule in rules:
        where = next((titles.get(s, "") or s for s in rule.sessions), "")
        if rule.op == "add":
            words[PERSONAL + rule.id] = (
                tr("Added by your rule from “{where}”", where=where)
                if where
                else tr("Added by your rule")
            )
        elif rule.op == "relabel":
            label = label_word(rule.label, ui_language())
            words[PERSONAL + rule.id] = (
                tr("Label {label} from your rule, made in “{where}”", label=label, where=where)
                if where
                else tr("Label {label} from your rule", label=label)
            )
    return words


def load_rule_words(index: EntityIndex, entities: Sequence[Entity]) -> dict[str, str]:
    """The card's words for the rules behind ``entities``' mentions (a worker thread)."""
    from enrich.index.rules import list_rules

    tags = rule_tags(entities)
    if not tags:
        return {}
    rules = [r for r in list_rules(index) if PERSONAL + r.id in tags]
    return rule_words(rules, index.session_titles(s for r in rules for s in r.sessions))
