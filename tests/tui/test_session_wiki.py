"""Wikipedia in the reader, over the loopback wiki: picking another candidate, visible first."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any, ClassVar

from enrich.enricher import Enricher, Enrichment
from enrich.model import Annotation, Entity, Label, Mention
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.helpers import make_article
from tests.tui.helpers import annotated, offline_enricher, screen_text, settle
from tui.reader.app import KontextApp
from tui.reader.screens.resume import ResumeScreen
from tui.reader.screens.wiki_choice import WikiChoiceScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard

TEXT = (
    "Der Vereinigte Generalstab Südkoreas (JCS) teilte mit, Nordkorea habe am Morgen "
    "mehrere ballistische Raketen ins Japanische Meer abgefeuert. Der JCS beobachte die Lage."
)


def _annotation() -> Annotation:
    article = make_article(TEXT, "de", title="JCS meldet Raketen")
    jcs = tuple(
        Mention(i, i + 3, "JCS", Label.ORG, "model")
        for i in (TEXT.index("JCS"), TEXT.rindex("JCS"))
    )
    start = TEXT.index("Nordkorea")
    nk = (Mention(start, start + 9, "Nordkorea", Label.LOC, "model"),)
    entities = (
        Entity("org-jcs", "JCS", Label.ORG, jcs),
        Entity("loc-nordkorea", "Nordkorea", Label.LOC, nk),
    )
    return Annotation(article, "hand-made", entities)


def _card(app: KontextApp) -> str:
    return app.query_one(EntityCard).plain


async def test_choosing_another_candidate_is_shown_kept_and_read_offline(
    fakewiki: FakeWiki,  # noqa: F811
    german_ui: None,  # a German student: the card's words in German
) -> None:
    annotation = _annotation()

    def online() -> Enricher:
        return Enricher(offline=False, api_url=fakewiki.api_url)

    async def choose() -> None:
        app = KontextApp(annotation.article, annotate=lambda a: annotation, enricher_factory=online)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            app.query_one(ArticleView).select_entity("org-jcs")
            await pilot.pause()
            card = _card(app)
            assert (
                "Vereinigter Generalstab (Südkorea)"
                in card.splitlines()[card.splitlines().index("Wikipedia") + 1]
            )
            assert "Andere Treffer (w zum Wählen)" in card
            await pilot.press("w")
            await pilot.pause()
            assert isinstance(app.screen, WikiChoiceScreen)
            assert "Joint Chiefs of Staff (USA)" in screen_text(app)
            screen = app.screen
            index = next(
                i
                for i, (t, _) in enumerate(screen.candidates)
                if t == "Joint Chiefs of Staff (USA)"
            )
            for _ in range(index):
                await pilot.press("down")
            await pilot.press("enter")
            await settle(pilot)
            card = _card(app)
            lines = card.splitlines()
            head = lines[lines.index("Wikipedia") + 1]
            assert head.startswith("Joint Chiefs of Staff (USA)") and "deine Wahl" in head
            assert "\n· Vereinigter Generalstab (Südkorea)" in card  # to switch back
            assert app.reader.state is not None
            assert app.reader.state.session.wiki_choices == {
                "org-jcs": "Joint Chiefs of Staff (USA)"
            }
            await pilot.press("s")
            await settle(pilot)

    await choose()

    async def reopen_offline() -> None:
        app = KontextApp(
            annotation.article,
            offline=True,
            annotate=lambda a: annotation,
            enricher_factory=offline_enricher,  # no Wikipedia at all: the saved card must do
        )
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ResumeScreen)
            await pilot.press("enter")
            await settle(pilot)
            app.query_one(ArticleView).select_entity("org-jcs")
            await pilot.pause()
            card = _card(app)
            assert "Joint Chiefs of Staff (USA)  deine Wahl" in card
            assert "Vereinigter Generalstab (Südkorea)" in card

    fakewiki.stop()
    await reopen_offline()


class _Recording(Enricher):
    """A real Enricher that notes which entities each call was asked for."""

    calls: ClassVar[list[set[str] | None]] = []

    def enrich(
        self,
        annotation: Annotation,
        *,
        only: Collection[str] | None = None,
        titles: Mapping[str, str] | None = None,
    ) -> dict[str, Enrichment]:
        _Recording.calls.append(None if only is None else set(only))
        return super().enrich(annotation, only=only, titles=titles)


async def test_entities_on_screen_are_looked_up_first(sample_annotation: Annotation) -> None:
    _Recording.calls = []
    visible: list[str] = []

    def factory() -> Enricher:
        return _Recording(offline=True, wikipedia=False)

    async def scenario(app: Any) -> None:
        async with app.run_test(size=(120, 12)) as pilot:  # a few lines of the article
            await annotated(pilot)
            visible.extend(app.query_one(ArticleView).visible_entity_ids())
            await settle(pilot)
            assert app.reader.card_state == "ready"
            assert set(app.reader.cards) == {e.id for e in sample_annotation.entities}

    app = KontextApp(
        sample_annotation.article,
        offline=True,
        annotate=lambda a: sample_annotation,
        enricher_factory=factory,
    )
    await scenario(app)
    everyone = {e.id for e in sample_annotation.entities}
    assert visible and set(visible) < everyone
    first, rest = _Recording.calls[:2]
    assert first == set(visible)
    assert rest == everyone - set(visible)


async def test_the_choice_after_not_found_marks_no_candidate_as_shown(
    fakewiki: FakeWiki,  # noqa: F811
) -> None:
    """The card said "not found": its suggestions are offered, none as "(shown now)"."""
    text = "Der Generalstab Südkorea teilte mit, die Lage sei ruhig."
    article = make_article(text, "de", title="Lage")
    start = text.index("Generalstab Südkorea")
    mention = Mention(start, start + 20, "Generalstab Südkorea", Label.ORG, "model")
    entity = Entity("org-gs", "Generalstab Südkorea", Label.ORG, (mention,))
    annotation = Annotation(article, "hand-made", (entity,))

    def online() -> Enricher:
        return Enricher(offline=False, api_url=fakewiki.api_url)

    app = KontextApp(article, annotate=lambda a: annotation, enricher_factory=online)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-gs")
        await pilot.pause()
        assert "not found" in _card(app)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, WikiChoiceScreen)
        shown = screen_text(app)
        assert "Vereinigter Generalstab (Südkorea)" in shown
        assert "(shown now)" not in shown
