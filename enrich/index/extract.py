"""What of a session goes into the entity index: plain records, no SQL.

A session file is untrusted, so every string goes through the exports'
cleaning helpers. An entity's key is the Wikipedia title the student chose or
the lookup resolved (``wiki:LANG:Title``), else its normalised name and label
(``name:LABEL:name``), so the same thing met in two articles is one row.
Notes whose entity is gone (rejected, re-annotated) are kept as sightings
with no mentions: a note is never dropped.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from enrich.card import Card, WikiCard
from enrich.export.view import clean, one_line
from enrich.glossary.inflect import fold
from enrich.index.context import context_bag
from enrich.index.inflections import base_form
from enrich.model import Entity
from enrich.session.convert import annotation_of, base_annotation
from enrich.session.model import Correction, Session

# Lookup outcomes that name one article; a disambiguation's best guess does not.
_RESOLVED = ("found", "search")
_SUMMARY_CHARS = 1_000


@dataclass(frozen=True, slots=True)
class SightingRecord:
    """One entity of one session, as the index stores it."""

    key: str
    entity_ref: str  # the entity's id inside the session
    name: str
    label: str
    mentions: int
    names: tuple[str, ...]  # folded name and aliases, for ``EntityIndex.find``
    note: str = ""
    tags: tuple[str, ...] = ()
    note_updated: str = ""
    wiki_choice: str = ""
    wiki_title: str = ""
    wiki_description: str = ""
    wiki_summary: str = ""
    wiki_url: str = ""
    definition: str = ""
    context: str = ""  # JSON {word: count} around the mentions, kept with a Wikipedia choice


@dataclass(frozen=True, slots=True)
class CorrectionRecord:
    """One correction of the session's log; ``target_label`` is the label it acted on."""

    seq: int
    op: str
    text: str
    norm: str
    label: str
    scope: str
    at: str
    target_label: str
    entity_key: str


@dataclass(frozen=True, slots=True)
class SessionRecord:
    name: str
    title: str
    source: str
    language: str
    sha256: str
    created: str
    updated: str
    revision: int
    sightings: tuple[SightingRecord, ...]
    corrections: tuple[CorrectionRecord, ...]


def entity_key(
    name: str, label: str, wiki_title: str = "", wiki_lang: str = "", lang: str = "de"
) -> str:
    """The index key: the Wikipedia title where there is one, else base name and label."""
    if wiki_title:
        return f"wiki:{wiki_lang}:{wiki_title}"
    return f"name:{label}:{base_form(name, lang)}"


def bare_hash(value: str) -> str:
    return value.removeprefix("sha256:").lower()


def _wiki(card: Card | None, choice: str) -> dict[str, str]:
    """Title, description, summary and URL the session shows, if a page was resolved."""
    wiki = card.wikipedia if card is not None else None
    if wiki is None:
        return {"wiki_title": choice, "wiki_description": ""} if choice else {}
    if choice:
        if one_line(wiki.title) == choice:
            return _page(wiki, choice, wiki.description)
        desc = next((a.description for a in wiki.alternatives if a.title == choice), "")
        return {"wiki_title": choice, "wiki_description": one_line(desc)}
    if wiki.status in _RESOLVED and one_line(wiki.title):
        return _page(wiki, one_line(wiki.title), wiki.description)
    return {}


def _page(wiki: WikiCard, title: str, desc: object) -> dict[str, str]:
    from enrich.export.view import safe_url

    return {
        "wiki_title": title,
        "wiki_description": one_line(desc),
        "wiki_summary": clean(wiki.summary)[:_SUMMARY_CHARS],
        "wiki_url": safe_url(wiki.url),
    }


def _tags(value: object) -> tuple[str, ...]:
    items = value if isinstance(value, list) else []
    return tuple(t for t in (one_line(v) for v in items) if t)


def entity_context(text: str, e: Entity) -> dict[str, int]:
    """The words around ``e``'s mentions in ``text`` (its own names left out)."""
    own = (e.name, *e.aliases, *(m.text for m in e.mentions))
    return context_bag(text, ((m.start, m.end) for m in e.mentions), own)


def _sighting(session: Session, e: Entity, language: str, text: str = "") -> SightingRecord:
    card = session.enrichment.get(e.id)
    choice = one_line(session.wiki_choices.get(e.id, ""))
    wiki = _wiki(card, choice)
    lang = (one_line(card.lang) if card is not None else "") or language
    note = session.notes.get(e.id)
    name, label = one_line(e.name) or e.id, str(e.label)
    glossary = card.glossary if card is not None else None
    definition = clean(glossary.definition if glossary is not None else "")
    names = {fold(name), base_form(name, language), *(fold(one_line(a)) for a in e.aliases)}
    if wiki.get("wiki_title"):
        names.add(fold(wiki["wiki_title"]))
    return SightingRecord(
        key=entity_key(name, label, wiki.get("wiki_title", ""), lang, language),
        entity_ref=e.id,
        name=name,
        label=label,
        mentions=len(e.direct_mentions),
        names=tuple(sorted(names - {""})),
        note=clean(note.note) if note else "",
        tags=_tags(note.tags) if note else (),
        note_updated=one_line(note.updated) if note else "",
        wiki_choice=choice,
        definition=definition,
        context=_context_json(text, e) if choice and text else "",
        **wiki,
    )


def _context_json(text: str, e: Entity) -> str:
    return json.dumps(entity_context(text, e), ensure_ascii=False, separators=(",", ":"))


def _holder(entities: tuple[Entity, ...], c: Correction) -> Entity | None:
    """The entity with the correction's mention: by offsets, else by its text."""
    for e in entities:
        if any(m.start == c.start and m.end == c.end and m.text == c.text for m in e.mentions):
            return e
    return next((e for e in entities if any(m.text == c.text for m in e.mentions)), None)


def session_record(name: str, session: Session) -> SessionRecord:
    """Everything the index keeps of ``session`` (saved under ``name``)."""
    annotation = annotation_of(session)
    language = one_line(session.article.language)
    text = annotation.article.text
    sightings = [_sighting(session, e, language, text) for e in annotation.entities]
    by_ref = {s.entity_ref: s for s in sightings}
    for n in session.notes.values():  # notes of entities no longer found
        if n.entity_id in by_ref or not (clean(n.note) or _tags(n.tags)):
            continue
        label = one_line(n.label) or "MISC"
        shown = one_line(n.name) or one_line(n.entity_id)
        sightings.append(
            SightingRecord(
                key=entity_key(shown, label, lang=language),
                entity_ref=n.entity_id,
                name=shown,
                label=label,
                mentions=0,
                names=tuple({fold(shown), base_form(shown, language)}),
                note=clean(n.note),
                tags=_tags(n.tags),
                note_updated=one_line(n.updated),
            )
        )
        by_ref[n.entity_id] = sightings[-1]
    corrections = []
    base = base_annotation(session).entities if session.corrections else ()
    for seq, c in enumerate(session.corrections):
        text = one_line(c.text)
        if not text:
            continue
        target = _holder(base if c.op == "reject" else annotation.entities, c)
        found = by_ref.get(target.id) if target is not None and c.op != "reject" else None
        target_label = str(target.label) if target is not None else ""
        if found is not None:
            key = found.key
        elif target is not None:
            key = entity_key(one_line(target.name), target_label, lang=language)
        else:
            key = ""
        corrections.append(
            CorrectionRecord(
                seq=seq,
                op=c.op,
                text=text,
                norm=fold(text),
                label=one_line(c.label),
                scope=c.scope,
                at=one_line(c.at),
                target_label=target_label,
                entity_key=key,
            )
        )
    return SessionRecord(
        name=name,
        title=one_line(session.article.title),
        source=one_line(session.article.source),
        language=language,
        sha256=bare_hash(session.article.sha256),
        created=one_line(session.created),
        updated=one_line(session.updated),
        revision=session.revision,
        sightings=tuple(sightings),
        corrections=tuple(corrections),
    )


def key_of(session: Session, entity: Entity) -> str:
    """The index key of ``entity`` as ``session`` shows it: what a card asks ``seen_in`` for."""
    return _sighting(session, entity, one_line(session.article.language)).key
