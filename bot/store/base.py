"""The storage interface the service is written against, so the database behind it can change.

Two drivers implement it: ``SqliteStore`` (one file, the embedded default, for one bot process)
and ``PostgresStore`` (asyncpg, for several bot processes sharing one server). Everything above
this interface speaks in models and records, never in SQL; the queries both can run are shared
(``article_queries``, ``scope_queries``, ``quote_queries``), and each driver has its own writes,
full-text search and migrations (``migrations/`` and ``pg_migrations/``, the same tables).

The "who said" re-ranking (rapidfuzz) and the cache rules sit above this interface, so both
drivers answer the same. What must happen once across processes rests on the database: an
analysis runs inside ``exclusive(cache key)`` (an advisory lock on PostgreSQL), briefing and
feed claims are conditional writes, and pruning is skipped by a process that finds another
one pruning. Speakers are looked up by ``speakers.surname_key`` (the last word of ``name_key``,
or the one before a "jr"/"sr"/"ii"/"iii"/"iv" suffix, as ``bot.store.keys.surname_key``) when
``scope_speakers`` links a scope's names across articles.
"""

from __future__ import annotations

import abc
from collections.abc import Sequence
from contextlib import AbstractAsyncContextManager
from datetime import datetime
from typing import Any

from bot.models import Analysis, Article
from bot.store.records import (
    ArticleRecord,
    CachedAnalysis,
    QuoteRecord,
    SpeakerTally,
    Submission,
)
from bot.store.sql import SqlWriter

MAX_ID = 2**63 - 1
"""The largest id a store hands out (a signed 64-bit key, SQLite's and PostgreSQL's BIGINT):
a larger number names nothing, and the driver could not even bind it."""


class Store(abc.ABC):
    """Articles, their cached analyses, the quote index and who submitted what where."""

    @abc.abstractmethod
    async def close(self) -> None:
        """Release the connection(s); the store is unusable afterwards."""

    @abc.abstractmethod
    def transaction(self) -> AbstractAsyncContextManager[Any]:
        """One write transaction (committed on exit, rolled back on error).

        Yields the driver's own connection (aiosqlite or asyncpg), for driver code; modules
        that keep their own tables in this database use ``write`` and ``read`` instead.
        """

    @abc.abstractmethod
    def write(self) -> AbstractAsyncContextManager[SqlWriter]:
        """One write transaction in portable SQL (``bot.store.sql``), for modules that keep
        their own tables in this database and write to them on either driver."""

    @abc.abstractmethod
    async def read(self, sql: str, params: Sequence[Any] = ()) -> list[Sequence[Any]]:
        """The rows of one portable SQL query (``?`` marks)."""

    @abc.abstractmethod
    def exclusive(self, key: str) -> AbstractAsyncContextManager[None]:
        """Hold ``key`` against every other process using the database, waiting for a holder.

        The analysis cache holds an article's key while it analyses it, so two bot processes
        never analyse one article at once (each process's single flight covers its own
        requests). A crashed holder never keeps the key.
        """

    # Articles and analyses: the cache.
    @abc.abstractmethod
    async def find_cached(
        self, algorithm: str, *, url: str | None = None, content_hash: str | None = None
    ) -> tuple[ArticleRecord, CachedAnalysis | None] | None:
        """The article stored under a canonical URL (tried first) or a content hash, with its
        cached analysis by ``algorithm`` if there is one: the cache lookup, in one query."""

    @abc.abstractmethod
    async def get_article(self, article_id: int) -> ArticleRecord | None:
        """One article by id, whatever its scope (callers check visibility)."""

    @abc.abstractmethod
    async def load_analysis(self, article_id: int, algorithm: str) -> CachedAnalysis | None:
        """The cached analysis of an article by one summarizer, stale or not."""

    @abc.abstractmethod
    async def latest_analysis(self, article_id: int) -> CachedAnalysis | None:
        """The most recent cached analysis of an article by any summarizer."""

    @abc.abstractmethod
    async def save_analysis(
        self,
        article: Article,
        content_hash: str,
        analysis: Analysis,
        urls: Sequence[str] = (),
    ) -> int:
        """Store (or replace) an analysis, its article, URLs, quotes and speakers; the id."""

    @abc.abstractmethod
    async def add_url(self, article_id: int, url: str) -> None:
        """Remember one more canonical URL that leads to a stored article."""

    # Scopes.
    @abc.abstractmethod
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
        """Record that an article was asked for in a scope; this is what makes it visible.

        ``url`` is the canonical URL the scope asked for ("" for text and files): the only
        address the scope will ever be shown for the article. Returns the address the scope
        sees for it now: ``url``, or else the scope's own latest link ("" when it has none).
        """

    @abc.abstractmethod
    async def last_submission(self, article_id: int, scope_key: str) -> Submission | None:
        """The article as last submitted in the scope; ``None`` = not visible there."""

    @abc.abstractmethod
    async def submissions_between(
        self, scope_key: str, since: datetime, until: datetime | None
    ) -> list[Submission]:
        """The articles submitted in a scope in a window, once each (latest time), oldest first."""

    @abc.abstractmethod
    async def recent_articles(
        self, scope_key: str, query: str, limit: int
    ) -> list[tuple[int, str, str]]:
        """``(id, title, url)`` of the scope's articles, latest first, title or the scope's own
        URL containing query."""

    # Quotes.
    @abc.abstractmethod
    async def search_quotes(
        self, words: Sequence[str], scope_key: str, limit: int, *, prefix: bool = False
    ) -> list[QuoteRecord]:
        """Full-text candidates for a remembered line: quotes sharing words with it, best first.

        With ``prefix`` the last word may be unfinished (autocomplete).
        """

    @abc.abstractmethod
    async def recent_quotes(self, scope_key: str, limit: int) -> list[QuoteRecord]:
        """The scope's latest quotes (for near misses when no word matches at all)."""

    @abc.abstractmethod
    async def quotes_by_speaker(
        self, name_key: str, scope_key: str, limit: int
    ) -> list[QuoteRecord]:
        """Quotes of the speaker(s) known by this name or alias, latest first."""

    @abc.abstractmethod
    async def scope_speakers(
        self,
        scope_key: str,
        *,
        since: datetime | None = None,
        surnames: Sequence[str] | None = None,
    ) -> list[SpeakerTally]:
        """Every speaker quoted in the scope's articles (submitted since ``since``) with its
        number of quotes there, in no particular order: what ``bot.speaker_identity`` links.

        With ``surnames`` (``bot.store.keys.surname_key`` values), only the speakers stored
        under one of them: an index lookup, not a pass over the scope's quotes.
        """

    # Housekeeping.
    @abc.abstractmethod
    async def stats(self, engine_version: str) -> dict[str, int | float]:
        """Row counts, analyses older than ``engine_version`` and the database size."""

    async def damage(self) -> str | None:
        """What a quick integrity check of the database finds wrong, or None when it is sound
        (or when the driver has no such check)."""
        return None

    @abc.abstractmethod
    async def prune(self, before: datetime) -> int:
        """Drop analyses computed before a time and articles nothing refers to; the count."""
