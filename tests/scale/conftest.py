"""Fixtures for running at scale: several stores (each a process's pools) on one PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from bot.store.postgres import PostgresStore

OpenStore = Callable[[], Awaitable[PostgresStore]]


@pytest.fixture
async def open_store(postgres_url: str) -> AsyncIterator[OpenStore]:
    """Open another store on the test's database, as another bot process would; all closed
    at the end."""
    opened: list[PostgresStore] = []

    async def open_one() -> PostgresStore:
        store = await PostgresStore.open(postgres_url)
        opened.append(store)
        return store

    yield open_one
    for store in opened:
        await store.close()
