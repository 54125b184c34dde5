"""Scopes on SQLite: recording a submission under the write lock (the reads are portable,
``scope_queries``)."""

from __future__ import annotations

from datetime import datetime

from bot.store.scope_queries import INSERT_SUBMISSION, ScopeQueries, submission_params
from bot.store.sqlite_connection import SqliteConnection

_INSERT_SUBMISSION = INSERT_SUBMISSION


class SqliteScopes(SqliteConnection, ScopeQueries):
    """The ``Store``'s submission methods: what makes an article visible in a scope."""

    async def add_submission(
        self,
        article_id: int,
        scope_key: str,
        at: datetime,
        *,
        guild_id: int = 0,
        channel_id: int = 0,
        user_id: int = 0,
        url: str = "",
    ) -> str:
        params = submission_params(article_id, scope_key, at, guild_id, channel_id, user_id, url)
        async with self._write_lock:  # one statement: its own transaction, one round trip
            rows = await self._all(INSERT_SUBMISSION, params)
        return str(rows[0][0]) if rows else ""
