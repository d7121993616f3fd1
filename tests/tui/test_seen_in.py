"""The card's "Seen in": earlier articles with dates, earlier notes newest first,
and Enter on an article opens it (three sessions we wrote on one topic)."""

from __future__ import annotations

from textual.pilot import Pilot

from enrich.index import key_of
from tests.enrich.index.conftest import JCS_KEY, TITLES
from tests.tui.helpers import MessageLog, notifications, settle
from tests.tui.memory_sessions import reader_on, save_sessions, seen_in_for
from tui.reader.app import KontextApp
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.seen_in import SeenIn


def _jcs_id(app: KontextApp) -> str:
    assert app.reader.state is not None
    session = app.reader.state.session
    ids = [e.id for e in app.reader.state.annotation.entities if key_of(session, e) == JCS_KEY]
    assert len(ids) == 1
    return ids[0]


async def _show_jcs(app: KontextApp, pilot: Pilot[None], log: MessageLog) -> None:
    """Select JCS once the article is annotated and wait for its "Seen in" answer."""
    await settle(pilot)
    app.query_one(ArticleView).select_entity(_jcs_id(app))
    await log.wait_for(seen_in_for(JCS_KEY))
    await pilot.pause()


async def test_card_shows_seen_in_and_earlier_notes_newest_first() -> None:
    sessions = save_sessions()
    log = MessageLog()

    app = reader_on(sessions[2])
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await _show_jcs(app, pilot, log)
        seen = app.query_one(SeenIn)
        text = seen.plain
        assert "Seen in 2 articles" in text
        # newest article first, with its date; the article being read is not listed
        assert text.index(TITLES[1]) < text.index(TITLES[0])
        assert "2026-11-09" in text and "2026-11-02" in text
        assert TITLES[2] not in text
        newer, older = "Meldet jeden Start zuerst.", "Südkoreas Generalstab"
        assert text.index(newer) < text.index(older)
        assert seen.display


async def test_entity_met_nowhere_else_shows_no_seen_in() -> None:
    sessions = save_sessions(1)
    log = MessageLog()

    app = reader_on(sessions[0])
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await _show_jcs(app, pilot, log)
        seen = app.query_one(SeenIn)
        assert not seen.has_class("shown") and "Seen in" not in seen.plain


async def test_enter_on_an_article_saves_and_asks_to_open_it() -> None:
    sessions = save_sessions()
    log = MessageLog()

    app = reader_on(sessions[2])
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await _show_jcs(app, pilot, log)
        articles = app.query_one("#seen-in-articles")
        articles.focus()
        articles.highlighted = 0
        await pilot.press("enter")
        await settle(pilot)
    assert app.reader.memory.next_session == sessions[1].name
    assert app.return_code is not None


async def test_cancelling_the_quit_question_opens_no_other_article_later() -> None:
    """An unsaved change: Enter on an earlier article asks first; cancel keeps this
    article open, and a later quit leaves Kontext instead of opening that one."""
    sessions = save_sessions()
    log = MessageLog()

    app = reader_on(sessions[2])
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await _show_jcs(app, pilot, log)
        await pilot.press("x")  # reject JCS here: an unsaved change
        await pilot.pause()
        app.reader.memory.open_session(sessions[1].name)
        await pilot.pause()
        assert app.reader.memory.next_session == sessions[1].name  # asked, not yet gone
        await pilot.press("escape")  # cancel the question
        await pilot.pause()
        assert app.return_code is None
        assert app.reader.memory.next_session == ""


async def test_a_session_gone_since_it_was_indexed_is_said_not_opened() -> None:
    sessions = save_sessions()

    app = reader_on(sessions[2])
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reader.store.path(sessions[0].name).unlink()  # e.g. `kontext sessions delete`
        app.reader.memory.open_session(sessions[0].name)
        await pilot.pause()
        assert app.return_code is None and app.reader.memory.next_session == ""
        shown = notifications(app)
        assert any("no longer there" in m for m in shown), shown
