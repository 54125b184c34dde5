"""Storage: articles, cached analyses, the quote index and submissions, behind ``Store``.

``open_store(settings)`` returns the configured driver: ``PostgresStore`` when
``BRIEFBOT_DATABASE`` is a ``postgresql://`` URL (several bot processes on one database),
else ``SqliteStore`` on that file (one process, the embedded default). See ``bot.store.base``.
"""

from __future__ import annotations

from bot.config import Settings
from bot.store.base import Store
from bot.store.pg_connection import is_postgres_url
from bot.store.records import ArticleRecord, CachedAnalysis, QuoteRecord, Submission
from bot.store.sqlite import SqliteStore

__all__ = [
    "ArticleRecord",
    "CachedAnalysis",
    "QuoteRecord",
    "SqliteStore",
    "Store",
    "Submission",
    "open_database",
    "open_store",
]


async def open_database(database: str) -> Store:
    """Open (migrating) the database ``database`` names: a PostgreSQL URL or a SQLite path."""
    if is_postgres_url(database):
        from bot.store.postgres import PostgresStore

        return await PostgresStore.open(database)
    return await SqliteStore.open(database)


async def open_store(settings: Settings) -> Store:
    """Open the database named by ``settings.database``, migrated to the current schema."""
    return await open_database(settings.database)
