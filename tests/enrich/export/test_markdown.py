"""The Markdown export, checked by its structure as markdown-it parses it."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import unquote

from hypothesis import assume, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from markdown_it.token import Token

from enrich.export import render
from enrich.export.markdown import block
from enrich.model import Entity
from enrich.session import Session, annotation_of
from enrich.text_clean import clean_text
from tests.enrich.export.conftest import BOOKMARK_NOTE, NATO_NOTE, ORPHAN_NOTE, SCRIPT

# CommonMark plus the GFM extensions that could be abused (tables, strikethrough).
MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def inline_text(token: Token) -> str:
    parts = []
    for child in token.children or []:
        if child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type in ("text", "code_inline", "html_inline"):
            parts.append(child.content)
    return "".join(parts)


@dataclass
class Section:
    level: int
    title: str
    tokens: list[Token] = field(default_factory=list)

    def text(self) -> str:
        return "\n".join(inline_text(t) for t in self.tokens if t.type == "inline")


def sections(markdown: str) -> list[Section]:
    tokens = MD.parse(markdown)
    out: list[Section] = []
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open":
            out.append(Section(int(tok.tag[1]), inline_text(tokens[i + 1])))
        elif out and tok.type != "heading_close" and tokens[i - 1].type != "heading_open":
            out[-1].tokens.append(tok)
    return out


def _in_order(session: Session) -> list[Entity]:
    return sorted(annotation_of(session).entities, key=lambda e: min(m.start for m in e.mentions))


def _md(session: Session) -> str:
    return render(session, "md").decode("utf-8")


def test_sections_article_entities_orphans_bookmarks(seed: Session) -> None:
    parts = sections(_md(seed))
    assert parts[0].level == 1 and parts[0].title == f'Großmanöver "Ostsee" {SCRIPT}'
    assert [p.title for p in parts if p.level == 2] == [
        "Article",
        "Entities",
        "Notes on entities no longer marked",
        "Bookmarks",
    ]
    shown = _in_order(seed)
    entity_titles = [p.title for p in parts if p.level == 3 and p.title[0].isdigit()]
    assert entity_titles == [f"{i}. {e.name} · {e.label}" for i, e in enumerate(shown, 1)]


def test_each_note_is_present_as_text(seed: Session) -> None:
    parts = {p.title: p for p in sections(_md(seed))}
    nato = next(p for title, p in parts.items() if title.endswith(". NATO · ORG"))
    assert clean_text(NATO_NOTE) in nato.text()
    assert "Tags: prüfung, =1+1" in nato.text()
    assert any(t.type == "blockquote_open" for t in nato.tokens)
    assert ORPHAN_NOTE in parts["Schweden · LOC"].text()
    assert BOOKMARK_NOTE in parts["Bookmark 1"].text()
    assert seed.bookmarks[0].quote in parts["Bookmark 1"].text()


def test_mentions_are_bold_with_their_label_and_number(seed: Session) -> None:
    article = next(p for p in sections(_md(seed)) if p.title == "Article")
    bold = sum(t.type == "strong_open" for i in article.tokens for t in i.children or [])
    italic = sum(t.type == "em_open" for i in article.tokens for t in i.children or [])
    mentions = [m for e in annotation_of(seed).entities for m in e.mentions]
    assert bold == sum(m.kind == "mention" for m in mentions)
    assert italic == sum(m.kind == "related" for m in mentions) > 0
    assert "Boris Pistorius [PER " in article.text()
    assert "Kiel [ORG " in article.text()  # relabelled by the student


def test_no_html_and_no_link_comes_from_user_text(seed: Session) -> None:
    tokens = MD.parse(_md(seed))
    flat = [c for t in tokens for c in [t, *(t.children or [])]]
    assert not [t for t in flat if t.type in ("html_block", "html_inline", "image")]
    links = [unquote(str(t.attrGet("href"))) for t in flat if t.type == "link_open"]
    # Only the Wikipedia links of the enrichment, and only those that were https.
    cards = [seed.enrichment.get(e.id) for e in _in_order(seed)]
    urls = [c.wikipedia.url or "" for c in cards if c is not None and c.wikipedia is not None]
    https = [unquote(url) for url in urls if url.startswith("https://")]
    assert links == https
    assert "https://de.wikipedia.org/wiki/NATO" in links
    # Lines of a note that look like a heading, a list item or an ordered list stay text.
    assert [t.tag for t in tokens if t.type == "heading_open"].count("h1") == 1
    assert not [t for t in tokens if t.type in ("bullet_list_open", "ordered_list_open")]
    assert "\x1b" not in _md(seed)


_line = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Zl", "Zp", "Cc"))
    | st.sampled_from("\\`*_[]<>&|~#!-+=.)0123456789 "),
    min_size=1,
    max_size=40,
).map(str.strip)


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(_line.filter(bool), min_size=1, max_size=4))
def test_any_text_escapes_to_a_paragraph_that_reads_back_the_same(lines: list[str]) -> None:
    lines = [line for line in (clean_text(x).strip() for x in lines) if line]
    assume(lines)
    text = "\n".join(lines)
    tokens = MD.parse(block(text))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    assert {c.type for c in tokens[1].children} <= {"text", "softbreak"}
    assert inline_text(tokens[1]) == text


def test_an_entity_seen_only_in_a_derived_form_says_so_in_md_and_html() -> None:
    from enrich.model import Annotation, Label, Mention
    from enrich.session import new_session
    from tests.helpers import make_article

    text = "Die deutsche Regierung tagte in Berlin."
    start = text.index("deutsche")
    related = Mention(start, start + 8, "deutsche", Label.LOC, "model", "related")
    berlin_at = text.index("Berlin")
    berlin = Mention(berlin_at, berlin_at + 6, "Berlin", Label.LOC, "model")
    entities = (
        Entity("loc-de", "Deutschland", Label.LOC, (related,)),
        Entity("loc-berlin", "Berlin", Label.LOC, (berlin,)),
    )
    session = new_session("x", Annotation(make_article(text, "de"), "hand-made", entities))
    markdown = render(session, "md").decode()
    assert "*only as: deutsche*" in markdown and "0 mentions" not in markdown
    assert "*1 mention*" in markdown
    page = render(session, "html").decode()
    assert "only as: deutsche" in page and "0 mentions" not in page
