"""Opening the SQLite file: refuse what cannot work with a clear message, then set up and migrate.

Every failure at start is a ``StoreError`` saying what is wrong and what to do: a missing
folder, a read-only or corrupt file, a database from a newer Briefbot.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
import stat
import time
from pathlib import Path

import aiosqlite

from bot.errors import StoreError
from bot.store.schema import Migration, bundled_migrations, migrate

BUSY_TIMEOUT_MS = 15_000
"""How long a write waits for another process's transaction before giving up."""


async def prepare(
    db: aiosqlite.Connection, path: str, migrations: list[Migration] | None, upto: int | None
) -> None:
    """Set the connection up and migrate, retrying while another process does the same.

    Two processes starting on one new file race to switch it to WAL, and SQLite answers the
    loser "database is locked" at once rather than through the busy timeout.
    """
    await db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    await db.execute("PRAGMA foreign_keys = ON")
    deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
    while True:
        try:
            if path != ":memory:":
                async with db.execute("PRAGMA journal_mode = WAL") as cursor:
                    row = await cursor.fetchone()
                if row is None or str(row[0]).lower() != "wal":
                    raise StoreError(f"The database {path} cannot be switched to WAL mode.")
                await db.execute("PRAGMA synchronous = NORMAL")
            await migrate(
                db,
                bundled_migrations() if migrations is None else migrations,
                database=path,
                upto=upto,
            )
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.05)


def check_path(path: str) -> None:
    """Refuse, with a message a person can act on, a database file that cannot work."""
    if path == ":memory:":
        return
    file = Path(path)
    folder = file.parent
    if not folder.is_dir():
        raise StoreError(
            f"The folder for the database {path} does not exist; create it or set "
            "BRIEFBOT_DATABASE to a file in an existing folder."
        )
    if file.is_dir():
        raise StoreError(f"The database path {path} is a folder, not a file.")
    if file.exists():
        mode = file.stat().st_mode
        if not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH) or not os.access(file, os.W_OK):
            raise StoreError(
                f"The database file {path} is read-only; Briefbot needs to write to it "
                "(check its permissions, or set BRIEFBOT_DATABASE to another file)."
            )
    if not os.access(folder, os.W_OK):
        raise StoreError(
            f"Briefbot cannot create files in {folder} (the database needs its -wal and "
            "-shm files next to it); make the folder writable or choose another."
        )


def query_error(path: str, error: BaseException) -> StoreError | None:
    """The ``StoreError`` for a query that failed because of the file, not the query: a
    corrupt page or a failing disk can surface on any read or write, long after the open.
    ``None`` for every other error (a constraint, a bug in our SQL)."""
    if not isinstance(error, sqlite3.DatabaseError):
        return None
    text = str(error).lower()
    if type(error) is sqlite3.DatabaseError or any(word in text for word in _FILE_FAILURES):
        return store_error(path, error)
    return None


_FILE_FAILURES = (
    "malformed", "not a database", "corrupt", "disk i/o", "disk is full", "readonly",
    "read-only", "unable to open", "locked", "busy",
)  # fmt: skip


def store_error(path: str, error: sqlite3.Error) -> StoreError:
    """Translate SQLite's terse errors at start into what to do about them."""
    text = str(error).lower()
    if "not a database" in text or "malformed" in text or "corrupt" in text:
        return StoreError(
            f"The database file {path} is corrupt or not a Briefbot database ({error}). "
            "Restore a backup, or move it away to start a new one."
        )
    if "readonly" in text or "read-only" in text:
        return StoreError(f"The database file {path} is read-only; Briefbot needs to write to it.")
    if "locked" in text or "busy" in text:
        return StoreError(
            f"The database {path} stayed locked by another process for "
            f"{BUSY_TIMEOUT_MS // 1000} s; is something holding a long transaction?"
        )
    if "disk" in text or "unable to open" in text:
        return StoreError(
            f"The database {path} cannot be read or written ({error}); check the disk."
        )
    return StoreError(f"The database {path} cannot be opened: {error}.")
