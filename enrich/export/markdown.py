"""Markdown export: the marked-up article, a glossary section per entity, bookmarks.

Plain CommonMark, so it reads well raw and renders anywhere. Mentions are
bold (derived forms italic) followed by ``[LABEL n]``, where n is the entity's
number in the glossary. Every piece of text from the session is escaped, so a
hostile article or note cannot inject links, HTML or block structure.
"""

from __future__ import annotations

import re

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

# Inline specials: escaping these leaves no way to start a link, image, HTML
# tag, autolink, entity reference, code span, emphasis, table cell or
# strikethrough. "(" and ")" need no escape once "[" and "]" are escaped.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~#])")
# A line starting with one of these would begin a list, a setext underline or a
# thematic break; digits followed by "." or ")" an ordered list.
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])")


def inline(text: str) -> str:
    """``text`` as literal Markdown inline content."""
    return _INLINE.sub(r"\\\1", text)


def _line_starts(paragraph: str) -> str:
    """Neutralise block syntax at the start of every line of an escaped paragraph."""
    lines = []
    for line in paragraph.split("\n"):
        line = line.strip()  # four spaces would start a code block
        line = _LINE_START.sub(lambda m: "\\" + m[1] if m[1] else m[2] + "\\" + m[3], line)
        lines.append(line)
    return "\n".join(lines)


def block(text: str) -> str:
    """Multi-line text as escaped Markdown paragraphs (blank lines kept as breaks)."""
    paragraphs = [p for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "\n\n".join(_line_starts(inline(p.strip())) for p in paragraphs)


def quoted(text: str) -> str:
    """Multi-line text as an escaped block quote."""
    return "\n".join(f"> {line}" if line else ">" for line in block(text).split("\n"))


def _marker(entity: EntityView) -> str:
    return f"\\[{entity.label} {entity.number}\\]"


def _segment(seg: Segment) -> str:
    text = inline(seg.text)
    if seg.entity is None or not seg.text.strip():
        return text
    # Emphasis must hug the text: keep surrounding white space outside the markers.
    core = text.strip()
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    mark = "*" if seg.kind == "related" else "**"
    return f"{lead}{mark}{core}{mark} {_marker(seg.entity)}{trail}"


def _merge(segments: tuple[Segment, ...]) -> list[Segment]:
    """Join consecutive pieces of one mention that bookmarks had cut apart."""
    merged: list[Segment] = []
    for seg in segments:
        prev = merged[-1] if merged else None
        if prev and seg.entity and prev.entity is seg.entity and prev.end == seg.start:
            merged[-1] = Segment(prev.start, seg.end, prev.text + seg.text, seg.entity, seg.kind)
        else:
            merged.append(seg)
    return merged


def _paragraph(segments: tuple[Segment, ...]) -> str:
    return _line_starts("".join(_segment(s) for s in _merge(segments)).strip())


def _tags(tags: tuple[str, ...]) -> str:
    return "**Tags:** " + ", ".join(inline(t) for t in tags)


def _note_lines(note: str, tags: tuple[str, ...]) -> list[str]:
    lines = []
    if note:
        lines += ["**Note:**", "", quoted(note), ""]
    if tags:
        lines += [_tags(tags), ""]
    return lines


def _entity(e: EntityView) -> list[str]:
    lines = [f"### {e.number}. {inline(e.name)} · {e.label}", ""]
    meta = inline(e.mention_summary)
    if e.aliases:
        meta += " · also: " + ", ".join(inline(a) for a in e.aliases)
    lines += [f"*{meta}*", ""]
    for section in sections(e):
        lines += _section(section)
    return lines


def _section(s: Section) -> list[str]:
    if s.kind == "wikipedia":
        head = f"**Wikipedia: {inline(s.heading)}**"
        if s.description:
            head += f" — {inline(s.description)}"
        lines = [head, ""]
        if s.text:
            lines += [block(s.text), ""]
        if s.url:
            lines += [f"[{inline(s.url)}]({s.url})", ""]
        return lines
    if s.kind == "note":
        return _note_lines(s.text, ())
    if s.kind == "tags":
        return _note_lines("", s.items)
    if s.kind == "facts":
        return [f"**{s.title}:** {inline(s.text)}", ""]
    return [f"**{s.title}:** {block(s.text)}", ""]


def _orphan(n: OrphanNote) -> list[str]:
    label = f" · {inline(n.label)}" if n.label else ""
    return [f"### {inline(n.name or n.entity_id)}{label}", "", *_note_lines(n.note, n.tags)]


def _bookmark(b: BookmarkView) -> list[str]:
    lines = [f"### Bookmark {b.number}", ""]
    if b.quote:
        lines += [quoted(b.quote), ""]
    if b.note:
        lines += [block(b.note), ""]
    return lines


def _header(view: ExportView) -> list[str]:
    meta = [f"Kontext session “{inline(view.session_name)}”"]
    if view.source:
        meta.append(f"source: {inline(view.source)}")
    if view.language:
        meta.append(f"language: {inline(view.language)}")
    if view.recognizer:
        meta.append(f"recognizer: {inline(view.recognizer)}")
    if view.updated:
        meta.append(f"updated: {inline(view.updated)}")
    return [f"# {inline(view.title) or 'Untitled article'}", "", "*" + " · ".join(meta) + "*", ""]


def render_markdown(view: ExportView) -> bytes:
    lines = _header(view)
    lines += ["## Article", ""]
    for segments in view.paragraphs:
        text = _paragraph(segments)
        if text:
            lines += [text, ""]
    lines += ["## Entities", ""]
    if view.entities:
        legend = ", ".join(
            f"{label} = {LABEL_NAMES.get(label, label)}" for label, _ in view.labels()
        )
        lines += [f"*Labels: {legend}.*", ""]
        for e in view.entities:
            lines += _entity(e)
    else:
        lines += ["*No entities.*", ""]
    if view.orphans:
        lines += ["## Notes on entities no longer marked", ""]
        for n in view.orphans:
            lines += _orphan(n)
    lines += ["## Bookmarks", ""]
    if view.bookmarks:
        for b in view.bookmarks:
            lines += _bookmark(b)
    else:
        lines += ["*No bookmarks.*", ""]
    return ("\n".join(lines).rstrip() + "\n").encode("utf-8")
