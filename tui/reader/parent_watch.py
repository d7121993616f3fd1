"""A served reader quits when the server that started it is gone.

``kontext serve`` starts each reader as its child and talks to it only
through pipes. If the server dies without ending its readers (``kill -9``, a
crash), textual's web driver merely stops reading input, and the reader would
run on unseen, with its NLP child. A daemon thread notices that the parent
changed (the orphan was reparented) and asks the reader to quit, which saves
unsaved changes first; if that has not ended the process after
``HARD_DEADLINE`` seconds, the process ends anyway.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

# Seconds between looks at the parent: an orphan lingers at most this long.
INTERVAL = 1.0
# Seconds the reader gets to save and quit once its server is gone.
HARD_DEADLINE = 30.0


def watch_parent(on_gone: Callable[[], None]) -> threading.Thread:
    """Call ``on_gone`` (from the watching thread) once this process's parent changes."""
    parent = os.getppid()
    stop = threading.Event()  # never set: the thread lives as long as the process

    def run() -> None:
        while os.getppid() == parent:
            stop.wait(INTERVAL)
        try:
            on_gone()
        finally:
            if not stop.wait(HARD_DEADLINE):
                os._exit(1)

    thread = threading.Thread(target=run, name="kontext-parent-watch", daemon=True)
    thread.start()
    return thread
