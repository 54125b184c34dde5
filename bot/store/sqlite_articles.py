"""Saving to the analysis cache on SQLite: an analysis, its article, URLs and quote index in
one ``BEGIN IMMEDIATE`` transaction (the reads are portable, ``article_queries``)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from datetime import UTC, datetime

from bot.models import Analysis, Article
from bot.store.analysis_json import encode_analysis
from bot.store.article_queries import INSERT_ARTICLE, ArticleQueries, article_params
from bot.store.sqlite_connection import SqliteConnection, stamp
from bot.store.sqlite_writes import replace_quotes, upsert_url


class SqliteArticles(ArticleQueries, SqliteConnection):
    """The ``Store``'s article and analysis methods."""

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
                    INSERT_ARTICLE, article_params(article, content_hash, analysis, urls, now)
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
