"""What ``briefbot db check`` reports: which database, its schema version, its row counts.

Read-only: a check must not migrate (or create) the database it looks at, so this opens the
file or server directly rather than through a store.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

import asyncpg

from bot.errors import StoreError
from bot.store.pg_connection import CONNECT_TIMEOUT, is_postgres_url, open_error, shown_url
from bot.store.schema import bundled_migrations
from bot.store.tables import TABLES


@dataclass(frozen=True)
class DatabaseReport:
    """One database as found."""

    driver: str
    """``sqlite`` or ``postgresql``."""
    name: str
    """The file, or the URL without its password."""
    version: int
    """The newest migration applied (0: none)."""
    known: int
    """The newest migration this Briefbot has for the driver."""
    counts: dict[str, int | None]
    """Rows per table; ``None`` for a table the schema does not have yet."""


async def inspect_database(database: str) -> DatabaseReport:
    """Report on the database ``BRIEFBOT_DATABASE`` names, or a ``StoreError`` saying why not."""
    if is_postgres_url(database):
        return await _inspect_postgres(database)
    return _inspect_sqlite(database)


def _inspect_sqlite(path: str) -> DatabaseReport:
    known = max(m.version for m in bundled_migrations())
    if not Path(path).is_file():
        raise StoreError(f"The database file {path} does not exist (yet).")
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
            version = 0
            if "schema_migrations" in tables:
                version = db.execute("SELECT MAX(version) FROM schema_migrations").fetchone()[0]
            counts = {
                t.name: db.execute(f"SELECT COUNT(*) FROM {t.name}").fetchone()[0]
                if t.name in tables
                else None
                for t in TABLES
            }
    except sqlite3.Error as error:
        raise StoreError(f"The database file {path} cannot be read: {error}.") from None
    return DatabaseReport("sqlite", path, version or 0, known, counts)


async def _inspect_postgres(url: str) -> DatabaseReport:
    known = max(m.version for m in bundled_migrations("pg_migrations"))
    try:
        connection = await asyncpg.connect(url, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, asyncpg.PostgresError, ValueError) as error:
        raise open_error(url, error) from None
    try:
        present = {
            row[0]
            for row in await connection.fetch(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = ANY(current_schemas(false))"
            )
        }
        version = 0
        if "schema_migrations" in present:
            version = await connection.fetchval("SELECT MAX(version) FROM schema_migrations")
        counts: dict[str, int | None] = {}
        for table in TABLES:
            counts[table.name] = (
                await connection.fetchval(f"SELECT COUNT(*) FROM {table.name}")
                if table.name in present
                else None
            )
    finally:
        await connection.close()
    return DatabaseReport("postgresql", shown_url(url), version or 0, known, counts)
