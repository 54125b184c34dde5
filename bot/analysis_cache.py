"""The analysis cache: every article is analysed once per engine version and summarizer.

An article is known by its content hash (normalised text) and by every canonical URL that led
to it: the one asked for and the one redirected to, never a URL the page merely claims as its
canonical (a page could otherwise plant its text under another site's address). A request
first looks the article up; only a miss, or an analysis from an older engine, does work, and
concurrent requests for the same URL or text share that work (single flight); across bot
processes sharing one database, the store's ``exclusive`` lock on the article's key does.

Extraction and analysis are two trips to the worker pool rather than one: the content hash of
the extracted text is what tells a new article from one already analysed under another URL or
pasted as text, and it is only known after extraction.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import PurePath
from typing import Any

from bot.config import Settings
from bot.errors import InputError
from bot.models import ENGINE_VERSION, Analysis, Article
from bot.single_flight import SingleFlight
from bot.store.base import Store
from bot.store.keys import content_hash
from bot.store.records import ArticleRecord
from bot.text_input import PLAIN_TEXT_SUFFIXES, decode_text
from bot.workers import WorkerPool


@dataclass(frozen=True)
class CacheAnswer:
    """An analysis, the id of its stored article, and whether it came from the cache."""

    article_id: int
    analysis: Analysis
    cached: bool
    record: ArticleRecord | None = None
    """The stored article, when the lookup already read it (saves a query on a cache hit)."""


class AnalysisCache:
    """Get an analysis for text, a file or a URL, computing it only when the store lacks it."""

    def __init__(
        self, settings: Settings, store: Store, pool: WorkerPool, fetcher: Any = None
    ) -> None:
        self.settings = settings
        self.store = store
        self.pool = pool
        self.fetcher = fetcher
        self.hits = 0
        self.misses = 0
        self._flights: SingleFlight[CacheAnswer] = SingleFlight()

    @property
    def shared(self) -> int:
        """Requests answered by an analysis another concurrent request started."""
        return self._flights.shared

    async def close(self) -> None:
        """Cancel analyses still in flight (the bot is shutting down)."""
        await self._flights.close()

    def algorithm(self, requested: str | None) -> str:
        return requested or self.settings.algorithm

    async def for_article(
        self, article: Article, algorithm: str, urls: tuple[str, ...] = ()
    ) -> CacheAnswer:
        """The analysis of an article whose text is known (pasted, read from a file)."""
        if not article.text.strip():
            raise InputError("The text is empty: there is nothing to summarize.")
        if len(article.text) > self.settings.max_text_chars:
            raise InputError(
                f"The text is too long ({len(article.text):,} characters; "
                f"the limit is {self.settings.max_text_chars:,})."
            )
        digest = content_hash(article.text)
        return await self._flights.run(
            f"{algorithm}:text:{digest}",
            lambda: self._lookup_or_analyze(article, digest, algorithm, urls),
        )

    async def for_file(self, data: bytes, filename: str, algorithm: str) -> CacheAnswer:
        """The analysis of an uploaded or local file (.txt, .md, .html, .pdf)."""
        return await self.for_article(await self._read_file(data, filename), algorithm)

    async def for_url(self, url: str, algorithm: str, user_key: str = "") -> CacheAnswer:
        """The analysis of a link: from the cache by canonical URL, else fetched and analysed."""
        from bot.ingest.urls import canonical_url

        canonical = canonical_url(url)
        return await self._flights.run(
            f"{algorithm}:url:{canonical}",
            lambda: self._lookup_or_fetch(url, canonical, algorithm, user_key),
        )

    async def refresh(self, article: Article, digest: str, algorithm: str) -> CacheAnswer:
        """Re-analyse a stored article (cached by an older engine) under its stored hash.

        The stored text is the cleaned one, whose hash differs from the text first submitted.
        """
        return await self._flights.run(
            f"{algorithm}:text:{digest}",
            lambda: self._lookup_or_analyze(article, digest, algorithm, ()),
        )

    async def _fresh(
        self, algorithm: str, *, url: str | None = None, digest: str | None = None
    ) -> CacheAnswer | None:
        """The cached analysis, if the store has one from this engine version."""
        found = await self.store.find_cached(algorithm, url=url, content_hash=digest)
        if found is None:
            return None
        record, cached = found
        if cached is None or cached.engine_version != ENGINE_VERSION:
            return None
        self.hits += 1
        return CacheAnswer(record.id, cached.analysis, cached=True, record=record)

    async def _lookup_or_analyze(
        self, article: Article, digest: str, algorithm: str, urls: tuple[str, ...]
    ) -> CacheAnswer:
        answer = await self._fresh(algorithm, digest=digest)
        if answer is None:
            # Another bot process may be analysing this article: wait for it, then look again.
            async with self.store.exclusive(f"analysis:{algorithm}:{digest}"):
                answer = await self._fresh(algorithm, digest=digest)
                if answer is None:
                    return await self._analyze(article, digest, algorithm, urls)
        for url in urls:
            await self.store.add_url(answer.article_id, url)
        return answer

    async def _analyze(
        self, article: Article, digest: str, algorithm: str, urls: tuple[str, ...]
    ) -> CacheAnswer:
        from bot.jobs import analyze_article
        from bot.nlp.analyze import AnalysisOptions

        options = AnalysisOptions(
            sentences=self.settings.summary_sentences,
            words=self.settings.summary_words,
            algorithm=algorithm,
            max_chars=self.settings.max_text_chars,
        )
        self.misses += 1
        analysis = await self.pool.run(analyze_article, article, options, self.settings.spacy_model)
        article_id = await self.store.save_analysis(article, digest, analysis, urls)
        return CacheAnswer(article_id, analysis, cached=False)

    async def _lookup_or_fetch(
        self, url: str, canonical: str, algorithm: str, user_key: str
    ) -> CacheAnswer:
        from bot.ingest.urls import canonical_url

        answer = await self._fresh(algorithm, url=canonical)
        if answer is not None:
            return answer
        from bot.ingest.extract import extract_page

        page = await self._fetcher().fetch(url, user_key)
        extract = functools.partial(extract_page, max_pdf_pages=self.settings.pdf_max_pages)
        article: Article = await self.pool.run(extract, page)
        urls = tuple(dict.fromkeys((canonical, canonical_url(page.final_url))))
        return await self.for_article(article, algorithm, urls)

    def _fetcher(self) -> Any:
        if self.fetcher is None:
            from bot.ingest.fetch import Fetcher

            self.fetcher = Fetcher(self.settings)
        return self.fetcher

    async def _read_file(self, data: bytes, filename: str) -> Article:
        """Read a file in a worker (PDF and HTML extraction are CPU work).

        Text files must be UTF-8: a wrong guess at another encoding would be summarised as
        gibberish, so they are refused with a message saying how to fix them.
        """
        from bot.ingest.files import article_from_bytes

        suffix = PurePath(filename).suffix.lower()
        if not suffix or suffix in PLAIN_TEXT_SUFFIXES:
            decode_text(data, filename)
            filename = filename if suffix else f"{filename}.txt"
        read = functools.partial(article_from_bytes, max_pdf_pages=self.settings.pdf_max_pages)
        article: Article = await self.pool.run(read, data, filename)
        return article
