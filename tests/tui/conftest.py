"""Fixtures for the reader's Pilot tests: no network, a private KONTEXT_HOME, English."""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from enrich.model import Annotation, Article
from tui.ui_text import set_ui_language


@pytest.fixture(autouse=True)
def kontext_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, autosave_off: None
) -> Iterator[Path]:
    home = tmp_path / "kontext-home"
    monkeypatch.setenv("KONTEXT_HOME", str(home))
    monkeypatch.delenv("KONTEXT_WIKI_API", raising=False)
    # The interface language follows the locale: tests ask for German themselves.
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.delenv("LC_ALL", raising=False)
    monkeypatch.delenv("LC_MESSAGES", raising=False)
    set_ui_language("en")  # also for cards drawn without a reader
    yield home


@pytest.fixture
def german_ui(kontext_home: Path) -> None:
    """The reader speaks German: ``ui_language = "de"`` in config.toml, as a student sets it."""
    from tests.tui.helpers import write_config

    write_config(kontext_home, 'ui_language = "de"\n')


@pytest.fixture(params=["de", "en"])
def ui_language(request: pytest.FixtureRequest, kontext_home: Path) -> str:
    """Run the test once with a German and once with an English interface (config.toml)."""
    from tests.tui.helpers import write_config

    write_config(kontext_home, f'ui_language = "{request.param}"\n')
    return str(request.param)


@pytest.fixture(scope="session")
def sample_annotation() -> Annotation:
    """The German sample, annotated once for the whole session (NLP takes a second)."""
    from enrich import annotate, load_article
    from tui.cli.read_options import sample_path

    article = load_article(str(sample_path("de")))
    return annotate(article, glossary=())


@pytest.fixture
def sample_article(sample_annotation: Annotation) -> Article:
    return sample_annotation.article


@pytest.fixture
def snap_compare(snap_compare: Callable[..., bool]) -> Callable[..., bool]:
    """The snapshot plugin's ``snap_compare``, with text cursors held still for the shot.

    A focused Input or TextArea blinks its cursor every 0.5 s: on a busy machine the
    shot can land in the off half and differ from the stored one by that one cell.
    Blinking off shows the cursor steadily, as the stored shots (taken right after a
    key, when it is on) have it.
    """

    def compare(
        app: Any,
        *args: Any,
        run_before: Callable[[Pilot[None]], Awaitable[None] | None] | None = None,
        **kwargs: Any,
    ) -> bool:
        async def steady(pilot: Pilot[None]) -> None:
            if run_before is not None:
                result = run_before(pilot)
                if inspect.isawaitable(result):
                    await result
            for field in pilot.app.screen.query(Input):
                field.cursor_blink = False
            for area in pilot.app.screen.query(TextArea):
                area.cursor_blink = False
            await pilot.pause()

        return snap_compare(app, *args, run_before=steady, **kwargs)

    return compare
