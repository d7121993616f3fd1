"""The card says in words when a personal rule made an entity's mentions: "Added by
your rule from <article>", "Label Other from your rule, made in <article>" (real annotator,
real index, the sessions of tests/enrich/index)."""

from __future__ import annotations

from enrich import annotate
from tests.enrich.index.conftest import TITLES, article
from tests.tui.helpers import MessageLog, offline_enricher, settle
from tests.tui.memory_sessions import save_sessions
from tui.reader.app import KontextApp
from tui.reader.memory_controller import KnownReady
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard


async def test_the_card_names_the_rule_and_the_article_it_came_from() -> None:
    save_sessions(2)  # relabels the rocket launchers as MISC; adds "Yeonpyeong" as a place
    log = MessageLog()

    app = KontextApp(article(2), offline=True, annotate=annotate, enricher_factory=offline_enricher)
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await log.wait_for(lambda m: isinstance(m, KnownReady) and bool(m.rules))
        await settle(pilot)
        assert app.reader.annotation is not None
        by_name = {e.name: e for e in app.reader.annotation.entities}
        view = app.query_one(ArticleView)
        card = app.query_one(EntityCard)

        async def read(name: str) -> list[str]:
            entity = next(e for n, e in by_name.items() if n.startswith(name))
            view.select_entity(entity.id)
            await pilot.pause()
            assert card.entity_id == entity.id
            return card.plain.splitlines()

        assert f"Added by your rule from “{TITLES[1]}”" in await read("Yeonpyeong")
        lines = await read("240-mm-Raketenwerfer")
        assert f"Label Other from your rule, made in “{TITLES[0]}”" in lines
        assert not any("your rule" in line for line in await read("JCS"))  # the model's
