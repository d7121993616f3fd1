"""The reader under hostile text: every string on screen is literal, inert and control-free.

Pilot drives the real app; the article goes through the real loader, the card
through the real Enricher against the loopback MediaWiki serving a hostile page.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from enrich import load_article
from enrich.enricher import Enricher
from enrich.model import Annotation, Article, Entity, Label, Mention
from enrich.session import SessionStore
from enrich.session.codec import encode
from enrich.session.convert import article_of
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.robustness.hostile import (
    CLEAR,
    CLIPBOARD,
    TITLE,
    hostile_paragraph,
    leaked_payloads,
    unsafe_chars,
)
from tests.robustness.hostile_session import hostile_session
from tests.tui.helpers import offline_enricher, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard


def hand_annotation(article: Article, names: dict[str, Label]) -> Annotation:
    """Every occurrence of each name as one entity: the UI is under test, not the NER."""
    entities = []
    for name, label in names.items():
        mentions = tuple(
            Mention(m.start(), m.end(), name, label, "model")
            for m in re.finditer(re.escape(name), article.text)
        )
        entity_id = f"{label.lower()}-{len(entities)}"
        entities.append(Entity(entity_id, name, label, mentions))
    return Annotation(article, "hand-made", tuple(entities))


def load(tmp_path: Path, name: str, text: str) -> Article:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return load_article(str(path))


async def test_reader_shows_hostile_article_literally_and_a_click_on_markup_does_nothing(
    tmp_path: Path,
) -> None:
    article = load(tmp_path, f"{TITLE}[red]titel.txt", hostile_paragraph() + "\n")
    annotation = hand_annotation(article, {"Olaf Scholz": Label.PER, "Berlin": Label.LOC})

    app = KontextApp(
        article, offline=True, annotate=lambda a: annotation, enricher_factory=offline_enricher
    )
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        shown = screen_text(app)
        assert "[@click=app.quit]Olaf Scholz[/]" in shown
        assert "[link=file:///etc/passwd]hier[/link]" in shown
        assert "[red]titel" in shown  # the title from the file name, literally
        assert not unsafe_chars(shown) and not leaked_payloads(shown)
        view = app.query_one(ArticleView)
        col, row = view.cell_of(view.article.text.index("[@click=app.quit]") + 3)
        await pilot.click(ArticleView, offset=(col, row))
        await pilot.click(ArticleView, offset=(col + 20, row))  # on "Olaf Scholz" itself
        await pilot.pause()
        assert app.is_running and app.return_code is None
        assert view.current_entity == "per-0"


async def test_reader_card_shows_hostile_wikipedia_text_literally(
    fakewiki: FakeWiki,  # noqa: F811
    tmp_path: Path,
) -> None:
    fakewiki.wikis["de"].pages["Kiel"] = {
        "id": 4242,
        "description": f"[red]Stadt[/red]{TITLE}",
        "extract": f"Kiel ist [bold]die[/bold] {CLEAR}Hauptstadt [@click=app.quit]x[/] {CLIPBOARD}",
    }
    article = load(tmp_path, "kiel.txt", "In Kiel legten mehr Fähren an als je zuvor.\n")
    annotation = hand_annotation(article, {"Kiel": Label.LOC})

    app = KontextApp(
        article,
        annotate=lambda a: annotation,
        enricher_factory=lambda: Enricher(api_url=fakewiki.api_url),
    )
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        card = app.query_one(EntityCard).plain
        assert "Kiel ist [bold]die[/bold] Hauptstadt [@click=app.quit]x[/]" in card
        assert "[red]Stadt[/red]" in card
        shown = screen_text(app)
        assert "[bold]die[/bold]" in shown
        assert not unsafe_chars(card + shown) and not leaked_payloads(card + shown)


@pytest.mark.timeout(120)
async def test_reader_renders_a_100_kb_line_and_a_combining_flood(tmp_path: Path) -> None:
    sentence = "Olaf Scholz traf Emmanuel Macron in Paris und sprach über die NATO. "
    line = (sentence * (100_000 // len(sentence) + 1))[:100_000]
    flood = "Z" + "\u0301" * 20_000
    article = load(tmp_path, "lang.txt", f"{flood} Berlin.\n\n{line}\n")
    annotation = hand_annotation(article, {"Paris": Label.LOC, "Berlin": Label.LOC})

    app = KontextApp(
        article, offline=True, annotate=lambda a: annotation, enricher_factory=offline_enricher
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        assert view.line_count > 1000  # the long line is wrapped, not one 100 KB row
        await pilot.press("n", "n", "end")
        await pilot.pause()
        shown = screen_text(app)
        assert "Berlin" in shown or "Paris" in shown
        assert not unsafe_chars(shown)
        assert app.is_running


async def test_reader_opens_a_hostile_session_file_without_obeying_it(kontext_home: Path) -> None:
    """A hand-edited session file can hold raw escapes in its article text and names."""
    store = SessionStore(kontext_home / "data" / "sessions")
    path = store.path("feind")
    path.parent.mkdir(parents=True)
    path.write_bytes(encode(hostile_session()))
    session = store.load("feind")
    article = article_of(session.article)

    app = KontextApp(
        article, offline=True, enricher_factory=offline_enricher, session=session, store=store
    )
    async with app.run_test(size=(200, 40)) as pilot:
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()
        shown = screen_text(app) + app.query_one(EntityCard).plain
        assert "[bold]Eve[/bold]" in shown and "NATO" in shown
        assert not unsafe_chars(shown), sorted(unsafe_chars(shown))
        assert not leaked_payloads(shown)
        assert app.is_running
