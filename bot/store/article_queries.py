"""The analysis cache's reads, in SQL both drivers run: articles, the addresses that lead to
them, and their analyses.

This is the hot path of every request (a cache hit is one ``find_cached`` and one submission),
so lookups fetch the article and its analysis in one statement, and each stored analysis is
decoded once per process (``analysis_json.DecodedAnalyses``). Saving is each driver's own.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.models import Analysis, Article
from bot.store.analysis_json import DecodedAnalyses
from bot.store.records import ArticleRecord, CachedAnalysis
from bot.store.times import unstamp

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


class ArticleQueries:
    """The ``Store``'s article and analysis reads, mixed into a driver's connection class
    (whose ``_one(sql, params)`` runs them), and the decoded analyses they reuse."""

    _one: Callable[..., Awaitable[Any]]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._decoded = DecodedAnalyses()

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
        record = article_record(row)
        return record, self._cached(record.id, algorithm, row[9:]) if row[9] is not None else None

    async def get_article(self, article_id: int) -> ArticleRecord | None:
        row = await self._one(
            f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.id = ?", (article_id,)
        )
        return None if row is None else article_record(row)

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


def article_record(row: Sequence[Any]) -> ArticleRecord:
    """An ``_ARTICLE_COLUMNS`` row as a record."""
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


INSERT_ARTICLE = (
    "INSERT INTO articles (canonical_url, content_hash, title, byline, published,"
    " site_name, source, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
)
"""A new article's row; each driver adds what it does on a conflict."""


def article_params(
    article: Article, content_hash: str, analysis: Analysis, urls: Sequence[str], now: str
) -> tuple[str, ...]:
    """The values of ``INSERT_ARTICLE``: the analysis's title, byline and date over the
    article's, and the first canonical link as its address."""
    return (
        next(iter(urls), "") or article.canonical_url or article.url,
        content_hash,
        analysis.title or article.title,
        analysis.byline or article.byline,
        analysis.published or article.published,
        article.site_name,
        article.source,
        now,
    )


DELETE_ORPHANS = (
    "DELETE FROM articles WHERE"
    " NOT EXISTS (SELECT 1 FROM analyses n WHERE n.article_id = articles.id) AND"
    " NOT EXISTS (SELECT 1 FROM submissions s WHERE s.article_id = articles.id)",
    "DELETE FROM speakers WHERE"
    " NOT EXISTS (SELECT 1 FROM quotes q WHERE q.speaker_id = speakers.id)",
)
"""After old analyses are pruned: the articles nobody submitted and no analysis holds, then
the speakers no quote names any more (run in this order, in the pruning transaction)."""
