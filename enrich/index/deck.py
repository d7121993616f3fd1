"""Everything the student has met, as one Anki deck, CSV table or Markdown page.

One note/row per index entity (deduplicated across articles), with the
student's notes from every article, newest first. Anki notes get a GUID
from the entity's index key and the note type and deck ids are constants,
so importing a later export updates the notes instead of adding copies.
Strings in the index came from session files (untrusted); they were cleaned
when indexed and are escaped here for each format.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from enrich.export.view import LABEL_NAMES
from enrich.index.model import IndexedEntity

DECK_FORMATS = ("anki", "csv", "md")
_SUFFIXES = {"anki": ".apkg", "csv": ".csv", "md": ".md"}
CSV_COLUMNS = (
    "key",
    "name",
    "label",
    "articles",
    "mentions",
    "first_seen",
    "last_seen",
    "wikipedia_title",
    "wikipedia_choice",
    "glossary_definition",
    "notes",
    "tags",
    "article_titles",
)


def format_for_suffix(name: str) -> str | None:
    lower = name.lower()
    return next((f for f, suffix in _SUFFIXES.items() if lower.endswith(suffix)), None)


def plural(n: int, word: str, many: str = "") -> str:
    """ "1 article", "2 articles" ("1 entity", "2 entities" with ``many``)."""
    return f"{n} {word}" if n == 1 else f"{n} {many or word + 's'}"


def day(stamp: str) -> str:
    return stamp[:10]


def _tags(e: IndexedEntity) -> list[str]:
    return list(dict.fromkeys(t for n in e.notes for t in n.tags))


def render_deck(entities: list[IndexedEntity], fmt: str) -> bytes:
    """The export of ``entities`` in ``fmt`` (anki, csv or md) as the file's bytes."""
    if fmt == "anki":
        return _anki(entities)
    if fmt == "csv":
        return _csv(entities)
    if fmt == "md":
        return _markdown(entities)
    raise ValueError(f"unknown deck format {fmt!r}")


# -- Anki -------------------------------------------------------------------


def guid(e: IndexedEntity) -> str:
    """The note's GUID: from the index key only, so it is the same in every export."""
    import genanki

    return str(genanki.guid_for("kontext.entities", e.key))


def _anki(entities: list[IndexedEntity]) -> bytes:
    import genanki

    from enrich.export.anki import field, package_bytes, stable_id

    model = genanki.Model(
        stable_id("kontext.anki.entities-note.v1"),
        "Kontext entity across articles (v1)",
        fields=[{"name": f} for f in ("Name", "Label", "Glossary", "Wikipedia", "Notes", "Seen")],
        templates=[
            {
                "name": "Name",
                "qfmt": '<div class="name">{{Name}}</div>',
                "afmt": "{{FrontSide}}<hr id=answer>"
                '<div class="label">{{Label}}</div>'
                '{{#Glossary}}<div class="section">{{Glossary}}</div>{{/Glossary}}'
                '{{#Wikipedia}}<div class="section">{{Wikipedia}}</div>{{/Wikipedia}}'
                '{{#Notes}}<div class="section">{{Notes}}</div>{{/Notes}}'
                '<div class="source">{{Seen}}</div>',
            }
        ],
        css=".card { font-family: system-ui, sans-serif; font-size: 20px; text-align: left; }"
        " .name { font-size: 1.3em; font-weight: 700; } .section { margin-top: .8em; }"
        " .label, .source { font-size: .75em; opacity: .7; }",
    )
    deck = genanki.Deck(stable_id("kontext.anki.entities-deck"), "Kontext::Entities I have met")
    newest = ""
    for e in entities:
        s = e.summary
        wiki = ""
        if s.wiki_title:
            wiki = f"<b>{field(s.wiki_title)}</b>"
            if e.wiki_description:
                wiki += f" — {field(e.wiki_description)}"
            if e.wiki_summary:
                wiki += f"<br>{field(e.wiki_summary)}"
        notes = "<br>".join(
            f"{field(day(n.updated))} · <i>{field(n.title)}</i>: {field(n.note)}"
            + (field(" " + " ".join(f"#{t}" for t in n.tags)) if n.tags else "")
            for n in e.notes
        )
        seen = field(
            f"Seen in {plural(s.articles, 'article')}: "
            + "; ".join(f"{x.title} ({day(x.date)})" for x in e.sightings)
        )
        tags = ["kontext", s.label.lower(), *("_".join(t.split()) for t in _tags(e))]
        deck.add_note(
            genanki.Note(
                model=model,
                fields=[
                    field(s.name),
                    field(f"{s.label} · {LABEL_NAMES.get(s.label, s.label)}"),
                    field(e.definition),
                    wiki,
                    notes,
                    seen,
                ],
                tags=list(dict.fromkeys(t for t in tags if t)),
                guid=guid(e),
            )
        )
        newest = max([newest, *(x.updated for x in e.sightings), *(n.updated for n in e.notes)])
    try:
        stamp = datetime.fromisoformat(newest).timestamp()
    except ValueError:
        stamp = 0.0  # no entities: an empty deck
    return package_bytes(deck, stamp)


# -- CSV --------------------------------------------------------------------


def _csv(entities: list[IndexedEntity]) -> bytes:
    from enrich.export.csv_table import neutralise

    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for e in entities:
        s = e.summary
        values = (
            s.key,
            s.name,
            s.label,
            s.articles,
            s.mentions,
            day(s.first_seen),
            day(s.last_seen),
            s.wiki_title,
            e.wiki_choice.title if e.wiki_choice else "",
            e.definition,
            "\n".join(f"{day(n.updated)} {n.title}: {n.note}" for n in e.notes if n.note),
            "; ".join(_tags(e)),
            "; ".join(x.title for x in e.sightings),
        )
        writer.writerow([neutralise(str(v)) for v in values])
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # Excel needs the BOM (see csv_table)


# -- Markdown ---------------------------------------------------------------


def _markdown(entities: list[IndexedEntity]) -> bytes:
    from enrich.export.markdown import block, inline

    articles = {x.session for e in entities for x in e.sightings}
    lines = [
        "# Entities I have met",
        "",
        f"{plural(len(entities), 'entity', 'entities')} from {plural(len(articles), 'article')}.",
    ]
    for e in entities:
        s = e.summary
        lines += ["", f"## {inline(s.name)} · {s.label}", ""]
        seen = "; ".join(f"{inline(x.title)} ({day(x.date)})" for x in e.sightings)
        lines.append(f"- Seen in {plural(s.articles, 'article')}: {seen}")
        if s.wiki_title:
            wiki = inline(s.wiki_title)
            if e.wiki_description:
                wiki += f" — {inline(e.wiki_description)}"
            if e.wiki_choice:
                wiki += f" (your choice from {inline(e.wiki_choice.article_title)})"
            lines.append(f"- Wikipedia: {wiki}")
        if e.definition:
            lines.append(f"- Glossary: {inline(' '.join(e.definition.split()))}")
        for n in e.notes:
            tags = " ".join(f"\\#{inline(t)}" for t in n.tags)
            text = " ".join(block(n.note).split("\n")) if n.note else ""
            lines.append(f"- Note, {day(n.updated)}, *{inline(n.title)}*: {text} {tags}".rstrip())
    return ("\n".join(lines) + "\n").encode("utf-8")
