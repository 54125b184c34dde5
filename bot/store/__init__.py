"""Storage: articles, cached analyses, the quote index and submissions, behind ``Store``.

``open_store(settings)`` returns the configured driver (SQLite today); see ``bot.store.base``
for the interface and how a PostgreSQL driver would fit.
"""

from __future__ import annotations

from bot.config import Settings
from bot.store.base import Store
from bot.store.records import ArticleRecord, CachedAnalysis, QuoteRecord, Submission
from bot.store.sqlite import SqliteStore

__all__ = [
    "ArticleRecord",
    "CachedAnalysis",
    "QuoteRecord",
    "SqliteStore",
    "Store",
    "Submission",
    "open_store",
]


async def open_store(settings: Settings) -> SqliteStore:
    """Open the database named by ``settings.database``, migrated to the current schema."""
    return await SqliteStore.open(settings.database)
