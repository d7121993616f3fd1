"""A Wikipedia choice made once is the default for the same name in the next article,
and the card says where it came from (loopback wiki, real index, real sessions)."""

from __future__ import annotations

from enrich.enricher import Enricher
from enrich.model import Annotation, Entity, Label, Mention
from enrich.session import SessionStore
from enrich.session.convert import annotation_of
from tests.enrich.index.conftest import TITLES, entity_id
from tests.fakewiki.fixtures import fakewiki  # noqa: F401  (pytest fixture)
from tests.fakewiki.server import FakeWiki
from tests.helpers import make_article
from tests.tui.helpers import MessageLog, settle
from tests.tui.memory_sessions import save_sessions
from tui.reader.app import KontextApp
from tui.reader.memory_controller import CarriedChoices
from tui.reader.messages import WikiChoiceReady
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard
from tui.reader.widgets.seen_in import SeenIn

US_PAGE = "Joint Chiefs of Staff (USA)"  # not the loopback wiki's own pick for "JCS"
TEXT = "Der JCS meldete am Sonntag einen weiteren Start. Der JCS beobachte die Lage in Seoul."


def _next_article() -> Annotation:
    article = make_article(TEXT, "de", title="Noch ein Start")
    jcs = tuple(
        Mention(i, i + 3, "JCS", Label.ORG, "model")
        for i in (TEXT.index("JCS"), TEXT.rindex("JCS"))
    )
    return Annotation(article, "hand-made", (Entity("org-jcs", "JCS", Label.ORG, jcs),))


async def test_earlier_choice_is_the_default_and_the_card_says_from_where(
    fakewiki: FakeWiki,  # noqa: F811
) -> None:
    first = save_sessions(1)[0]
    store = SessionStore()
    session = store.load(first.name)
    session.wiki_choices[entity_id(annotation_of(session), "JCS")] = US_PAGE
    store.save(session)
    annotation = _next_article()
    log = MessageLog()

    def online() -> Enricher:
        return Enricher(offline=False, api_url=fakewiki.api_url)

    app = KontextApp(annotation.article, annotate=lambda a: annotation, enricher_factory=online)
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        carried = await log.wait_for(lambda m: isinstance(m, CarriedChoices))
        assert isinstance(carried, CarriedChoices)
        assert carried.choices["org-jcs"].title == US_PAGE
        await log.wait_for(lambda m: isinstance(m, WikiChoiceReady))
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-jcs")
        await pilot.pause()
        card = app.query_one(EntityCard).plain
        lines = card.splitlines()
        assert US_PAGE in lines[lines.index("Wikipedia") + 1]
        seen = app.query_one(SeenIn)
        assert seen.carried == f"Wikipedia: your choice from “{TITLES[0]}”"
        assert seen.display


def test_the_reader_carries_a_choice_only_into_a_similar_context() -> None:
    """The reader's lookup (``carried_choices``) compares the words around "JCS": the
    launch report above shares "meldete", "Start", "Seoul" with the first session and
    gets its choice; a text about a handball club called JCS gets none."""
    from tui.reader.memory_controller import carried_choices

    first = save_sessions(1)[0]
    store = SessionStore()
    session = store.load(first.name)
    session.wiki_choices[entity_id(annotation_of(session), "JCS")] = US_PAGE
    store.save(session)
    carried = carried_choices(_next_article(), (), "", store)
    assert carried["org-jcs"].title == US_PAGE
    text = "Der JCS gewann am Samstag das Pokalfinale. Die Fans feierten den Trainer des JCS."
    starts = (text.index("JCS"), text.rindex("JCS"))
    jcs = tuple(Mention(i, i + 3, "JCS", Label.ORG, "model") for i in starts)
    article = make_article(text, "de", title="Handball")
    other = Annotation(article, "hand-made", (Entity("org-jcs", "JCS", Label.ORG, jcs),))
    assert carried_choices(other, (), "", store) == {}
