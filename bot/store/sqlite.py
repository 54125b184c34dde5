"""The embedded driver: one SQLite file through aiosqlite, in WAL mode.

One connection per process, in autocommit mode; every write is an explicit ``BEGIN IMMEDIATE``
transaction under an asyncio lock, so coroutines never interleave inside one transaction and a
second process (the CLI next to the bot) waits for the write lock (busy timeout) instead of
failing with "database is locked". WAL lets readers go on while a writer writes, and a process
killed mid-write loses at most its uncommitted transaction. ``synchronous=NORMAL`` keeps commits
durable across a process crash; only a power cut may lose the last few.
"""

from __future__ import annotations

import asyncio
import json
import os
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from datetime import UTC, datetime
from typing import Any

import aiosqlite

from bot.models import Analysis, Article, Quote
from bot.store import fulltext
from bot.store.analysis_json import DecodedAnalyses, encode_analysis
from bot.store.base import Store
from bot.store.records import ArticleRecord, CachedAnalysis, QuoteRecord, Submission
from bot.store.schema import Migration
from bot.store.sqlite_open import BUSY_TIMEOUT_MS, check_path, prepare, store_error
from bot.store.sqlite_writes import replace_quotes, upsert_url

_SCOPE_URL = """
    COALESCE((SELECT su.url FROM submissions su WHERE su.id = (
        SELECT MAX(sl.id) FROM submissions sl
        WHERE sl.article_id = a.id AND sl.scope_key = ? AND sl.url <> '')), '')
"""
"""The address a scope sees for article ``a``: its own latest link, never ``a.canonical_url``
(another scope's link, maybe a private one). Takes the scope key as its parameter. "Latest" is
the highest submission id (ids grow with time): a lookup in the partial index of submissions by
link (migration 0006), where an ORDER BY on the time made SQLite scan the scope's whole history
for every quote, and the (scope, article) index alone read every earlier submission of it."""

_QUOTE_COLUMNS = f"""
    q.id, q.text, q.start_offset, q.end_offset, q.kind, q.context, q.speaker_name, q.role,
    a.id, a.title, {_SCOPE_URL}, a.published, a.fetched_at
"""
_QUOTE_JOINS = """
    JOIN articles a ON a.id = q.article_id
"""
_IN_SCOPE = """
    EXISTS (SELECT 1 FROM submissions s WHERE s.article_id = q.article_id AND s.scope_key = ?)
"""


def stamp(moment: datetime) -> str:
    """A time as stored: UTC, fixed width, so text order is time order."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def unstamp(text: str) -> datetime:
    """Inverse of ``stamp`` (``fromisoformat`` reads the same text as a ``strptime`` with
    ``stamp``'s format, some twenty times faster: one runs on every cache hit)."""
    return datetime.fromisoformat(text)


class SqliteStore(Store):
    """The ``Store`` on one SQLite file (or ``:memory:`` for ``analyze --no-store``)."""

    def __init__(self, db: aiosqlite.Connection, path: str) -> None:
        self._db = db
        self.path = path
        self._write_lock = asyncio.Lock()
        self._decoded = DecodedAnalyses()
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
    ) -> SqliteStore:
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

    # Articles and analyses.

    async def find_cached(
        self, algorithm: str, *, url: str | None = None, content_hash: str | None = None
    ) -> tuple[ArticleRecord, CachedAnalysis | None] | None:
        row = None
        if url:
            row = await self._one(_CACHED_BY_URL, (algorithm, url))
        if row is None and content_hash:
            row = await self._one(_CACHED_BY_HASH, (algorithm, content_hash))
        if row is None:
            return None
        record = _article(row)
        return record, self._cached(record.id, algorithm, row[9:]) if row[9] is not None else None

    async def get_article(self, article_id: int) -> ArticleRecord | None:
        row = await self._one(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)
        )
        return None if row is None else _article(row)

    async def load_analysis(self, article_id: int, algorithm: str) -> CachedAnalysis | None:
        row = await self._one(
            "SELECT data, engine_version, created_at FROM analyses "
            "WHERE article_id = ? AND algorithm = ?",
            (article_id, algorithm),
        )
        return None if row is None else self._cached(article_id, algorithm, row)

    async def latest_analysis(self, article_id: int) -> CachedAnalysis | None:
        row = await self._one(
            "SELECT data, engine_version, created_at, algorithm FROM analyses"
            " WHERE article_id = ? ORDER BY created_at DESC LIMIT 1",
            (article_id,),
        )
        return None if row is None else self._cached(article_id, row[3], row)

    def _cached(self, article_id: int, algorithm: str, row: Sequence[Any]) -> CachedAnalysis:
        """The analysis in a ``(data, engine_version, created_at)`` row, decoded once."""
        key = (article_id, algorithm, row[1], row[2])
        cached = self._decoded.get(key)
        if cached is None:
            analysis = Analysis.from_dict(json.loads(row[0]))
            cached = CachedAnalysis(analysis, row[1], unstamp(row[2]))
            self._decoded.put(key, cached, len(row[0]))
        return cached

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
            row = await self._one("SELECT id FROM articles WHERE content_hash = ?", (content_hash,))
            if row is not None:
                article_id = int(row[0])
            else:
                cursor = await db.execute(
                    "INSERT INTO articles (canonical_url, content_hash, title, byline, published,"
                    " site_name, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        next(iter(urls), "") or article.canonical_url or article.url,
                        content_hash,
                        analysis.title or article.title,
                        analysis.byline or article.byline,
                        analysis.published or article.published,
                        article.site_name,
                        article.source,
                        now,
                    ),
                )
                article_id = int(cursor.lastrowid or 0)
            for url in urls:
                await upsert_url(db, url, article_id)
            await db.execute(
                "INSERT INTO analyses (article_id, algorithm, engine_version, data, created_at)"
                " VALUES (?, ?, ?, ?, ?) ON CONFLICT (article_id, algorithm) DO UPDATE SET"
                " engine_version = excluded.engine_version, data = excluded.data,"
                " created_at = excluded.created_at",
                (article_id, analysis.algorithm, analysis.engine_version, data, now),
            )
            await replace_quotes(db, article_id, analysis)
        return article_id

    async def add_url(self, article_id: int, url: str) -> None:
        async with self.transaction() as db:
            await upsert_url(db, url, article_id)

    # Scopes.

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
        # A submission without a link inherits the scope's own latest link, so the address the
        # scope sees comes back from this one statement: one round trip on every cache hit.
        async with self._write_lock:  # one statement: its own transaction, one round trip
            rows = await self._all(
                _INSERT_SUBMISSION,
                (
                    scope_key,
                    guild_id,
                    channel_id,
                    user_id,
                    stamp(at),
                    url,
                    url,
                    scope_key,
                    article_id,
                ),
            )
        return str(rows[0][0]) if rows else ""

    async def last_submission(self, article_id: int, scope_key: str) -> Submission | None:
        row = await self._one(
            f"SELECT MAX(s.submitted_at), {_SCOPE_URL} FROM articles a"
            " JOIN submissions s ON s.article_id = a.id WHERE a.id = ? AND s.scope_key = ?",
            (scope_key, article_id, scope_key),
        )
        if row is None or row[0] is None:
            return None
        return Submission(article_id, scope_key, unstamp(row[0]), row[1])

    async def submissions_between(
        self, scope_key: str, since: datetime, until: datetime | None
    ) -> list[Submission]:
        rows = await self._all(
            f"SELECT a.id, MAX(s.submitted_at) AS last, {_SCOPE_URL} FROM submissions s"
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
            f"  SELECT a.id, a.title, {_SCOPE_URL} AS url, MAX(s.submitted_at) AS last"
            "   FROM submissions s JOIN articles a ON a.id = s.article_id"
            "   WHERE s.scope_key = ? GROUP BY a.id, a.title"
            ") WHERE title LIKE ? ESCAPE '\\' OR url LIKE ? ESCAPE '\\'"
            " ORDER BY last DESC LIMIT ?",
            (scope_key, scope_key, pattern, pattern, limit),
        )
        return [(int(r[0]), r[1], r[2]) for r in rows]

    # Quotes.

    async def search_quotes(
        self, words: Sequence[str], scope_key: str, limit: int, *, prefix: bool = False
    ) -> list[QuoteRecord]:
        if prefix:
            match = fulltext.all_of(words, last_is_prefix=True)
        else:
            terms = fulltext.content_terms(words)
            match = fulltext.any_of(fulltext.rarest(await self._rows_with(terms)))
        if match is None:
            return []
        # Rank and cut first, then look up the scope's own address for the few rows kept: the
        # address is a subquery, too costly to compute for every full-text hit.
        rows = await self._all(
            "WITH hits AS (SELECT q.id AS id, f.rank AS rank FROM quotes_fts f"
            f" JOIN quotes q ON q.id = f.rowid WHERE quotes_fts MATCH ? AND {_IN_SCOPE}"
            " ORDER BY f.rank LIMIT ?)"
            f" SELECT {_QUOTE_COLUMNS} FROM hits h JOIN quotes q ON q.id = h.id {_QUOTE_JOINS}"
            " ORDER BY h.rank",
            (match, scope_key, limit, scope_key),
        )
        return [_quote(row) for row in rows]

    async def _rows_with(self, terms: Sequence[str]) -> list[tuple[str, int]]:
        """How many quotes contain each term: indexed lookups in the FTS5 vocabulary, in one
        statement (``term IN (…)`` would scan the whole vocabulary instead)."""
        if not terms:
            return []
        one = "SELECT term, doc FROM quotes_terms WHERE term = ?"
        rows = await self._all(" UNION ALL ".join(one for _ in terms), terms)
        return [(row[0], int(row[1])) for row in rows]

    async def recent_quotes(self, scope_key: str, limit: int) -> list[QuoteRecord]:
        rows = await self._all(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q {_QUOTE_JOINS} WHERE {_IN_SCOPE}"
            " ORDER BY q.id DESC LIMIT ?",
            (scope_key, scope_key, limit),
        )
        return [_quote(row) for row in rows]

    async def quotes_by_speaker(
        self, name_key: str, scope_key: str, limit: int
    ) -> list[QuoteRecord]:
        speaker_ids = await self._speakers_named(name_key)
        if not speaker_ids:
            return []
        marks = ", ".join("?" for _ in speaker_ids)
        rows = await self._all(
            f"SELECT {_QUOTE_COLUMNS} FROM quotes q {_QUOTE_JOINS}"
            f" WHERE q.speaker_id IN ({marks}) AND {_IN_SCOPE}"
            " ORDER BY a.published DESC, a.fetched_at DESC, q.position LIMIT ?",
            (scope_key, *speaker_ids, scope_key, limit),
        )
        return [_quote(row) for row in rows]

    async def _speakers_named(self, key: str) -> list[int]:
        """Speakers by exact name, else by exact alias, else by a whole word of an alias."""
        if not key:
            return []
        for sql, param in (
            ("SELECT id FROM speakers WHERE name_key = ?", key),
            ("SELECT DISTINCT speaker_id FROM speaker_aliases WHERE alias_key = ?", key),
            (
                "SELECT DISTINCT speaker_id FROM speaker_aliases"
                " WHERE ' ' || alias_key || ' ' LIKE ? ESCAPE '\\'",
                "% " + key.replace("%", "\\%").replace("_", "\\_") + " %",
            ),
        ):
            rows = await self._all(sql, (param,))
            if rows:
                return [int(r[0]) for r in rows]
        return []

    async def top_speakers(
        self, scope_key: str, since: datetime | None, limit: int
    ) -> list[tuple[str, int]]:
        rows = await self._all(
            "SELECT sp.name, COUNT(*) AS n FROM quotes q JOIN speakers sp ON sp.id = q.speaker_id"
            " WHERE q.article_id IN (SELECT article_id FROM submissions"
            "   WHERE scope_key = ? AND submitted_at >= ?)"
            " GROUP BY sp.id, sp.name ORDER BY n DESC, sp.name LIMIT ?",
            (scope_key, stamp(since) if since else "", limit),
        )
        return [(r[0], int(r[1])) for r in rows]

    # Housekeeping.

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

    async def prune(self, before: datetime) -> int:
        async with self.transaction() as db:
            cursor = await db.execute("DELETE FROM analyses WHERE created_at < ?", (stamp(before),))
            removed = cursor.rowcount
            await db.execute(
                "DELETE FROM articles WHERE"
                " NOT EXISTS (SELECT 1 FROM analyses n WHERE n.article_id = articles.id) AND"
                " NOT EXISTS (SELECT 1 FROM submissions s WHERE s.article_id = articles.id)"
            )
            await db.execute(
                "DELETE FROM speakers WHERE"
                " NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = speakers.id)"
            )
        return removed


_ARTICLE_COLUMNS = (
    "a.id, a.canonical_url, a.content_hash, a.title, a.byline, a.published, a.site_name,"
    " a.source, a.fetched_at"
)
_CACHED = (
    f"SELECT {_ARTICLE_COLUMNS}, n.data, n.engine_version, n.created_at FROM articles a"
    " LEFT JOIN analyses n ON n.article_id = a.id AND n.algorithm = ?"
)
_CACHED_BY_URL = f"{_CACHED} JOIN article_urls u ON u.article_id = a.id WHERE u.url = ?"
_CACHED_BY_HASH = f"{_CACHED} WHERE a.content_hash = ?"
_INSERT_SUBMISSION = (
    "INSERT INTO submissions (scope_key, guild_id, channel_id, user_id, article_id,"
    " submitted_at, url) SELECT ?, ?, ?, ?, a.id, ?,"
    f" CASE WHEN ? <> '' THEN ? ELSE {_SCOPE_URL} END"
    " FROM articles a WHERE a.id = ? RETURNING url"
)


def _article(row: Sequence[Any]) -> ArticleRecord:
    return ArticleRecord(
        id=int(row[0]),
        canonical_url=row[1],
        content_hash=row[2],
        title=row[3],
        byline=row[4],
        published=row[5],
        site_name=row[6],
        source=row[7],
        fetched_at=unstamp(row[8]),
    )


def _quote(row: Sequence[Any]) -> QuoteRecord:
    quote = Quote(
        text=row[1],
        start=int(row[2]),
        end=int(row[3]),
        kind=row[4],
        speaker=row[6],
        context=row[5],
    )
    return QuoteRecord(
        id=int(row[0]),
        quote=quote,
        speaker=row[6],
        role=row[7],
        article_id=int(row[8]),
        title=row[9],
        url=row[10],
        published=row[11] or row[12][:10],
    )
