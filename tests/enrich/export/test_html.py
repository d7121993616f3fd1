"""The HTML export, parsed with lxml: highlights, notes, cards, and nothing injected."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser

import lxml.html
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from enrich.export import render
from enrich.session import EntityNote, Session, annotation_of
from enrich.text_clean import clean_text
from tests.enrich.export.conftest import BOOKMARK_NOTE, NATO_NOTE, ORPHAN_NOTE, SCRIPT

# Everything the export itself writes; an attribute or element outside these
# sets could only have come from injected text.
ELEMENTS = {
    "html", "head", "meta", "title", "style", "body", "header", "h1", "h2", "h3", "p",
    "nav", "ul", "ol", "li", "span", "main", "div", "mark", "a", "aside", "section",
    "article", "dl", "dt", "dd", "strong", "blockquote", "footer",
}  # fmt: skip
ATTRIBUTES = {
    "lang", "charset", "http-equiv", "content", "name", "class", "id", "href", "title",
    "rel", "target", "aria-label", "aria-hidden",
}  # fmt: skip


def _page(session: Session) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(render(session, "html").decode("utf-8"))


def _text(el: lxml.html.HtmlElement) -> str:
    return el.text_content()


def _card(doc: lxml.html.HtmlElement, name: str) -> lxml.html.HtmlElement:
    cards = [c for c in doc.find_class("card") if c.find("h3") is not None]
    return next(c for c in cards if _text(c.find("h3")).split(" ", 1)[1] == name)


def test_every_mention_is_marked_with_its_label_at_the_right_text(seed: Session) -> None:
    doc = _page(seed)
    marks = [
        (_text(m.find("a")), m.find_class("lab")[0].text) for m in doc.iter("mark")
    ]  # fmt: skip
    shown = annotation_of(seed)
    mentions = sorted(
        ((m.start, clean_text(m.text), str(e.label)) for e in shown.entities for m in e.mentions),
    )
    assert marks == [(text, label) for _, text, label in mentions]
    # The student's corrections are what is shown.
    assert ("Kiel", "ORG") in marks
    assert all(text != "Schweden" for text, _ in marks)
    assert (SCRIPT, "MISC") in marks  # an added entity, its name shown as text


def test_every_note_is_present_as_text_in_the_margin_and_on_the_card(seed: Session) -> None:
    doc = _page(seed)
    nato_note = clean_text(NATO_NOTE)
    margin = " ".join(_text(a) for a in doc.iter("aside"))
    assert nato_note in margin
    assert nato_note in _text(_card(doc, "NATO"))
    assert "#prüfung" in _text(_card(doc, "NATO")) and "#=1+1" in _text(_card(doc, "NATO"))
    assert BOOKMARK_NOTE in margin
    # The note on a rejected entity is not lost.
    assert ORPHAN_NOTE in _text(doc)
    assert "Schweden" in _text(doc.xpath("//section[h2='Notes on entities no longer marked']")[0])


def test_the_note_sits_next_to_the_paragraph_of_the_first_mention(seed: Session) -> None:
    doc = _page(seed)
    row = next(r for r in doc.find_class("row") if clean_text(NATO_NOTE) in _text(r))
    first = row.find("p")
    assert "NATO" in [_text(m.find("a")) for m in first.iter("mark")]
    earlier = doc.find_class("row")[: doc.find_class("row").index(row)]
    assert all("NATO" not in [_text(m.find("a")) for m in r.iter("mark")] for r in earlier)


def test_no_element_attribute_or_script_comes_from_user_text(seed: Session) -> None:
    raw = render(seed, "html").decode("utf-8")
    doc = lxml.html.document_fromstring(raw)
    assert not doc.xpath("//script | //img | //iframe | //object | //embed | //link | //base")
    assert {el.tag for el in doc.iter() if isinstance(el.tag, str)} <= ELEMENTS
    attributes = {a for el in doc.iter() if isinstance(el.tag, str) for a in el.attrib}
    assert attributes <= ATTRIBUTES
    assert len(doc.xpath("//style")) == 1
    assert SCRIPT in _text(doc)  # shown, as text
    assert "\x1b" not in raw and "\x07" not in raw


def test_links_are_internal_or_the_https_wikipedia_link(seed: Session) -> None:
    doc = _page(seed)
    ids = {el.get("id") for el in doc.iter() if isinstance(el.tag, str) and el.get("id")}
    external = set()
    for a in doc.iter("a"):
        href = a.get("href")
        if href.startswith("#"):
            assert href[1:] in ids or href == "#_"
        else:
            external.add(href)
    assert "https://de.wikipedia.org/wiki/NATO" in external
    # Every external link is an https Wikipedia page; the hand-edited javascript:
    # and plain-http URLs are not links.
    assert all(re.fullmatch(r"https://de\.wikipedia\.org/wiki/[^\"'<>\s]+", u) for u in external)
    assert not doc.xpath("//*[@src]")
    assert "http://plain.example/" not in external


def test_the_legend_lists_the_labels_shown(seed: Session) -> None:
    doc = _page(seed)
    legend = doc.xpath("//nav[@aria-label='Legend']")[0]
    shown = {str(e.label) for e in annotation_of(seed).entities}
    assert {t.text for t in legend.find_class("tag")} == shown


def test_bookmarks_are_highlighted_across_mentions(seed: Session) -> None:
    doc = _page(seed)
    anchor = doc.get_element_by_id("b1")
    paragraph = anchor.getparent()
    while paragraph.tag != "p":
        paragraph = paragraph.getparent()
    highlighted = "".join(_text(s) for s in paragraph.find_class("bm"))
    assert highlighted == seed.bookmarks[0].quote
    assert highlighted.endswith("Boris")  # cut inside the mark of "Boris Pistorius"


def test_the_stylesheet_is_allowed_by_the_csp_hash_and_nothing_else_is(seed: Session) -> None:
    doc = _page(seed)
    csp = doc.xpath("//meta[@http-equiv='Content-Security-Policy']")[0].get("content")
    policy = dict(p.strip().split(" ", 1) for p in csp.split(";"))
    assert policy["default-src"] == "'none'" and policy["script-src"] == "'none'"
    css = doc.find(".//style").text
    digest = base64.b64encode(hashlib.sha256(css.encode()).digest()).decode()
    assert policy["style-src"] == f"'sha256-{digest}'"
    assert "prefers-color-scheme: dark" in css
    # Each entity's card pops up when one of its mentions is hovered.
    hover = set(re.findall(r"body:has\(\.m-(e\d+):hover\) #(e\d+)", css))
    assert {(c.get("id"), c.get("id")) for c in doc.find_class("card") if c.get("id")} == hover


_note_text = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",)) | st.sampled_from("<>&\"'`[]\x1b\n"),
    max_size=80,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(note=_note_text)
def test_any_note_reads_back_exactly_as_cleaned(seed: Session, note: str) -> None:
    nato = next(e for e in annotation_of(seed).entities if e.name == "NATO")
    seed.notes[nato.id] = EntityNote(entity_id=nato.id, name="NATO", note=note)
    card = _card(_page(seed), "NATO")
    expected = clean_text(note).strip()
    shown = [
        _text(dd)
        for dt, dd in zip(card.iter("dt"), card.iter("dd"), strict=True)
        if dt.text == "Note"
    ]
    assert shown == ([expected] if expected else [])


class _Nesting(HTMLParser):
    """Records tags closed out of order: lxml would silently repair them."""

    VOID = frozenset({"meta", "br"})

    def __init__(self) -> None:
        super().__init__()
        self.stack: list[str] = []
        self.errors: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "p" and "p" in self.stack:
            self.errors.append("p inside p")
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack.pop() != tag:
            self.errors.append(f"</{tag}> out of order")


def test_the_page_is_well_nested(seed: Session) -> None:
    parser = _Nesting()
    parser.feed(render(seed, "html").decode("utf-8"))
    parser.close()
    assert parser.errors == [] and parser.stack == []
