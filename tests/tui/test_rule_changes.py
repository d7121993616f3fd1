"""The rule toggle (R): mentions a personal rule relabelled are marked, the names a
rule rejected are listed; R again hides them (real annotator, real index)."""

from __future__ import annotations

from enrich import annotate
from tests.enrich.index.conftest import TEXTS, article
from tests.tui.helpers import MessageLog, notified, offline_enricher, settle
from tests.tui.memory_sessions import save_sessions
from tui.reader.app import KontextApp
from tui.reader.memory_controller import RejectedHere
from tui.reader.widgets.article_view import ArticleView


async def test_rule_toggle_marks_relabelled_mentions_and_lists_rejected_names() -> None:
    save_sessions(1)  # rejects "Abgeordnete", relabels the rocket launchers as MISC
    second = article(1)
    log = MessageLog()

    app = KontextApp(second, offline=True, annotate=annotate, enricher_factory=offline_enricher)
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        assert app.reader.annotation is not None
        names = {e.name for e in app.reader.annotation.entities}
        assert not any(n.startswith("Abgeordnete") for n in names)  # the rule applied
        start = TEXTS[1].index("240-mm-Raketenwerfern")
        end = start + len("240-mm-Raketenwerfern")
        view = app.query_one(ArticleView)
        assert not view.rule_marked(start, end)
        await pilot.press("R")
        await log.wait_for(lambda m: isinstance(m, RejectedHere))
        await pilot.pause()
        assert view.rule_marked(start, end)
        strip = view.render_line(view.line_of(start))
        drawn = next(s for s in strip if "240-mm-Raketenwerfern" in s.text)
        assert drawn.style is not None and drawn.style.underline
        message = notified(app)
        assert "Rejected by your rules: Abgeordnete" in message
        await pilot.press("R")
        await pilot.pause()
        assert not view.rule_marked(start, end)
