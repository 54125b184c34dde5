"""The one SQLite connection a process holds, and how it writes (times: ``bot.store.times``).

One connection per process, in autocommit mode; every write is an explicit ``BEGIN IMMEDIATE``
transaction under an asyncio lock, so coroutines never interleave inside one transaction and a
second process (the CLI next to the bot) waits for the write lock (busy timeout) instead of
failing with "database is locked". WAL lets readers go on while a writer writes, and a process
killed mid-write loses at most its uncommitted transaction. ``synchronous=NORMAL`` keeps commits
durable across a process crash; only a power cut may lose the last few.

The query modules (``sqlite_articles``, ``sqlite_scopes``, ``sqlite_quotes``) build on this
class, so every read and write of the driver goes through the same connection and lock.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, Self

import aiosqlite

from bot.store.schema import Migration
from bot.store.sqlite_open import BUSY_TIMEOUT_MS, check_path, prepare, store_error
from bot.store.times import stamp, unstamp

__all__ = ["SqliteConnection", "SqliteWriter", "stamp", "unstamp"]


class SqliteWriter:
    """``bot.store.sql.SqlWriter`` on the connection, inside a ``BEGIN IMMEDIATE`` transaction."""

    lock_rows = ""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(await self._db.execute_fetchall(sql, params))

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        cursor = await self._db.execute(sql, params)
        await cursor.close()
        return cursor.rowcount


class SqliteConnection:
    """The connection, its write lock and one-trip reads, shared by the driver's queries."""

    def __init__(self, db: aiosqlite.Connection, path: str) -> None:
        self._db = db
        self.path = path
        self._write_lock = asyncio.Lock()
        self._open = True

    @property
    def connection(self) -> aiosqlite.Connection:
        """The raw connection, for reads by modules that own tables of their own."""
        return self._db

    @classmethod
    async def open(
        cls,
        path: str | os.PathLike[str],
        *,
        migrations: list[Migration] | None = None,
        upto: int | None = None,
    ) -> Self:
        """Open (creating if needed) and migrate the database, or raise a clear ``StoreError``.

        ``migrations`` and ``upto`` exist for tests that stage an older or newer schema.
        """
        path = os.fspath(path)
        check_path(path)
        try:
            db = await aiosqlite.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
        except sqlite3.Error as error:
            raise store_error(path, error) from None
        try:
            await prepare(db, path, migrations, upto)
        except BaseException as error:
            await db.close()
            if isinstance(error, sqlite3.Error):
                raise store_error(path, error) from None
            raise
        return cls(db, path)

    async def close(self) -> None:
        self._open = False
        await self._db.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[aiosqlite.Connection]:
        async with self._write_lock:
            await self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                await self._db.execute("ROLLBACK")
                raise
            await self._db.execute("COMMIT")

    @asynccontextmanager
    async def write(self) -> AsyncIterator[SqliteWriter]:
        async with self.transaction() as db:
            yield SqliteWriter(db)

    async def read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return await self._all(sql, params)

    @asynccontextmanager
    async def exclusive(self, key: str) -> AsyncIterator[None]:
        """Nothing to hold: a SQLite file serves one bot process, whose single flight already
        runs each key once (a CLI run next to it may, rarely, analyse an article again)."""
        yield

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        """Run one statement and fetch its rows in one trip to the connection's thread.

        A cursor would take three trips (execute, fetch, close), and on a cache hit the trips,
        not SQLite, are most of the time. A closed store fails as a closed connection does.
        """
        if not self._open:
            raise ValueError("no active connection: the store is closed")
        return list(await self._db.execute_fetchall(sql, params))

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return next(iter(await self._all(sql, params)), None)
