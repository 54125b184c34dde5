"""Scopes, in SQL both drivers run: who asked for which article where, and the address each
scope sees.

A scope (a guild, a DM, the local CLI) sees only the articles submitted in it, and only under
its own links: ``SCOPE_URL`` is the one definition of that address, shared with the quote
queries, so no query can show one scope another scope's (maybe private) link.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

from bot.store.records import Submission
from bot.store.times import stamp, unstamp

SCOPE_URL = """
    COALESCE((SELECT su.url FROM submissions su WHERE su.id = (
        SELECT MAX(sl.id) FROM submissions sl
        WHERE sl.article_id = a.id AND sl.scope_key = ? AND sl.url <> '')), '')
"""
"""The address a scope sees for article ``a``: its own latest link, never ``a.canonical_url``
(another scope's link, maybe a private one). Takes the scope key as its parameter. "Latest" is
the highest submission id (ids grow with time): a lookup in the partial index of submissions by
link (migration 0006), where an ORDER BY on the time made SQLite scan the scope's whole history
for every quote, and the (scope, article) index alone read every earlier submission of it."""

INSERT_SUBMISSION = (
    "INSERT INTO submissions (scope_key, guild_id, channel_id, user_id, article_id,"
    " submitted_at, url) SELECT CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS BIGINT),"
    " CAST(? AS BIGINT), a.id, CAST(? AS TEXT),"
    f" CASE WHEN CAST(? AS TEXT) <> '' THEN CAST(? AS TEXT) ELSE {SCOPE_URL} END"
    " FROM articles a WHERE a.id = ? RETURNING url"
)
"""One submission; without a link it inherits the scope's own latest link, so the address the
scope sees comes back from this one statement: one round trip on every cache hit. (The casts
tell PostgreSQL the types of a ``SELECT``'s parameters; SQLite reads them as the same.)"""


def submission_params(
    article_id: int,
    scope_key: str,
    at: datetime,
    guild_id: int,
    channel_id: int,
    user_id: int,
    url: str,
) -> tuple[Any, ...]:
    """``INSERT_SUBMISSION``'s parameters."""
    return (scope_key, guild_id, channel_id, user_id, stamp(at), url, url, scope_key, article_id)


class ScopeQueries:
    """The ``Store``'s submission reads, mixed into a driver's connection class, whose
    ``_all(sql, params)`` and ``_one(sql, params)`` run them; the driver writes submissions."""

    _all: Callable[..., Awaitable[list[Any]]]
    _one: Callable[..., Awaitable[Any]]

    async def last_submission(self, article_id: int, scope_key: str) -> Submission | None:
        row = await self._one(
            f"SELECT MAX(s.submitted_at), {SCOPE_URL} FROM articles a"
            " JOIN submissions s ON s.article_id = a.id WHERE a.id = ? AND s.scope_key = ?"
            " GROUP BY a.id",
            (scope_key, article_id, scope_key),
        )
        if row is None or row[0] is None:
            return None
        return Submission(article_id, scope_key, unstamp(row[0]), row[1])

    async def submissions_between(
        self, scope_key: str, since: datetime, until: datetime | None
    ) -> list[Submission]:
        rows = await self._all(
            f"SELECT a.id, MAX(s.submitted_at) AS last, {SCOPE_URL} FROM submissions s"
            " JOIN articles a ON a.id = s.article_id"
            " WHERE s.scope_key = ? AND s.submitted_at >= ? AND s.submitted_at < ?"
            " GROUP BY a.id ORDER BY last",
            (scope_key, scope_key, stamp(since), stamp(until) if until else "9999"),
        )
        return [Submission(int(r[0]), scope_key, unstamp(r[1]), r[2]) for r in rows]

    async def recent_articles(
        self, scope_key: str, query: str, limit: int
    ) -> list[tuple[int, str, str]]:
        pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        rows = await self._all(
            "SELECT id, title, url FROM ("
            f"  SELECT a.id, a.title, {SCOPE_URL} AS url, MAX(s.submitted_at) AS last"
            "   FROM submissions s JOIN articles a ON a.id = s.article_id"
            "   WHERE s.scope_key = ? GROUP BY a.id, a.title"
            ") AS recent WHERE LOWER(title) LIKE LOWER(?) ESCAPE '\\'"
            " OR LOWER(url) LIKE LOWER(?) ESCAPE '\\'"
            " ORDER BY last DESC LIMIT ?",
            (scope_key, scope_key, pattern, pattern, limit),
        )
        return [(int(r[0]), r[1], r[2]) for r in rows]
