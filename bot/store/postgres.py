"""The server driver: PostgreSQL through asyncpg, for several bot processes on one database.

``PostgresStore`` runs the portable queries (``article_queries``, ``scope_queries``,
``quote_queries``) on a connection pool (``pg_connection``) and has its own writes
(``pg_writes``), full-text search (a ``tsvector`` column with a GIN index; the per-word counts
that pick a line's rarest words in ``quote_terms``), counts and pruning. What must happen once
across processes is decided by the database: an advisory lock per article key around an
analysis (``exclusive``), conditional writes for claims, and one pruner at a time.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

from bot.models import Analysis, Article
from bot.store import fulltext
from bot.store.analysis_json import encode_analysis
from bot.store.article_queries import DELETE_ORPHANS, ArticleQueries
from bot.store.base import Store
from bot.store.pg_connection import PostgresConnection, lock_key
from bot.store.pg_writes import QUOTE_INDEX_LOCK, replace_quotes, save_article, upsert_url
from bot.store.quote_queries import IN_SCOPE, QUOTE_COLUMNS, QUOTE_JOINS, QuoteQueries, quote_record
from bot.store.records import QuoteRecord
from bot.store.scope_queries import INSERT_SUBMISSION, ScopeQueries, submission_params
from bot.store.speaker_queries import SpeakerQueries
from bot.store.times import stamp

PRUNE_LOCK = lock_key("briefbot:prune")
ROW_BUDGET = 1000
"""Rows the chosen words may match together (``fulltext.rarest``). Lower than FTS5's: GIN finds
the rows but cannot rank them, so every match is read from the table to rank it. On 100,000
quotes the top answer is the same as with FTS5's budget for 98 % of half-remembered lines."""

_SEARCH = (
    "WITH hits AS (SELECT q.id AS id, ts_rank(q.search, to_tsquery('simple', ?), 1) AS rank"
    f" FROM quotes q WHERE q.search @@ to_tsquery('simple', ?) AND {IN_SCOPE}"
    " ORDER BY rank DESC, q.id LIMIT ?)"
    f" SELECT {QUOTE_COLUMNS} FROM hits h JOIN quotes q ON q.id = h.id {QUOTE_JOINS}"
    " ORDER BY h.rank DESC, q.id"
)


def _tsquery(terms: Sequence[str], joiner: str, *, last_is_prefix: bool = False) -> str | None:
    """A ``to_tsquery`` text for folded words (letters and digits only, so nothing to escape)."""
    parts = ["'" + t.replace("'", "") + "'" for t in terms if t.replace("'", "")]
    if not parts:
        return None
    if last_is_prefix:
        parts[-1] += ":*"
    return joiner.join(parts)


class PostgresStore(
    ArticleQueries, ScopeQueries, QuoteQueries, SpeakerQueries, PostgresConnection, Store
):
    """The ``Store`` on a PostgreSQL database (``BRIEFBOT_DATABASE=postgresql://…``)."""

    async def save_analysis(
        self,
        article: Article,
        content_hash: str,
        analysis: Analysis,
        urls: Sequence[str] = (),
    ) -> int:
        now = stamp(datetime.now(UTC))
        data = await asyncio.to_thread(encode_analysis, analysis)
        async with self.transaction() as db:
            await db.execute("SELECT pg_advisory_xact_lock($1)", QUOTE_INDEX_LOCK)
            article_id = await save_article(db, article, content_hash, analysis, urls, now)
            for url in urls:
                await upsert_url(db, url, article_id)
            await db.execute(
                "INSERT INTO analyses (article_id, algorithm, engine_version, data, created_at)"
                " VALUES ($1, $2, $3, $4, $5) ON CONFLICT (article_id, algorithm) DO UPDATE SET"
                " engine_version = excluded.engine_version, data = excluded.data,"
                " created_at = excluded.created_at",
                article_id,
                analysis.algorithm,
                analysis.engine_version,
                data,
                now,
            )
            await replace_quotes(db, article_id, analysis)
        return article_id

    async def add_url(self, article_id: int, url: str) -> None:
        async with self.transaction() as db:
            await upsert_url(db, url, article_id)

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
        rows = await self._all(INSERT_SUBMISSION, params)
        return str(rows[0][0]) if rows else ""

    async def search_quotes(
        self, words: Sequence[str], scope_key: str, limit: int, *, prefix: bool = False
    ) -> list[QuoteRecord]:
        if prefix:
            pieces = [p for w in words[: fulltext.MAX_QUERY_WORDS] for p in w.split("'") if p]
            query = _tsquery(pieces, " & ", last_is_prefix=True)
        else:
            terms = fulltext.content_terms(words)
            chosen = fulltext.rarest(await self._rows_with(terms), ROW_BUDGET)
            query = _tsquery(chosen, " | ")
        if query is None:
            return []
        rows = await self._all(_SEARCH, (query, query, scope_key, limit, scope_key))
        return [quote_record(row) for row in rows]

    async def _rows_with(self, terms: Sequence[str]) -> list[tuple[str, int]]:
        """How many quotes contain each term (``quote_terms``, kept by trigger)."""
        if not terms:
            return []
        rows = await self._all(
            "SELECT term, doc FROM quote_terms WHERE term = ANY(?::text[])", (list(terms),)
        )
        return [(row[0], int(row[1])) for row in rows]

    async def stats(self, engine_version: str) -> dict[str, int | float]:
        counts: dict[str, int | float] = {}
        for table in ("articles", "analyses", "quotes", "speakers", "submissions"):
            counts[table] = int((await self._one(f"SELECT COUNT(*) FROM {table}"))[0])
        row = await self._one(
            "SELECT COUNT(*) FROM analyses WHERE engine_version <> ?", (engine_version,)
        )
        counts["stale_analyses"] = int(row[0])
        size = await self._one("SELECT pg_database_size(current_database())")
        counts["database_bytes"] = int(size[0])
        return counts

    async def prune(self, before: datetime) -> int:
        """Prune, unless another process is pruning right now (then 0: it does the work)."""
        async with self.transaction() as db:
            if not await db.fetchval("SELECT pg_try_advisory_xact_lock($1)", PRUNE_LOCK):
                return 0
            await db.execute("SELECT pg_advisory_xact_lock($1)", QUOTE_INDEX_LOCK)
            status = await db.execute("DELETE FROM analyses WHERE created_at < $1", stamp(before))
            for statement in DELETE_ORPHANS:
                await db.execute(statement)
        return int(status.rsplit(" ", 1)[-1])
