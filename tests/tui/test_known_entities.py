"""Entities met in an earlier article are drawn quieter (dim), in colour and under
NO_COLOR; "next new entity" skips them and "new only" leaves them out of the list."""

from __future__ import annotations

import pytest
from rich.style import Style

from tests.tui.helpers import MessageLog, settle
from tests.tui.memory_sessions import reader_on, save_sessions
from tui.reader.app import KontextApp
from tui.reader.memory_controller import KnownReady
from tui.reader.widgets.article_view import ArticleView
from tui.reader.widgets.entity_list import EntityList


def _known(m: object) -> bool:
    return isinstance(m, KnownReady)


def _style_of(view: ArticleView, text: str) -> Style:
    """The style the view draws the first occurrence of ``text`` in."""
    offset = view.article.text.index(text)
    strip = view.render_line(view.line_of(offset))
    for segment in strip:
        if text in segment.text:
            return segment.style or Style()
    raise AssertionError(f"{text!r} not drawn as one segment")


def _entity(app: KontextApp, surface: str) -> str:
    assert app.reader.annotation is not None
    return next(
        e.id for e in app.reader.annotation.entities if any(m.text == surface for m in e.mentions)
    )


@pytest.mark.parametrize("no_color", [False, True])
async def test_known_entities_are_dim_and_new_ones_are_not(
    no_color: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    sessions = save_sessions(2)
    log = MessageLog()

    app = reader_on(sessions[0])  # article 1; article 2 met JCS, not Park Ji-won
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        await log.wait_for(_known)
        await pilot.pause()
        view = app.query_one(ArticleView)
        assert view.is_known(_entity(app, "JCS"))
        assert not view.is_known(_entity(app, "Park Ji-won"))
        assert _style_of(view, "JCS").dim
        assert not _style_of(view, "Park Ji-won").dim


async def test_next_new_entity_key_and_new_only_list() -> None:
    sessions = save_sessions(2)
    log = MessageLog()

    app = reader_on(sessions[0])
    async with app.run_test(size=(120, 40), message_hook=log) as pilot:
        await settle(pilot)
        await log.wait_for(_known)
        await pilot.pause()
        view = app.query_one(ArticleView)
        view.focus()
        assert app.reader.annotation is not None
        new = {e.id for e in app.reader.annotation.entities if not view.is_known(e.id)}
        assert new and len(new) < len(app.reader.annotation.entities)
        visited = set()
        for _ in range(len(new) + 1):
            await pilot.press("period")
            current = view.current_entity
            assert current is not None and current in new
            visited.add(current)
        assert visited == {
            e for e in new if any(m.kind == "mention" for m in app.reader.entities[e].mentions)
        }
        await pilot.press("ctrl+n")
        await pilot.press("l")
        await pilot.pause()
        listed = {o.id for o in app.query_one(EntityList).options if not o.disabled and o.id}
        assert listed == new
        assert _entity(app, "JCS") not in listed
