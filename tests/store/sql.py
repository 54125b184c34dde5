"""Reading and changing rows behind the service's back, on whichever driver a test runs."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bot.store.base import Store


async def rows(store: Store, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    """The rows of a portable query (``?`` marks), as tuples."""
    return [tuple(row) for row in await store.read(sql, params)]


async def execute(store: Store, sql: str, params: Sequence[Any] = ()) -> int:
    """Run one portable statement in its own transaction; the rows it changed."""
    async with store.write() as db:
        return await db.execute(sql, params)
