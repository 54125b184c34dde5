"""Numbered schema migrations: ``migrations/NNNN_name.sql`` files applied in order at start.

Each file runs once, inside one ``BEGIN IMMEDIATE`` transaction together with its row in
``schema_migrations``, so a crash mid-migration leaves the previous schema intact and two
processes starting at once cannot both apply it. Every known migration that is missing is
applied (not only those above the highest applied number), so files written by different
people — ``0002_briefing.sql`` next to ``0003_…`` — may land in any order. A database that
records a migration newer than any file this code knows was written by a newer Briefbot and is
refused rather than guessed at.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

import aiosqlite

from bot.errors import StoreError

_FILE_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")

_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
)
"""


@dataclass(frozen=True)
class Migration:
    """One numbered SQL file."""

    version: int
    name: str
    sql: str


def bundled_migrations(folder_name: str = "migrations") -> list[Migration]:
    """The migrations shipped in ``bot/store/<folder_name>`` (``migrations`` for SQLite,
    ``pg_migrations`` for PostgreSQL), in version order."""
    folder = resources.files("bot.store") / folder_name
    return _collect((entry.name, entry.read_text(encoding="utf-8")) for entry in folder.iterdir())


def refuse_newer(database: str, applied: set[int], migrations: list[Migration]) -> None:
    """Refuse a database that records a migration newer than any this code knows.

    Both drivers say it in the same words: it was written by a newer Briefbot.
    """
    newest = max(applied, default=0)
    known = max((m.version for m in migrations), default=0)
    if applied and newest > known:
        raise StoreError(
            f"The database {database} has schema version {newest}, newer than this "
            f"Briefbot understands (up to {known}). Upgrade Briefbot or "
            "set BRIEFBOT_DATABASE to another database."
        )


def migrations_in(folder: Path) -> list[Migration]:
    """The migrations in a folder (tests use this to stage an older or newer code base)."""
    return _collect((path.name, path.read_text(encoding="utf-8")) for path in folder.iterdir())


def _collect(files: Iterable[tuple[str, str]]) -> list[Migration]:
    found: dict[int, Migration] = {}
    for name, sql in files:
        match = _FILE_NAME.match(name)
        if not match:
            continue
        version = int(match.group(1))
        if version in found:
            raise StoreError(f"Two schema migrations are numbered {version:04d}.")
        found[version] = Migration(version, match.group(2), sql)
    return [found[version] for version in sorted(found)]


def split_statements(sql: str) -> list[str]:
    """Split a script into statements, keeping ``CREATE TRIGGER … BEGIN …; END;`` whole.

    ``executescript`` would commit first and so break the one-transaction guarantee.
    """
    statements: list[str] = []
    pending = ""
    for line in sql.splitlines(keepends=True):
        if not pending and (not line.strip() or line.lstrip().startswith("--")):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            statements.append(pending.strip())
            pending = ""
    if pending.strip():
        statements.append(pending.strip())
    return statements


async def applied_versions(db: aiosqlite.Connection) -> set[int]:
    """The versions recorded in ``schema_migrations`` (empty for a new database)."""
    await db.execute(_CREATE_TABLE)
    async with db.execute("SELECT version FROM schema_migrations") as cursor:
        return {row[0] for row in await cursor.fetchall()}


async def migrate(
    db: aiosqlite.Connection,
    migrations: list[Migration],
    *,
    database: str,
    upto: int | None = None,
) -> list[int]:
    """Apply the missing migrations (up to ``upto``) and return the versions applied.

    ``db`` must be in autocommit mode (``isolation_level=None``): transactions are explicit.
    """
    await db.execute("BEGIN IMMEDIATE")
    try:
        applied = await applied_versions(db)
        refuse_newer(database, applied, migrations)
        done: list[int] = []
        for migration in migrations:
            if migration.version in applied or (upto is not None and migration.version > upto):
                continue
            for statement in split_statements(migration.sql):
                await db.execute(statement)
            await db.execute(
                "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                (migration.version, migration.name, datetime.now(UTC).isoformat()),
            )
            done.append(migration.version)
        await db.execute("COMMIT")
        return done
    except BaseException:
        await db.execute("ROLLBACK")
        raise
