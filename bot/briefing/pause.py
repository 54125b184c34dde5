"""The background loops' wait between passes: a plain sleep that a wake-up cuts short.

The sleep runs in a task of its own, and ``wake`` cancels that task. The loop itself only
ever waits on a sleep, which every clock understands: the real one, and a simulated one
(such as SimCord's ``advance_time``) that jumps a sleep to its end. Waiting on an
``asyncio.Event`` under ``wait_for`` instead would tie the wake-up to a timer a simulated
clock cannot see through.

A wake-up that comes while the loop is busy is not lost: the next ``pause`` returns at once.
"""

from __future__ import annotations

import asyncio


class Pause:
    """Sleep up to some seconds between two passes of a loop, or less if woken."""

    def __init__(self) -> None:
        self._sleep: asyncio.Task[None] | None = None
        self._woken = False

    def wake(self) -> None:
        """End the current pause now, or make the next one end at once."""
        self._woken = True
        if self._sleep is not None:
            self._sleep.cancel()

    async def pause(self, seconds: float) -> None:
        """Return after ``seconds``, or as soon as ``wake`` is called."""
        if self._woken:
            self._woken = False
            return
        sleep = asyncio.create_task(asyncio.sleep(seconds))
        self._sleep = sleep
        try:
            # asyncio.wait returns when the sleep ends, cancelled or not, and never raises
            # the sleep's cancellation into the loop.
            await asyncio.wait({sleep})
        finally:
            sleep.cancel()
            self._sleep = None
            self._woken = False
