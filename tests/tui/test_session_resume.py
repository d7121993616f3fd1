"""Saving, quitting and resuming sessions in the reader (real files under KONTEXT_HOME)."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import msgspec
import pytest

from enrich.model import Annotation, Article
from enrich.session import EntityNote, Session, SessionStore
from tests.tui.helpers import (
    MessageLog,
    demo_annotation,
    notified,
    offline_enricher,
    screen_text,
    settle,
    wait_until_quit,
    worker_failed,
)
from tui.cli import main
from tui.reader.app import KontextApp
from tui.reader.messages import SessionSaved
from tui.reader.screens.confirm import ChoiceScreen
from tui.reader.screens.resume import ResumeScreen
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_card import EntityCard
from tui.reader.widgets.entity_list import EntityList

DEMO = demo_annotation()


def _app(**kwargs: Any) -> KontextApp:
    return KontextApp(
        DEMO.article,
        offline=True,
        annotate=lambda a: DEMO,
        enricher_factory=offline_enricher,
        **kwargs,
    )


def _card(app: KontextApp) -> str:
    return app.query_one(EntityCard).plain


def _listed(app: KontextApp) -> list[str]:
    entity_list = app.query_one(EntityList)
    return [entity_list.get_option_at_index(i).id or "" for i in range(entity_list.option_count)]


async def _annotate_and_save(app: KontextApp, pilot: Any) -> None:
    """Reject NATO, note on Rutte, read further down, save."""
    await settle(pilot)
    view = app.query_one(ArticleView)
    view.select_entity("org-nato")
    await pilot.press("x")
    view.select_entity("per-rutte")
    await pilot.press("a", *"Generalsekretär", "ctrl+s")
    await pilot.pause()
    view.select_entity("term-schattenflotte")
    await pilot.press("ctrl+d", "ctrl+d")  # read on: the position is the scroll, not the entity
    await pilot.pause()
    await pilot.press("s")
    await settle(pilot)
    assert app.reader.state is not None and not app.reader.state.dirty


async def test_quit_with_unsaved_changes_asks_first() -> None:
    app = _app(autosave_delay=math.inf)  # no timer saves it between the test's steps
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("x", "q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        shown = screen_text(app)
        assert "You have unsaved changes." in shown
        assert "Save and quit" in shown and "Quit without saving" in shown
        await pilot.press("escape")  # cancel: back to reading, nothing lost
        await pilot.pause()
        assert app.is_running and not isinstance(app.screen, ChoiceScreen)
        assert app.reader.state is not None and app.reader.state.dirty
        await pilot.press("q")
        await pilot.pause()
        await pilot.click("#answer-discard")
        await wait_until_quit(log)
    assert app.reader.state is not None and not app.reader.state.stored  # nothing was written


async def test_save_and_quit_writes_the_session_then_exits() -> None:
    app = _app()
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("x", "q")
        await pilot.pause()
        await pilot.press("enter")  # the first answer: save and quit
        await wait_until_quit(log)
    assert app.reader.state is not None
    data = json.loads(app.reader.store.path(app.reader.state.name).read_text(encoding="utf-8"))
    assert [(c["op"], c["text"]) for c in data["corrections"]] == [("reject", "NATO")]


async def test_quit_without_changes_does_not_ask() -> None:
    app = _app()
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await wait_until_quit(log)


async def test_reopening_the_article_offers_to_resume_and_restores_everything() -> None:
    first = _app()
    async with first.run_test(size=(120, 40)) as pilot:
        await _annotate_and_save(first, pilot)
        view = first.query_one(ArticleView)
        offset = view.reading_offset
        assert offset > 0
        name = first.reader.state.name  # type: ignore[union-attr]

    second = _app()
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(second.screen, ResumeScreen)
        shown = screen_text(second)
        assert "Resume" in shown and "Start fresh" in shown
        assert f"Session '{name}'" in shown and "1 correction · 1 note" in shown
        await pilot.press("enter")
        await settle(pilot)
        assert second.reader.state is not None and second.reader.state.name == name
        assert "org-nato" not in _listed(second)
        view = second.query_one(ArticleView)
        assert view.current_entity == "term-schattenflotte"
        assert view.reading_offset == offset
        view.select_entity("per-rutte")
        await pilot.pause()
        assert "Generalsekretär" in _card(second)
        assert not second.reader.state.dirty


async def test_start_fresh_keeps_the_old_session_and_uses_a_new_name() -> None:
    first = _app()
    async with first.run_test(size=(120, 40)) as pilot:
        await _annotate_and_save(first, pilot)
        name = first.reader.state.name  # type: ignore[union-attr]

    second = _app()
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(second.screen, ResumeScreen)
        await pilot.click("#answer-fresh")
        await settle(pilot)
        assert second.reader.state is not None and second.reader.state.name == f"{name}-2"
        assert "org-nato" in _listed(second)
        second.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("x", "s")
        await settle(pilot)
    store = SessionStore()
    assert store.exists(name) and store.exists(f"{name}-2")
    assert len(store.load(name).notes) == 1  # the first session is untouched


async def test_read_session_opens_it_without_running_nlp(tmp_path: Path) -> None:
    async def save_one() -> str:
        app = _app()
        async with app.run_test(size=(120, 40)) as pilot:
            await _annotate_and_save(app, pilot)
        return app.reader.state.name  # type: ignore[union-attr]

    name = await save_one()
    launched: list[KontextApp] = []

    def fake_run(self: KontextApp, *args: Any, **kwargs: Any) -> None:
        launched.append(self)

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(KontextApp, "run", fake_run)
        assert main(["read", "--session", name, "--offline"]) == 0
    (app,) = launched
    assert app.article.text == DEMO.article.text

    def no_nlp(article: Article) -> Annotation:
        raise AssertionError("a saved session must not be annotated again")

    app._annotate = no_nlp
    app._enricher_factory = offline_enricher

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not isinstance(app.screen, ResumeScreen)
        assert app.reader.state is not None and app.reader.state.name == name
        assert "org-nato" not in _listed(app)
        assert app.query_one(ArticleView).current_entity == "term-schattenflotte"
        assert "Resumed session" in notified(app)


@pytest.mark.parametrize("args", [["read", "--session", "nope"], ["read"]])
def test_read_session_errors_are_one_line(args: list[str], capsys: Any) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err
    assert err.startswith("kontext: error:") and err.count("\n") == 1


async def test_a_failed_save_is_reported_keeps_the_changes_and_is_retried(
    kontext_home: Path,
) -> None:
    sessions = kontext_home / "data" / "sessions"

    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        sessions.parent.mkdir(parents=True, exist_ok=True)
        sessions.write_text("not a directory")  # the sessions dir cannot be written
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("x", "s")
        await settle(pilot)
        assert app.is_running
        assert "Could not save the session" in notified(app)
        assert app.reader.state is not None and app.reader.state.dirty
        assert "unsaved" in app.sub_title
        await pilot.press("q")  # still asks: the changes are only in memory
        await pilot.pause()
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")
        sessions.unlink()  # the student fixes it; the next save goes through
        await pilot.press("s")
        await settle(pilot)
        assert not app.reader.state.dirty
        assert app.reader.store.exists(app.reader.state.name)


async def test_autosave_writes_shortly_after_a_change() -> None:
    app = _app(autosave_delay=0.05)
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("x")  # no ``s``: only the timer can save it
        assert app.reader.state is not None
        await log.wait_for(lambda m: isinstance(m, SessionSaved))
        await pilot.pause()
        assert not app.reader.state.dirty
        saved = SessionStore().load(app.reader.state.name)
        assert [c.text for c in saved.corrections] == ["NATO"]


async def test_a_save_merges_what_another_kontext_saved_meanwhile() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.select_entity("org-nato")
        await pilot.press("x", "s")
        await settle(pilot)
        assert app.reader.state is not None
        other = SessionStore()  # another process: its own store, its own copy
        theirs = other.load(app.reader.state.name)
        theirs.notes["per-rutte"] = EntityNote(
            entity_id="per-rutte", name="Mark Rutte", note="aus dem anderen Fenster"
        )
        other.save(theirs)
        view.select_entity("loc-ostsee")
        await pilot.press("x", "s")
        await settle(pilot)
        assert not app.reader.state.dirty
        assert "Merged with another Kontext's save" in notified(app)
        assert {c.text for c in app.reader.state.session.corrections} == {"NATO", "Ostsee"}
        view.select_entity("per-rutte")
        await pilot.pause()
        assert "aus dem anderen Fenster" in _card(app)
    saved = SessionStore().load(app.reader.state.name)
    assert saved.notes["per-rutte"].note == "aus dem anderen Fenster"
    assert {c.text for c in saved.corrections} == {"NATO", "Ostsee"}


async def test_quitting_a_saved_session_keeps_the_reading_position_without_asking() -> None:
    first = _app()
    log = MessageLog()
    async with first.run_test(size=(120, 40), message_hook=log) as pilot:
        await _annotate_and_save(first, pilot)
        name = first.reader.state.name  # type: ignore[union-attr]
        before = SessionStore().load(name).position.offset
        await pilot.press("g")  # back to the top, change nothing
        await pilot.pause()
        offset = first.query_one(ArticleView).reading_offset
        assert offset != before
        await pilot.press("q")
        await wait_until_quit(log)  # no question: nothing the student wrote is unsaved
    assert SessionStore().load(name).position.offset == offset


def _other_article_session(name: str) -> Session:
    """What `kontext annotate OTHER --save NAME --force` leaves under ``name``."""
    from enrich.session import new_session
    from tests.helpers import make_article

    article = make_article("Die NATO tagt in Brüssel.\nMark Rutte spricht.", "de", "Anderes")
    return new_session(name, Annotation(article, "test", ()))


async def test_a_name_taken_by_another_article_meanwhile_saves_under_a_new_name() -> None:
    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        view.select_entity("org-nato")
        await pilot.press("x", "s")
        await settle(pilot)
        assert app.reader.state is not None
        name = app.reader.state.name
        SessionStore().save(_other_article_session(name), overwrite=True)
        view.select_entity("loc-ostsee")
        await pilot.press("x", "s")
        await settle(pilot)
        assert not app.reader.state.dirty
        assert app.reader.state.name == f"{name}-2"
        assert (
            f"The session name '{name}' now holds another article, so your session was "
            f"saved as '{name}-2'." in notified(app)
        )
        await pilot.press("u", "s")  # later saves go to the new name
        await settle(pilot)
    store = SessionStore()
    assert store.load(name).article.title == "Anderes"  # the other article, untouched
    assert [c.text for c in store.load(f"{name}-2").corrections] == ["NATO"]


async def test_the_fallback_name_after_an_unreadable_listing_is_a_free_one() -> None:
    from enrich.session import default_name

    taken = f"{default_name(DEMO.article.title, DEMO.article.source)}-new"

    app = _app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.reader.state is not None
        # A session of this very article already uses the fallback name.
        SessionStore().save(msgspec.structs.replace(app.reader.state.session, name=taken))
        app.reader.state = None  # as if listing the sessions had failed before anything began
        app.reader.sessions_unreadable("cannot list the sessions")
        await settle(pilot)
        assert app.reader.state is not None and app.reader.state.name == f"{taken}-2"
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("x", "s")
        await settle(pilot)
        assert "Merged" not in notified(app)
    assert SessionStore().load(taken).corrections == []  # not merged into


async def test_a_failed_autosave_is_retried_without_another_change(kontext_home: Path) -> None:
    sessions = kontext_home / "data" / "sessions"

    app = _app(autosave_delay=0.05)
    app.reader.retry_delays = (0.2, 0.2, 0.2)
    log = MessageLog()
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        sessions.parent.mkdir(parents=True, exist_ok=True)
        sessions.write_text("not a directory")
        app.query_one(ArticleView).select_entity("org-nato")
        await pilot.press("x")
        assert app.reader.state is not None
        await log.wait_for(worker_failed("session-save"))  # the autosave runs and fails
        await pilot.pause()
        assert "Kontext tries again in 0.2 s" in notified(app)
        assert app.reader.state.dirty
        sessions.unlink()  # the disk is back; the student does nothing
        await log.wait_for(lambda m: isinstance(m, SessionSaved))
        await pilot.pause()
        assert not app.reader.state.dirty
        assert [c.text for c in SessionStore().load(app.reader.state.name).corrections] == ["NATO"]


async def test_read_session_merges_with_the_version_it_loaded(tmp_path: Path) -> None:
    """An undo in `kontext read --session` survives another window's save meanwhile."""

    async def save_one() -> str:
        app = _app()
        async with app.run_test(size=(120, 40)) as pilot:
            await _annotate_and_save(app, pilot)
        return app.reader.state.name  # type: ignore[union-attr]

    name = await save_one()
    launched: list[KontextApp] = []
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(KontextApp, "run", lambda self, *a, **k: launched.append(self))
        assert main(["read", "--session", name, "--offline"]) == 0
    (app,) = launched
    app._enricher_factory = offline_enricher

    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("u")  # undo the rejection of NATO
        other = SessionStore()  # another window adds a note meanwhile
        theirs = other.load(name)
        theirs.notes["loc-ostsee"] = EntityNote(
            entity_id="loc-ostsee", name="Ostsee", note="Binnenmeer"
        )
        other.save(theirs)
        await pilot.press("s")
        await settle(pilot)
        assert "org-nato" in _listed(app)
    saved = SessionStore().load(name)
    assert saved.corrections == []  # the undo holds
    assert saved.notes["loc-ostsee"].note == "Binnenmeer"


async def test_a_note_draft_is_kept_in_the_session_and_the_quit_question_says_so() -> None:
    async def scenario() -> str:
        app = _app()
        log = MessageLog()
        async with app.run_test(size=(120, 40), message_hook=log) as pilot:
            await settle(pilot)
            app.query_one(ArticleView).select_entity("per-rutte")
            await pilot.press("a", *"halb fertig", "escape")
            await pilot.pause()
            await pilot.press("q")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceScreen)
            assert "unsaved note draft" in screen_text(app)
            await pilot.press("enter")  # save and quit
            await wait_until_quit(log)
        return app.reader.state.name  # type: ignore[union-attr]

    name = await scenario()

    async def reopen() -> None:
        app = _app()
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(pilot)
            assert isinstance(app.screen, ResumeScreen)
            assert "1 draft" in screen_text(app)
            await pilot.press("enter")
            await settle(pilot)
            app.query_one(ArticleView).select_entity("per-rutte")
            await pilot.press("a")
            await pilot.pause()
            assert app.screen.query_one("#note-text").text == "halb fertig"  # type: ignore[attr-defined]

    assert SessionStore().load(name).drafts == {
        "note:per-rutte": {"note": "halb fertig", "tags": ""}
    }
    await reopen()


def test_the_resume_question_shows_a_hostile_session_file_as_plain_text() -> None:
    from enrich.session import new_session
    from tui.reader.screens.resume import resume_details

    session = new_session("seed", DEMO)
    session.updated = "2025-01-01T\x1b]0;owned\x07\x1b[2J10:00:00+00:00"
    details = resume_details(session)
    assert "last saved 2025-01-01 10:00" in details
    assert not any(ch in details for ch in "\x1b\x07")
