"""The embedded driver: one SQLite file through aiosqlite, in WAL mode.

``SqliteStore`` assembles the ``Store`` from one class per group of tables, each on the same
connection (``sqlite_connection``, which explains the transactions and WAL): the analysis cache
(``sqlite_articles``), the scopes (``sqlite_scopes``), the quote index (``sqlite_quotes``) and
the speakers a scope quoted (``speaker_queries``, shared with PostgreSQL).
What spans all of them, the counts and the pruning, lives here.
"""

from __future__ import annotations

from datetime import datetime

from bot.store.article_queries import DELETE_ORPHANS
from bot.store.base import Store
from bot.store.speaker_queries import SpeakerQueries
from bot.store.sqlite_articles import SqliteArticles
from bot.store.sqlite_connection import stamp, unstamp
from bot.store.sqlite_quotes import SqliteQuotes
from bot.store.sqlite_scopes import SqliteScopes

__all__ = ["SqliteStore", "stamp", "unstamp"]


class SqliteStore(SqliteArticles, SqliteScopes, SqliteQuotes, SpeakerQueries, Store):
    """The ``Store`` on one SQLite file (or ``:memory:`` for ``analyze --no-store``)."""

    submitted_at_hint = "+"
    """``+s.submitted_at`` keeps SQLite on the (scope_key, article_id) index when speakers are
    looked up by surname: with the time range usable it reads the scope's whole submission
    history for every quote."""

    async def stats(self, engine_version: str) -> dict[str, int | float]:
        counts: dict[str, int | float] = {}
        for table in ("articles", "analyses", "quotes", "speakers", "submissions"):
            row = await self._one(f"SELECT COUNT(*) FROM {table}")
            counts[table] = int(row[0])
        row = await self._one(
            "SELECT COUNT(*) FROM analyses WHERE engine_version <> ?", (engine_version,)
        )
        counts["stale_analyses"] = int(row[0])
        page_count = await self._one("PRAGMA page_count")
        page_size = await self._one("PRAGMA page_size")
        counts["database_bytes"] = int(page_count[0]) * int(page_size[0])
        return counts

    async def damage(self) -> str | None:
        """``PRAGMA quick_check``: every page and row is read, so a corrupt page is found even
        where the counts above never look."""
        rows = await self._all("PRAGMA quick_check")
        problems = [" ".join(str(row[0]).split()) for row in rows if str(row[0]) != "ok"]
        return "; ".join(problems[:3]) if problems else None

    async def prune(self, before: datetime) -> int:
        async with self.transaction() as db:
            cursor = await db.execute("DELETE FROM analyses WHERE created_at < ?", (stamp(before),))
            removed = cursor.rowcount
            for statement in DELETE_ORPHANS:
                await db.execute(statement)
        return removed
