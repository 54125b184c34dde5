"""Portable SQL for modules that keep their own tables in the store's database.

The briefing's schedules, runs and feeds are written in SQL both drivers understand, with
``?`` marks for parameters (PostgreSQL's numbered ``$1`` marks are written by its driver). A
module reads with ``store.read(sql, params)`` and writes inside ``async with store.write() as
sql:`` (one transaction): ``sql.fetch`` for rows (a ``RETURNING`` clause included) and
``sql.execute`` for the number of rows changed.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any, Protocol


class SqlWriter(Protocol):
    """One open write transaction, in portable SQL."""

    lock_rows: str
    """Appended to a ``SELECT`` whose rows the transaction then updates: PostgreSQL's
    ``FOR UPDATE SKIP LOCKED`` (two processes take different rows), nothing on SQLite, where
    the write transaction holds the whole file."""

    async def fetch(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        """The rows the statement returns."""
        ...

    async def execute(self, sql: str, params: Sequence[Any] = ()) -> int:
        """How many rows the statement changed."""
        ...


@functools.lru_cache(maxsize=512)
def numbered(sql: str) -> str:
    """``sql`` with each ``?`` mark outside a quoted string as PostgreSQL's ``$1``, ``$2``…"""
    out: list[str] = []
    count = 0
    quote: str | None = None
    for char in sql:
        if quote is not None:
            if char == quote:
                quote = None
        elif char in "'\"":
            quote = char
        elif char == "?":
            count += 1
            out.append(f"${count}")
            continue
        out.append(char)
    return "".join(out)
