"""The PostgreSQL connections a process holds, how it writes, and how it opens the database.

A pool of connections serves the queries; each write is one transaction on one of them, and
PostgreSQL's row locks make every claim (an ``ON CONFLICT … WHERE`` upsert, a conditional
update) atomic across processes. A second, small pool holds the advisory locks that make one
analysis per article across processes (``exclusive``): a request waiting for another
process's analysis holds one of those, never a query connection, so waiting can never starve
the queries of the process that holds the lock.

Opening migrates under an advisory lock, so two processes starting together migrate once.
"""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from typing import Any, Self
from urllib.parse import urlsplit, urlunsplit

import asyncpg

from bot.errors import StoreError
from bot.store.schema import Migration, bundled_migrations, refuse_newer
from bot.store.sql import numbered

POOL_SIZE = 10
"""Query connections per process: enough for every request and dispatcher a process runs."""
LOCK_POOL_SIZE = 20
"""Connections that may wait on or hold an analysis lock at once (above the worker queue)."""
CONNECT_TIMEOUT = 10.0
SERVER_SETTINGS = {"plan_cache_mode": "force_custom_plan"}
"""Plan each statement for its own parameters: asyncpg prepares every statement, and a generic
plan for "quotes matching this full-text query" cannot know that the words "who said" picked
are rare, so it may scan every quote instead of the GIN index."""

MIGRATION_LOCK = 0x42726965666D6967
"""The advisory lock key the migration runs under ("Briefmig")."""

_CREATE_MIGRATIONS = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL DEFAULT to_char(now() AT TIME ZONE 'UTC',
                                             'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')
)
"""


def is_postgres_url(database: str) -> bool:
    """Whether ``BRIEFBOT_DATABASE`` names a PostgreSQL server rather than a SQLite file."""
    return database.startswith(("postgresql://", "postgres://"))


def shown_url(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{parts.username}:***@{host}"))


def lock_key(name: str) -> int:
    """A signed 64-bit advisory lock key for a name (the same in every process)."""
    return int.from_bytes(hashlib.sha256(name.encode()).digest()[:8], "big", signed=True)


class PgWriter:
    """``SqlWriter`` on one connection inside a transaction."""

    lock_rows = " FOR UPDATE SKIP LOCKED"

    def __init__(self, connection: asyncpg.Connection) -> None:
        self.connection = connection

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        return list(await self.connection.fetch(numbered(sql), *params))

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        status = await self.connection.execute(numbered(sql), *params)
        return int(status.rsplit(" ", 1)[-1]) if status[-1:].isdigit() else 0


class PostgresConnection:
    """The pools and one-trip reads, shared by the driver's query modules."""

    def __init__(self, pool: asyncpg.Pool, locks: asyncpg.Pool, url: str) -> None:
        self._pool = pool
        self._locks = locks
        self.url = url
        self.path = shown_url(url)
        """What the database is called in messages (the password left out)."""

    @classmethod
    async def open(
        cls, url: str, *, migrations: list[Migration] | None = None, upto: int | None = None
    ) -> Self:
        """Connect and migrate, or raise a ``StoreError`` saying what is wrong."""
        migrations = bundled_migrations("pg_migrations") if migrations is None else migrations
        try:
            pool = await asyncpg.create_pool(
                url,
                min_size=1,
                max_size=POOL_SIZE,
                timeout=CONNECT_TIMEOUT,
                server_settings=SERVER_SETTINGS,
                reset=_keep_session,
            )
        except (OSError, TimeoutError, asyncpg.PostgresError, ValueError) as error:
            raise open_error(url, error) from None
        try:
            async with pool.acquire() as connection:
                await migrate(connection, migrations, database=shown_url(url), upto=upto)
            locks = await asyncpg.create_pool(
                url, min_size=0, max_size=LOCK_POOL_SIZE, timeout=CONNECT_TIMEOUT
            )
        except BaseException as error:
            await pool.close()
            if isinstance(error, asyncpg.PostgresError):
                raise open_error(url, error) from None
            raise
        return cls(pool, locks, url)

    async def close(self) -> None:
        await self._locks.close()
        await self._pool.close()

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[asyncpg.Connection]:
        async with self._pool.acquire() as connection, connection.transaction():
            yield connection

    @asynccontextmanager
    async def write(self) -> AsyncIterator[PgWriter]:
        async with self.transaction() as connection:
            yield PgWriter(connection)

    async def read(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        return await self._all(sql, params)

    @asynccontextmanager
    async def exclusive(self, key: str) -> AsyncIterator[None]:
        """Hold ``key`` against every process sharing the database (waits for a holder).

        A transaction-scoped advisory lock: released at the end, and by the server if this
        process dies holding it, so a crash never leaves an article locked.
        """
        async with self._locks.acquire() as connection, connection.transaction():
            await connection.execute("SELECT pg_advisory_xact_lock($1)", lock_key(key))
            yield

    async def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        """Run one statement (``?`` marks) and fetch its rows."""
        return list(await self._pool.fetch(numbered(sql), *params))

    async def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return await self._pool.fetchrow(numbered(sql), *params)


async def _keep_session(connection: asyncpg.Connection) -> None:
    """Return a query connection to the pool as it is: the driver keeps no session state on
    it (no ``SET``, no ``LISTEN``, only transaction-scoped locks), so asyncpg's default reset,
    one more round trip after every query, would only slow every cache hit down."""


async def applied_versions(connection: asyncpg.Connection) -> set[int]:
    """The versions recorded in ``schema_migrations`` (empty for a new database)."""
    await connection.execute(_CREATE_MIGRATIONS)
    return {row[0] for row in await connection.fetch("SELECT version FROM schema_migrations")}


async def migrate(
    connection: asyncpg.Connection,
    migrations: list[Migration],
    *,
    database: str,
    upto: int | None = None,
) -> list[int]:
    """Apply the missing migrations in one transaction, under the migration lock."""
    async with connection.transaction():
        await connection.execute("SELECT pg_advisory_xact_lock($1)", MIGRATION_LOCK)
        applied = await applied_versions(connection)
        refuse_newer(database, applied, migrations)
        done: list[int] = []
        for migration in migrations:
            if migration.version in applied or (upto is not None and migration.version > upto):
                continue
            await connection.execute(migration.sql)
            await connection.execute(
                "INSERT INTO schema_migrations (version, name) VALUES ($1, $2)",
                migration.version,
                migration.name,
            )
            done.append(migration.version)
        return done


def open_error(url: str, error: BaseException) -> StoreError:
    """What to do about a database that cannot be opened."""
    shown = shown_url(url)
    if isinstance(error, asyncpg.InvalidCatalogNameError):
        return StoreError(f"The PostgreSQL database in {shown} does not exist; create it first.")
    if isinstance(
        error, asyncpg.InvalidAuthorizationSpecificationError | asyncpg.InvalidPasswordError
    ):
        return StoreError(f"PostgreSQL refused the login in {shown}: {error}.")
    if isinstance(error, asyncpg.PostgresError):
        return StoreError(f"The PostgreSQL database {shown} cannot be opened: {error}.")
    if isinstance(error, ValueError):
        return StoreError(f"BRIEFBOT_DATABASE={shown} is not a valid PostgreSQL URL ({error}).")
    reason = str(error) or type(error).__name__
    return StoreError(
        f"The PostgreSQL server in {shown} cannot be reached ({reason}); is it running?"
    )
