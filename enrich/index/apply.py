"""Apply the personal rules to an annotation: after the recognizers, before clustering.

Rejections and relabellings match a mention by its exact name or an
inflection of it ("Abgeordnete", "Abgeordneten"); additions are found as
patterns with spaCy's PhraseMatcher over the chunk Docs, in every form.
Every mention a rule adds or relabels gets source ``user`` and rule
``personal:ID``, so ``annotate --json`` and the card say where it came from;
a user mention outweighs the recognizers in the cluster's label vote.
The rules are read once per change of the index or of ``rules.json``.
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from enrich.errors import KontextError
from enrich.glossary.inflect import forms, german_forms
from enrich.index.inflections import same_name
from enrich.index.rules import Rule

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from enrich.model import Article, Source
    from enrich.nlp.clustering import RawMention

SOURCE: Source = "user"
log = logging.getLogger("kontext.index")
_cache: dict[str, tuple[tuple[object, ...], tuple[Rule, ...]]] = {}


def rule_tag(rule: Rule) -> str:
    """The ``rule`` field of a mention a personal rule made."""
    return f"personal:{rule.id}"


@dataclass(frozen=True, slots=True)
class RuleEffect:
    """What one rule did to one mention (for a "what did my rules change" view)."""

    rule: str
    op: str
    start: int
    end: int
    text: str
    label: str


def _matches(text: str, rule: Rule, lang: str) -> bool:
    """``text`` is the rule's name or an inflection of it (or the other way round)."""
    return same_name(text, rule.name, lang)


def _added(
    chunks: Sequence[tuple[int, Doc]], rules: Sequence[Rule], nlp: Language
) -> list[tuple[int, int, str, Rule]]:
    from spacy.matcher import PhraseMatcher

    lang = _lang_of(nlp)
    matcher = PhraseMatcher(nlp.vocab)
    by_id: dict[str, Rule] = {}
    for rule in rules:
        by_id[rule.id] = rule
        matcher.add(rule.id, [nlp.make_doc(f) for f in sorted(_forms_of(rule.name, lang))])
    found = []
    for offset, doc in chunks:
        for match_id, start, end in matcher(doc):
            span = doc[start:end]
            rule = by_id[nlp.vocab.strings[match_id]]
            found.append((offset + span.start_char, offset + span.end_char, span.text, rule))
    found.sort(key=lambda f: (-(f[1] - f[0]), f[0]))  # longest first, then earliest
    kept: list[tuple[int, int, str, Rule]] = []
    for item in found:
        if all(item[1] <= k[0] or k[1] <= item[0] for k in kept):
            kept.append(item)
    return sorted(kept, key=lambda k: k[0])


def _lang_of(nlp: Language) -> str:
    """The pipeline's language code: spaCy types it as optional, our pipelines always set it."""
    if nlp.lang is None:
        raise ValueError("the spaCy pipeline has no language code")
    return nlp.lang


def _forms_of(name: str, lang: str) -> set[str]:
    """Surface forms to match, in the text's spelling (the PhraseMatcher compares ORTH)."""
    found = {name, *forms(name, lang)}
    prefix, dash, tail = name.rpartition("-")
    if lang == "de" and dash and tail[:1].isupper() and " " not in tail:
        found |= {prefix + dash + f for f in german_forms(tail)}
    return found


def apply_rules(
    mentions: Sequence[RawMention],
    chunks: Sequence[tuple[int, Doc]],
    rules: Sequence[Rule],
    nlp: Language,
) -> tuple[list[RawMention], list[RuleEffect]]:
    """``mentions`` with ``rules`` applied (newest rule first on a conflict), and what changed."""
    from enrich.nlp.clustering import RawMention

    lang = _lang_of(nlp)
    effects: list[RuleEffect] = []
    result = list(mentions)
    additions = [r for r in rules if r.op == "add"]
    if additions:
        spans = _added(chunks, additions, nlp)
        result = [m for m in result if all(m.end <= s or e <= m.start for s, e, _, _ in spans)]
        for start, end, text, added in spans:
            result.append(
                RawMention(start, end, text, added.label, SOURCE, rule_tag(added), kind="mention")
            )
            effects.append(RuleEffect(added.id, "add", start, end, text, added.label))
    changes = [r for r in rules if r.op != "add"]
    if changes:
        kept = []
        for m in result:
            rule: Rule | None = None
            if m.kind == "mention" and m.source != SOURCE:
                rule = next((r for r in changes if _matches(m.text, r, lang)), None)
            if rule is None:
                kept.append(m)
                continue
            if rule.op == "relabel":
                kept.append(
                    dataclasses.replace(m, label=rule.label, source=SOURCE, rule=rule_tag(rule))
                )
            effects.append(RuleEffect(rule.id, rule.op, m.start, m.end, m.text, rule.label))
        result = kept
    result.sort(key=lambda m: (m.start, m.end))
    return result, effects


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return st.st_mtime_ns, st.st_size


def personal_rules() -> tuple[Rule, ...]:
    """The student's rules in force, read from the data directory (cached until it changes).

    Nothing is created when there is neither an index nor a sessions directory.
    """
    from enrich.index.files import INDEX_FILE, rules_path
    from enrich.paths import data_dir

    data = data_dir()
    index_file, sessions = data / INDEX_FILE, data / "sessions"
    watched = (
        index_file,
        index_file.with_name(INDEX_FILE + "-wal"),
        rules_path(index_file),
        sessions,
    )

    def state() -> tuple[object, ...]:
        return tuple(_stamp(p) for p in watched)

    cached = _cache.get(str(data))
    if cached is not None and cached[0] == state():
        return cached[1]
    if not index_file.exists() and not sessions.is_dir():
        rules: tuple[Rule, ...] = ()
    else:
        from enrich.index.entity_index import EntityIndex
        from enrich.index.rules import list_rules
        from enrich.session.store import SessionStore

        with EntityIndex.open(index_file, store=SessionStore(sessions), check=False) as index:
            rules = tuple(list_rules(index))
            for warning in index.warnings:
                log.warning("kontext: warning: %s", warning)
    _cache[str(data)] = (state(), rules)
    return rules


def apply_personal_rules(
    mentions: list[RawMention],
    chunks: Sequence[tuple[int, Doc]],
    nlp: Language,
    article: Article,
    rules: Sequence[Rule] | None = None,
) -> tuple[list[RawMention], tuple[str, ...]]:
    """The annotator's post-step: ``rules`` (None: the student's) applied, and any warning.

    A rule made in this very article is left out: its session's corrections
    apply there. Rules that cannot be read never stop an annotation.
    """
    if rules is None:
        try:
            rules = personal_rules()
        except (KontextError, OSError, sqlite3.Error) as exc:
            return mentions, (f"your personal rules were not applied: {exc}",)
    if not rules:
        return mentions, ()
    sha = hashlib.sha256(article.text.encode("utf-8")).hexdigest()
    active = [r for r in rules if not (r.articles and r.articles <= {sha})]
    if not active:
        return mentions, ()
    result, _ = apply_rules(mentions, chunks, active, nlp)
    return result, ()
