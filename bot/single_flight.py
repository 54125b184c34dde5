"""Single flight: concurrent calls for the same key share one run of the work.

Two users pasting the same link a second apart must cost one fetch and one analysis; the
second waits for the first and both get its result (or its error). Only calls that overlap
share: once the run ends, the next call starts afresh (by then the cache answers it).

The work runs in its own task, so a caller that gives up (a Discord interaction that timed
out) does not cancel it for the others, and its result still reaches the cache.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class SingleFlight(Generic[T]):
    """Deduplicate concurrent async work by key, within this process."""

    def __init__(self) -> None:
        self._running: dict[str, asyncio.Task[T]] = {}
        self.shared = 0
        """How many calls were answered by a run another call had started."""

    async def run(self, key: str, work: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """Run ``work()`` unless a run for ``key`` is in flight; then wait for that run."""
        task = self._running.get(key)
        if task is None:
            task = asyncio.create_task(work(), name=f"single-flight {key}")
            self._running[key] = task
            task.add_done_callback(lambda done: self._finished(key, done))
        else:
            self.shared += 1
        return await asyncio.shield(task)

    def _finished(self, key: str, task: asyncio.Task[T]) -> None:
        if self._running.get(key) is task:
            del self._running[key]
        if not task.cancelled():
            task.exception()  # retrieved: an error every caller abandoned is not "never retrieved"

    async def close(self) -> None:
        """Cancel the runs still in flight and wait for them to end."""
        tasks = list(self._running.values())
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
