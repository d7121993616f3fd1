"""HTML export: one standalone page that reads offline.

The article is highlighted like displaCy (a coloured ``mark`` with a small
label per mention), notes sit in a margin column next to the paragraph of the
entity's first mention, and each mention links to its entity card, which pops
up on hover or click. No script, no external asset: the Content-Security-Policy
allows only the page's own stylesheet (by hash), so even a bug in escaping
could not run code. Every string from the session goes through ``esc``.
"""

from __future__ import annotations

import base64
import hashlib
from html import escape

from enrich.export.html_style import CSS, hover_rules
from enrich.export.view import (
    LABEL_NAMES,
    BookmarkView,
    EntityView,
    ExportView,
    OrphanNote,
    Section,
    Segment,
    sections,
)


def esc(text: str) -> str:
    """Text for element content and quoted attribute values alike."""
    return escape(text, quote=True)


def _csp(css: str) -> str:
    digest = base64.b64encode(hashlib.sha256(css.encode("utf-8")).digest()).decode("ascii")
    return (
        "default-src 'none'; "
        f"style-src 'sha256-{digest}'; "
        "img-src 'none'; script-src 'none'; base-uri 'none'; form-action 'none'"
    )


def _label_tag(label: str) -> str:
    return f'<span class="tag l-{esc(label)}">{esc(label)}</span>'


def _tooltip(e: EntityView) -> str:
    parts = [f"{e.name} · {LABEL_NAMES.get(e.label, e.label)}"]
    if e.wiki_description:
        parts.append(e.wiki_description)
    return " — ".join(parts)


def _text(seg: Segment) -> str:
    out = "".join(f'<span id="{b.anchor}"></span>' for b in seg.opens)
    text = esc(seg.text)
    return out + (f'<span class="bm">{text}</span>' if seg.bookmarks else text)


def _paragraph(segments: tuple[Segment, ...]) -> str:
    """Segments of one paragraph; consecutive pieces of one mention share one mark."""
    html: list[str] = []
    i = 0
    while i < len(segments):
        seg = segments[i]
        e = seg.entity
        if e is None:
            html.append(_text(seg))
            i += 1
            continue
        j = i
        while (
            j + 1 < len(segments)
            and segments[j + 1].entity is e
            and segments[j + 1].start == segments[j].end
            and segments[j + 1].kind == seg.kind
        ):
            j += 1
        inner = "".join(_text(s) for s in segments[i : j + 1])
        kind = " rel" if seg.kind == "related" else ""
        html.append(
            f'<mark class="ent l-{esc(e.label)} m-{e.anchor}{kind}">'
            f'<a href="#{e.anchor}" title="{esc(_tooltip(e))}">{inner}</a>'
            f'<span class="lab" aria-hidden="true">{esc(e.label)}</span></mark>'
        )
        i = j + 1
    return "".join(html)


def _pre(text: str) -> str:
    return f'<p class="pre">{esc(text)}</p>'


def _tags(tags: tuple[str, ...]) -> str:
    return '<p class="tags">' + " ".join(f"#{esc(t)}" for t in tags) + "</p>" if tags else ""


def _margin(view: ExportView, index: int) -> str:
    notes = []
    for e in view.notes_in(index):
        notes.append(
            f'<div class="note">{_label_tag(e.label)} <a href="#{e.anchor}">{esc(e.name)}</a>'
            f"{_pre(e.note) if e.note else ''}{_tags(e.tags)}</div>"
        )
    for b in view.bookmarks_in(index):
        if b.note:
            notes.append(
                f'<div class="note bmnote"><a href="#{b.anchor}">Bookmark {b.number}</a>'
                f"{_pre(b.note)}</div>"
            )
    return "".join(notes)


def _section(s: Section) -> str:
    if s.kind == "wikipedia":
        body = f"<strong>{esc(s.heading)}</strong>"
        if s.description:
            body += f" — {esc(s.description)}"
        body += _pre(s.text) if s.text else ""
        if s.url:
            body += (
                f'<a href="{esc(s.url)}" rel="noopener noreferrer external" '
                f'target="_blank">{esc(s.url)}</a>'
            )
        return body
    if s.kind == "facts":
        return esc(s.text)
    if s.kind == "tags":
        return _tags(s.items)
    return _pre(s.text)


def _card(e: EntityView) -> str:
    sub = e.mention_summary
    if e.aliases:
        sub += " · also: " + ", ".join(e.aliases)
    rows = [(s.title, _section(s)) for s in sections(e)]
    details = "".join(f"<dt>{name}</dt><dd>{body}</dd>" for name, body in rows)
    return (
        f'<article class="card" id="{e.anchor}">'
        f'<a class="close" href="#_" aria-label="close">×</a>'
        f"<h3>{_label_tag(e.label)} {esc(e.name)}</h3>"
        f'<p class="sub">{esc(sub)}</p><dl>{details}</dl></article>'
    )


def _orphan(n: OrphanNote) -> str:
    label = _label_tag(n.label) + " " if n.label else ""
    return (
        f'<article class="card"><h3>{label}{esc(n.name or n.entity_id)}</h3>'
        f"{_pre(n.note) if n.note else ''}{_tags(n.tags)}</article>"
    )


def _bookmark(b: BookmarkView) -> str:
    quote = f"<blockquote>{_pre(b.quote)}</blockquote>" if b.quote else ""
    link = f'<a href="#{b.anchor}">Bookmark {b.number}</a>' if b.paragraph >= 0 else ""
    return f"<li>{link or f'Bookmark {b.number}'}{quote}{_pre(b.note) if b.note else ''}</li>"


def _legend(view: ExportView) -> str:
    items = [
        f"<li>{_label_tag(label)} {esc(LABEL_NAMES.get(label, label))} ({n})</li>"
        for label, n in view.labels()
    ]
    if view.bookmarks:
        items.append('<li><span class="bm">bookmark</span></li>')
    return f'<nav class="legend" aria-label="Legend"><ul>{"".join(items)}</ul></nav>'


def _meta(view: ExportView) -> str:
    parts = [f"Kontext session “{view.session_name}”"]
    for name, value in (
        ("source", view.source),
        ("language", view.language),
        ("recognizer", view.recognizer),
        ("updated", view.updated),
    ):
        if value:
            parts.append(f"{name}: {value}")
    return esc(" · ".join(parts))


def render_html(view: ExportView) -> bytes:
    css = CSS + hover_rules([e.anchor for e in view.entities])
    title = view.title or "Untitled article"
    body = [
        f'<header><h1>{esc(title)}</h1><p class="meta">{_meta(view)}</p></header>',
        _legend(view),
        "<main>",
    ]
    for i, segments in enumerate(view.paragraphs):
        body.append(
            f'<div class="row"><p>{_paragraph(segments)}</p>'
            f'<aside class="margin">{_margin(view, i)}</aside></div>'
        )
    body.append("</main>")
    body.append('<section><h2>Entities</h2><div class="cards">')
    body.extend(_card(e) for e in view.entities)
    body.append("</div></section>")
    if view.orphans:
        body.append('<section><h2>Notes on entities no longer marked</h2><div class="cards">')
        body.extend(_orphan(n) for n in view.orphans)
        body.append("</div></section>")
    if view.bookmarks:
        body.append("<section><h2>Bookmarks</h2><ol>")
        body.extend(_bookmark(b) for b in view.bookmarks)
        body.append("</ol></section>")
    body.append(f"<footer>Exported by Kontext {esc(view.app_version)}</footer>")
    lang = esc(view.language or "und")
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(_csp(css))}">\n'
        '<meta name="referrer" content="no-referrer">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n<style>{css}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )
    return page.encode("utf-8")
