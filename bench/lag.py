"""Event-loop lag: how late a timer fires while the reader is busy.

A student feels a blocked event loop as keys that take effect late. The
sampler sleeps ``period`` on the app's own loop, again and again, and records
how much later than asked it woke up; the worst wake-up inside a window is
the lag a key press could have met. It runs inside a Pilot session, so it
shares the loop with the app's message pumps and its rendering.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from textual.app import App

PERIOD = 0.005


async def sample_lag(
    active: Callable[[], bool],
    finished: Callable[[], bool],
    *,
    period: float = PERIOD,
    timeout: float = 120.0,
    app: App[None] | None = None,
) -> list[float]:
    """Lateness (s) of each wake-up that began while ``active()``, until ``finished()``.

    A wake-up counts if the window was open when the sleep began, so the
    handler that opens the window is not counted, and the one that closes it
    (the last value) is. With ``app``, stops as soon as the app has exited
    (e.g. it crashed).
    """
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    lags: list[float] = []
    while not finished():
        if app is not None and app.return_code is not None:
            raise RuntimeError(f"the reader exited (code {app.return_code}) while being timed")
        if loop.time() > deadline:
            raise TimeoutError(f"the reader did not finish within {timeout:.0f} s")
        counted = active()
        before = loop.time()
        await asyncio.sleep(period)
        if counted:
            lags.append(max(0.0, loop.time() - before - period))
    return lags


async def idle_lag(seconds: float, *, period: float = PERIOD) -> list[float]:
    """The same sampling on an idle app: the floor that the busy numbers compare with."""
    loop = asyncio.get_running_loop()
    end = loop.time() + seconds
    return await sample_lag(lambda: True, lambda: loop.time() >= end, period=period)
