"""Run the reader, or a minimal Textual app, headless and note when the student would see things.

``python -m bench.probe OUT MARKER kontext demo --offline`` runs exactly what the
``kontext`` script runs (``tui.cli.main``); ``python -m bench.probe OUT MARKER
static FILE`` shows FILE in one ``Static``, the baseline. Both are started the
same way by ``bench.startup``, which takes the start time before spawning.

Nothing in the app is changed: the probe wraps Textual's ``App._display``
(called once per frame with the compositor's update) and forces
``headless=True`` at a fixed size. Headless Textual skips encoding the frame
for a terminal, so the probe does that encoding itself (and throws it away),
which keeps the cost of a real frame in the measurement. A frame counts as
"first paint" when MARKER (words from the article) is on the screen, and as
"highlights" when the reader's annotation has been applied and a mention is
drawn in its label style. Times are ``time.monotonic()``, which is
system-wide on Linux, so the parent can subtract its own start time. Results
go to OUT as JSON; stdout belongs to the app.

A private Textual method is wrapped here, in the benchmark only; if a Textual
upgrade renames it, the probe fails loudly (no frame is ever seen).
"""

from __future__ import annotations

import asyncio
import functools
import importlib.abc
import importlib.machinery
import json
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

SIZE = (120, 40)  # the terminal the tests use; wide enough for the reader's side panel
TIMEOUT = float(os.environ.get("KONTEXT_BENCH_PROBE_TIMEOUT", "120"))

state: dict[str, Any] = {"frames": 0}
_done = threading.Event()
_tasks: list[asyncio.Task[None]] = []  # keeps the lag sampler alive
_child_out: Path | None = None  # where the annotation child writes its times


def _write(out: Path) -> None:
    tmp = out.with_suffix(".tmp")
    tmp.write_text(json.dumps(state), encoding="utf-8")
    os.replace(tmp, out)


def _rss_mb() -> tuple[float, float]:
    """(current, peak) resident memory of this process, from /proc."""
    fields: dict[str, float] = {}
    for line in Path("/proc/self/status").read_text().splitlines():
        key, _, value = line.partition(":")
        if key in ("VmRSS", "VmHWM"):
            fields[key] = int(value.split()[0]) / 1024
    return fields.get("VmRSS", 0.0), fields.get("VmHWM", 0.0)


class _ImportWatch(importlib.abc.MetaPathFinder):
    """Notes when spaCy starts importing and when the recognizer is ready.

    It finds nothing itself; for ``enrich.nlp.pipeline`` it wraps
    ``load_recognizer`` after the module ran, without importing it early.
    """

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if fullname == "spacy":
            state.setdefault("spacy_import_start", time.monotonic())
            return None
        if fullname not in ("enrich.nlp.pipeline", "enrich.annotate_process"):
            return None
        spec = importlib.machinery.PathFinder.find_spec(fullname, path)
        if spec is None or spec.loader is None:
            return spec
        exec_module = spec.loader.exec_module

        def timed_exec(module: Any) -> None:
            exec_module(module)
            if fullname == "enrich.annotate_process":
                if _child_out is not None:  # the reader's NLP child reports to the probe
                    timed = [sys.executable, "-m", "bench.child_probe", str(_child_out)]
                    module.CHILD_COMMAND = timed
                return
            load = module.load_recognizer

            @functools.wraps(load)
            def timed_load(*args: Any, **kwargs: Any) -> Any:
                result = load(*args, **kwargs)
                state.setdefault("recognizer_ready", time.monotonic())
                return result

            timed_load.cache_clear = load.cache_clear  # type: ignore[attr-defined]
            module.load_recognizer = timed_load

        spec.loader.exec_module = timed_exec  # type: ignore[method-assign]
        return spec


def _screen_text(strips: list[Any]) -> str:
    return "\n".join("".join(seg.text for seg in strip) for strip in strips)


def _highlighted(app: Any, strips: list[Any]) -> int:
    """How many mentions on screen are drawn bold (every label style is bold)."""
    annotation = app.reader.annotation
    texts = {m.text for e in annotation.entities for m in e.mentions if m.kind == "mention"}
    count = 0
    for strip in strips:
        for seg in strip:
            if seg.style is not None and seg.style.bold and seg.text.strip() in texts:
                count += 1
    return count


def _install(out: Path, marker: str, want_highlights: bool) -> None:
    from textual._compositor import CompositorUpdate
    from textual.app import App

    original_display = App._display
    original_run = App.run

    def finish(app: Any) -> None:
        state["rss_mb"], state["peak_rss_mb"] = _rss_mb()
        _merge_child()
        _write(out)
        _done.set()
        app.exit()

    def display(app: Any, screen: Any, renderable: Any) -> None:
        """Wraps ``App._display`` (``app`` is the running app): time the frames."""
        original_display(app, screen, renderable)
        if renderable is None or app._batch_count or _done.is_set():
            return
        if isinstance(renderable, CompositorUpdate):
            renderable.render_segments(app.console)  # what a terminal would be sent
        now = time.monotonic()
        state["frames"] += 1
        strips = screen._compositor.render_strips()
        if "paint" not in state:
            if marker not in _screen_text(strips):
                return
            state["paint"] = now
            state["paint_frame"] = state["frames"]
            state["spacy_before_paint"] = "spacy" in sys.modules
            if not want_highlights:
                finish(app)
            else:
                _tasks.append(asyncio.get_running_loop().create_task(_sample_lag(app)))
            return
        reader: Any = getattr(app, "reader", None)  # KontextApp's reading screen
        if getattr(reader, "status", "") == "annotation failed":
            state["error"] = "annotation failed"
            finish(app)
        elif getattr(reader, "annotation", None) is not None:
            shown = _highlighted(app, strips)
            if shown:
                state["highlights"] = now
                state["entities"] = len(reader.annotation.entities)
                state["highlighted_on_screen"] = shown
                finish(app)

    def run(app: Any, **kwargs: Any) -> Any:
        state.setdefault("app_run", time.monotonic())  # imports and loading are done
        kwargs.update(headless=True, size=SIZE)
        return original_run(app, **kwargs)

    App._display = display  # type: ignore[method-assign]
    App.run = run  # type: ignore[method-assign]


async def _sample_lag(app: Any, period: float = 0.005) -> None:
    """From the first paint to the highlights: how late a 5 ms timer fires.

    That is the delay a key press meets while the worker loads the model and
    annotates (``lag_loading``), then while the app applies the annotation and
    draws it (``lag_applying``).
    """
    loop = asyncio.get_running_loop()
    state["lag_loading"] = state["lag_applying"] = 0.0
    while not _done.is_set() and "highlights" not in state:
        before = loop.time()
        await asyncio.sleep(period)
        late = max(0.0, loop.time() - before - period)
        reader = getattr(app, "reader", None)
        key = "lag_loading" if getattr(reader, "annotation", None) is None else "lag_applying"
        state[key] = max(state[key], late)
        state["lag_max"] = max(state["lag_loading"], state["lag_applying"])


def _merge_child() -> None:
    """The annotation child's model-load times and peak memory, if it ran."""
    if _child_out is None or not _child_out.is_file():
        return
    child = json.loads(_child_out.read_text(encoding="utf-8"))
    for key in ("spacy_import_start", "recognizer_ready"):
        if key in child:
            state.setdefault(key, child[key])
    state["child_peak_rss_mb"] = child.get("peak_rss_mb", 0.0)


def _watchdog(out: Path) -> None:
    if not _done.wait(TIMEOUT):
        state["error"] = f"timeout after {TIMEOUT:.0f} s (frames seen: {state['frames']})"
        _write(out)
        os._exit(3)


def _run_static(path: str) -> int:
    """The baseline: the same text in one Static, nothing else."""
    from rich.text import Text
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    text = Path(path).read_text(encoding="utf-8")

    class StaticApp(App[None]):
        def compose(self) -> ComposeResult:
            yield Static(Text(text))

    StaticApp().run()
    return 0


def main(argv: list[str]) -> int:
    global _child_out
    out, marker, mode, *rest = argv
    out_path = Path(out)
    _child_out = out_path.with_name(f"{out_path.stem}-child.json")
    _child_out.unlink(missing_ok=True)
    state["argv"] = [mode, *rest]
    sys.meta_path.insert(0, _ImportWatch())
    threading.Thread(target=_watchdog, args=(out_path,), daemon=True).start()
    _install(out_path, marker, want_highlights=mode == "kontext")
    if mode == "static":
        return _run_static(rest[0])
    from tui.cli import main as kontext_main

    code = kontext_main(rest)
    if not _done.is_set():
        seen = "its highlights" if "paint" in state else "the article"
        state["error"] = f"the reader exited ({code}) before {seen} showed"
        _write(out_path)
    return code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
