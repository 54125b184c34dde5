"""How many fetches may run at once: a few per user, a bounded number overall.

A user over their share is told to wait (``BusyError``) rather than queued, so one person
pasting twenty links cannot hold every slot; the global limit queues briefly, then gives up.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from bot.errors import BusyError


class FetchLimits:
    """Per-user and global concurrency limits for link fetching."""

    def __init__(self, total: int, per_user: int, queue_timeout: float) -> None:
        self._slots = asyncio.Semaphore(max(1, total))
        self._per_user = max(1, per_user)
        self._queue_timeout = queue_timeout
        self._running: dict[str, int] = {}

    @asynccontextmanager
    async def slot(self, user_key: str) -> AsyncIterator[None]:
        """Hold one fetch slot for ``user_key`` ('' = no per-user limit, e.g. the CLI or feeds)."""
        if user_key and self._running.get(user_key, 0) >= self._per_user:
            raise BusyError(
                f"You already have {self._per_user} links being fetched; "
                "try again when they finish."
            )
        if user_key:
            self._running[user_key] = self._running.get(user_key, 0) + 1
        try:
            try:
                async with asyncio.timeout(self._queue_timeout):
                    await self._slots.acquire()
            except TimeoutError:
                raise BusyError(
                    "The bot is fetching many links right now; try again shortly."
                ) from None
            try:
                yield
            finally:
                self._slots.release()
        finally:
            if user_key:
                self._running[user_key] -= 1
                if not self._running[user_key]:
                    del self._running[user_key]
