"""Find an article's paragraphs and title in plain text, Markdown or HTML.

The text is cleaned and joined here, once, because every offset later on
indexes it as is. markdown-it, trafilatura and lxml are imported only for the
format that needs them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from enrich.messages import one_line
from enrich.model import Paragraph
from enrich.text_clean import clean_text

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

    from lxml.html import HtmlElement
    from markdown_it.token import Token

Kind = Literal["text", "markdown", "html"]

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})

# A numeric character reference in HTML, e.g. &#27; or &#x9B;
_CHAR_REF_RE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,8}));?")
_BLANK_LINE_RE = re.compile(r"\n[^\S\n]*\n")
_NON_SPACE_RE = re.compile(r"\S")
# A run of lines that each hold something, from its first to its last non-space.
_BLOCK_RE = re.compile(r"\S(?:[^\n]*\S)?(?:[^\S\n]*\n[^\S\n]*\S(?:[^\n]*\S)?)*")
# One line, from its first to its last non-space.
_LINE_RE = re.compile(r"\S(?:[^\n]*\S)?")
# Tags after which the lxml fallback starts a new line.
_BLOCK_TAGS = frozenset((
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
    "section", "article", "header", "footer", "blockquote", "pre", "dd", "dt", "figcaption",
))  # fmt: skip


def extract(
    decoded: str, kind: Kind, url: str | None, warnings: list[str] | None = None
) -> tuple[str, tuple[Paragraph, ...], str | None]:
    """The article text, its paragraphs as ranges into it, and the title the source gives.

    Plain text is kept as is; Markdown and HTML are rendered to blocks joined
    by blank lines. The title is None when the source names none. What the
    reader should know about the source (HTML nested too deeply) is appended
    to ``warnings``.
    """
    if kind == "text":
        return decoded, _plain_paragraphs(decoded), None
    if kind == "markdown":
        blocks, title = _markdown_blocks(decoded)
    else:
        blocks, title = _html_blocks(decoded, url, warnings if warnings is not None else [])
    text, paragraphs = _join_blocks(blocks)
    return text, paragraphs, title


def _plain_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """Paragraphs of plain text, as ranges into it without surrounding whitespace.

    Blank lines separate paragraphs; a text without any blank line has one
    paragraph per non-empty line (one-sentence-per-line files, subtitles).
    """
    first = _NON_SPACE_RE.search(text)
    if first is None:
        return ()
    # Only blank lines between paragraphs count: not a trailing one after a list of lines.
    has_blank_line = _BLANK_LINE_RE.search(text, first.start(), len(text.rstrip())) is not None
    pattern = _BLOCK_RE if has_blank_line else _LINE_RE
    return tuple(Paragraph(m.start(), m.end()) for m in pattern.finditer(text))


def _join_blocks(blocks: Iterable[str]) -> tuple[str, tuple[Paragraph, ...]]:
    """Join rendered blocks with blank lines, recording each block's range."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    position = 0
    for block in blocks:
        cleaned = clean_text(block).strip()
        if not cleaned:
            continue
        if parts:
            position += 2
        paragraphs.append(Paragraph(position, position + len(cleaned)))
        parts.append(cleaned)
        position += len(cleaned)
    return "\n\n".join(parts), tuple(paragraphs)


def _markdown_blocks(source: str) -> tuple[list[str], str | None]:
    """Render Markdown to plain blocks (one per heading, paragraph, item, ...).

    Returns the blocks and the first h1 (else first heading) as the title.
    Inline markup keeps only its text, images their alt text; raw HTML is dropped.
    """
    from markdown_it import MarkdownIt

    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    blocks: list[str] = []
    first_h1: str | None = None
    first_heading: str | None = None
    heading: str | None = None
    lists: list[list[int]] = []  # per open list: [is ordered, next number]
    prefix = ""
    row: list[str] | None = None
    for token in parser.parse(source):
        kind = token.type
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = token.attrGet("start")
            lists.append([kind == "ordered_list_open", int(start) if start else 1])
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open" and lists:
            ordered, number = lists[-1]
            prefix = f"{number}{token.markup} " if ordered else "- "
            lists[-1][1] = number + 1
        elif kind == "heading_open":
            heading = token.tag
        elif kind == "heading_close":
            heading = None
        elif kind == "tr_open":
            row = []
        elif kind == "tr_close" and row is not None:
            blocks.append(" | ".join(cell for cell in row if cell))
            row = None
        elif kind == "inline":
            text = _inline_text(token.children or ()).strip()
            if row is not None:
                row.append(text)
            elif text:
                if heading is not None:
                    title = one_line(text)
                    first_heading = first_heading or title
                    if heading == "h1":
                        first_h1 = first_h1 or title
                blocks.append(prefix + text)
                prefix = ""
        elif kind in ("fence", "code_block"):
            blocks.append(prefix + token.content)
            prefix = ""
    return blocks, first_h1 or first_heading


def _inline_text(children: Sequence[Token]) -> str:
    """The visible text of an inline token stream."""
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline", "image"):  # an image's content is its alt text
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
    return "".join(parts)


def _html_blocks(html: str, url: str | None, warnings: list[str]) -> tuple[list[str], str | None]:
    """Main text and title of a page via trafilatura, else all visible text via lxml.

    The page is parsed here with lxml's ``huge_tree``: without it libxml2 drops
    everything below 256 levels of nesting, silently. Past its hard limit
    (2,048 levels) the page is read as flat visible text, with a warning.
    ``<template>`` content is never shown by a browser, so it is dropped.
    """
    import trafilatura

    html = _CHAR_REF_RE.sub(_safe_char_ref, html)
    root = _parse_html(html)
    if root is not None and _depth(root) >= MAX_HTML_DEPTH:
        warnings.append(
            f"the page's HTML is nested more than {MAX_HTML_DEPTH:,} levels deep; "
            "it was read as plain visible text, without its layout"
        )
        title, lines = _flat_visible_text(html)
        return lines, title
    if root is None:
        return [], None
    _drop_templates(root)
    try:
        document = trafilatura.bare_extraction(
            root,
            url=url,
            with_metadata=True,
            include_comments=False,
            # Balanced mode: favor_precision drops short articles' paragraphs,
            # and a missing paragraph hurts a reader more than a stray link line.
            favor_precision=False,
        )
    except Exception:  # a parser bug in the page must not crash the reader
        document = None
    title = None
    if document is not None and not isinstance(document, dict):
        title = document.title or None
        lines = (document.text or "").split("\n")
        if any(line.strip() for line in lines):
            return lines, title
    fallback_title, lines = _html_visible_text(html)
    return lines, title or fallback_title


def _safe_char_ref(match: re.Match[str]) -> str:
    """Resolve a numeric reference to a control character as browsers do, else keep it.

    lxml would turn ``&#27;`` into a real ESC (and trafilatura then drops the
    whole page); C1 references mean windows-1252 characters on the web.
    """
    hex_digits, decimal_digits = match.groups()
    code = int(hex_digits, 16) if hex_digits else int(decimal_digits)
    if 0x80 <= code <= 0x9F:
        return bytes([code]).decode("cp1252", errors="ignore")
    if code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    if (code < 0x20 and code not in (0x09, 0x0A, 0x0D)) or code == 0x7F:
        return ""
    return match.group(0)


# libxml2's depth limit with huge_tree; text nested deeper is lost to lxml.
MAX_HTML_DEPTH = 2048


def _parse_html(html: str) -> HtmlElement | None:
    """The page as an lxml tree (huge_tree: 2,048 levels, not 256), None if unparsable."""
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser(huge_tree=True)
    try:
        return lxml_html.document_fromstring(html, parser=parser)
    except ValueError:  # a str with an XML encoding declaration must be parsed as bytes
        try:
            return lxml_html.document_fromstring(html.encode("utf-8"), parser=parser)
        except (ValueError, etree.ParserError):
            return None
    except etree.ParserError:
        return None


def _depth(root: HtmlElement) -> int:
    """How deep the tree nests (iteratively: a recursive walk would hit Python's limit)."""
    from lxml import etree

    depth = deepest = 0
    for event, _ in etree.iterwalk(root, events=("start", "end")):
        depth += 1 if event == "start" else -1
        deepest = max(deepest, depth)
    return deepest


def _drop_templates(root: HtmlElement) -> None:
    """Remove ``<template>`` elements (inert content no browser shows), keeping their tails."""
    from lxml import etree

    etree.strip_elements(root, "template", with_tail=False)


def _flat_visible_text(html: str) -> tuple[str | None, list[str]]:
    """Title and visible lines from a streaming tokenizer, for pages too deep for lxml."""
    from html.parser import HTMLParser

    hidden = {"head", "script", "style", "noscript", "template", "svg", "title"}

    class Collector(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.parts: list[str] = []
            self.title: list[str] = []
            self.skipping: list[str] = []  # open hidden elements, innermost last

        def handle_starttag(self, tag: str, attrs: object) -> None:
            if tag in hidden:
                self.skipping.append(tag)
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            if tag in self.skipping:
                del self.skipping[len(self.skipping) - 1 - self.skipping[::-1].index(tag) :]
            elif tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.skipping:
                self.parts.append(data)
            elif self.skipping[-1] == "title":
                self.title.append(data)

    collector = Collector()
    collector.feed(html)
    collector.close()
    lines = [" ".join(line.split()) for line in "".join(collector.parts).split("\n")]
    title = one_line("".join(collector.title)) or None
    return title, [line for line in lines if line]


def _html_visible_text(html: str) -> tuple[str | None, list[str]]:
    """The <title> and every visible line of a page, for when trafilatura finds nothing."""
    from lxml import etree

    root = _parse_html(html)
    if root is None:
        return None, []
    title = root.findtext(".//title")
    etree.strip_elements(
        root,
        "head", "script", "style", "noscript", "template", "svg",
        etree.Comment, etree.ProcessingInstruction,
        with_tail=False,
    )  # fmt: skip
    parts: list[str] = []
    for event, element in etree.iterwalk(root, events=("start", "end")):
        is_block = element.tag in _BLOCK_TAGS
        if event == "start":
            parts.append("\n" if is_block else "")
            parts.append(element.text or "")
        else:
            parts.append("\n" if is_block else "")
            if element is not root:
                parts.append(element.tail or "")
    lines = [" ".join(line.split()) for line in "".join(parts).split("\n")]
    return (one_line(title) if title else None), [line for line in lines if line]
