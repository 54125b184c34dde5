"""The one façade both faces call: the CLI and the Discord cogs never touch the store directly.

Every call runs inside a ``Scope``. An analysis is shared by everyone (computed once, cached),
but an article becomes visible in a scope only by being submitted there: every analyze call
records a submission, and every query (who said, quotes by speaker, articles, briefings)
looks only at the scope's submissions, so one server never sees another server's articles.
The one article is shared by content hash, but the address shown with it is the one the scope
itself submitted it under (its latest link, "" for text and files), never another scope's.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.analysis_cache import AnalysisCache, CacheAnswer
from bot.config import MAX_DAYS, Settings
from bot.errors import InputError, NotFoundError, StoreError
from bot.linked_speakers import (
    identities_for,
    most_quoted,
    quotes_of_person,
    speakers_sharing_surnames,
)
from bot.models import ENGINE_VERSION, Analysis, Article, Quote, Scope
from bot.plain_text import shorten
from bot.store import Store, open_store
from bot.store.base import MAX_ID
from bot.store.keys import name_key, plain, words
from bot.store.records import ArticleRecord, QuoteRecord, SpeakerTally, Submission
from bot.store.whosaid import ScoredQuote, find_quotes
from bot.workers import WorkerPool

log = logging.getLogger(__name__)

ARTICLE_CANDIDATES = 200
"""Articles containing the longest typed word, filtered by the other words (autocomplete)."""

SUGGESTION_CHARS = 100
MAX_NAME_CHARS = 200
"""The longest speaker name searched for: far past any real name with all its titles."""
MAX_QUOTE_CHARS = 2_000
"""The longest line "who said" looks up: a long paragraph of a quote."""
ECHO_CHARS = 80
"""How much of what the user typed a message repeats back."""
"""Discord's limit on an autocomplete choice; a fragment that long still finds its quote."""


@dataclass(frozen=True)
class Submitter:
    """Who asked, inside the scope (0 = unknown, as for the CLI and scheduled briefings)."""

    user_id: int = 0
    channel_id: int = 0


@dataclass(frozen=True)
class AnalysisResult:
    """An analysis as one scope sees it: the article, its analysis, and where it came from."""

    article_id: int
    article: Article
    analysis: Analysis
    cached: bool
    """True when the analysis was read from the cache rather than computed for this call."""
    submitted_at: datetime


@dataclass(frozen=True)
class QuoteMatch:
    """One stored quote as an answer: who said it, where, and how well it matched."""

    quote: Quote
    speaker: str | None
    role: str | None
    article_id: int
    title: str
    url: str
    published: str
    score: float


@dataclass(frozen=True)
class WhoSaidAnswer:
    """The matches for a remembered line, or (when there are none) the closest misses."""

    query: str
    matches: list[QuoteMatch]
    near_misses: list[QuoteMatch]


class Service:
    """Analyze, look up and search, through the cache and inside a scope."""

    def __init__(
        self, settings: Settings, store: Store, pool: WorkerPool, *, owns_pool: bool, fetcher: Any
    ) -> None:
        self.settings = settings
        self.store = store
        self.pool = pool
        self._owns_pool = owns_pool
        self._owns_fetcher = fetcher is None
        self.cache = AnalysisCache(settings, store, pool, fetcher)

    @classmethod
    async def open(
        cls, settings: Settings, *, pool: WorkerPool | None = None, fetcher: Any = None
    ) -> Service:
        """Open the database (migrating it) and the worker pool; prune if a setting says so.

        A pool or fetcher passed in belongs to the caller and is not closed by ``close``.
        """
        store = await open_store(settings)
        owns_pool = pool is None
        if pool is None:
            pool = WorkerPool(
                settings.workers,
                settings.worker_queue,
                settings.analysis_timeout,
                settings.spacy_model,
            )
        service = cls(settings, store, pool, owns_pool=owns_pool, fetcher=fetcher)
        if settings.prune_days > 0:
            try:
                removed = await service.prune(settings.prune_days)
            except BaseException:
                await service.close()
                raise
            log.info("pruned %d cached analyses older than %d days", removed, settings.prune_days)
        return service

    async def close(self) -> None:
        """Stop work in flight and release the pool, the fetcher and the database."""
        await self.cache.close()
        if self._owns_pool:
            await self.pool.close()
        fetcher = self.cache.fetcher
        if self._owns_fetcher and fetcher is not None:
            await fetcher.close()
        await self.store.close()

    # Analysis.

    async def analyze_text(
        self,
        text: str,
        scope: Scope,
        *,
        title: str = "",
        submitter: Submitter | None = None,
        sentences: int | None = None,
        algorithm: str | None = None,
    ) -> AnalysisResult:
        """Analyze pasted text (or answer from the cache) and record it in the scope."""
        article = Article(text=text, title=title.strip(), source="text")
        _check_length(sentences)
        answer = await self.cache.for_article(article, self.cache.algorithm(algorithm))
        return await self._submitted(answer, scope, submitter, sentences)

    async def analyze_url(
        self,
        url: str,
        scope: Scope,
        *,
        submitter: Submitter | None = None,
        sentences: int | None = None,
        algorithm: str | None = None,
    ) -> AnalysisResult:
        """Fetch and analyze a link (or answer from the cache) and record it in the scope."""
        user_key = f"{scope.key}/{submitter.user_id}" if submitter else scope.key
        _check_length(sentences)
        answer = await self.cache.for_url(url, self.cache.algorithm(algorithm), user_key)
        from bot.ingest.urls import canonical_url

        return await self._submitted(answer, scope, submitter, sentences, canonical_url(url))

    async def analyze_file(
        self,
        data: bytes,
        filename: str,
        scope: Scope,
        *,
        submitter: Submitter | None = None,
        sentences: int | None = None,
        algorithm: str | None = None,
    ) -> AnalysisResult:
        """Read and analyze a file's bytes (or answer from the cache); record it in the scope."""
        _check_length(sentences)
        answer = await self.cache.for_file(data, filename, self.cache.algorithm(algorithm))
        return await self._submitted(answer, scope, submitter, sentences)

    async def _submitted(
        self,
        answer: CacheAnswer,
        scope: Scope,
        submitter: Submitter | None,
        sentences: int | None,
        url: str = "",
    ) -> AnalysisResult:
        """Record the submission in the scope and shape the result for this request.

        ``url`` is the canonical form of the link asked for ("" for text and files); without
        one the scope sees the address of its own latest link to the article, if any.
        """
        submitter = submitter or Submitter()
        now = datetime.now(UTC)
        url = await self.store.add_submission(
            answer.article_id,
            scope.key,
            now,
            guild_id=scope.id if scope.kind == "guild" else 0,
            channel_id=submitter.channel_id,
            user_id=submitter.user_id,
            url=url,
        )
        record = answer.record or await self._record(answer.article_id)
        analysis = self._with_length(_at_address(answer.analysis, url), sentences)
        return AnalysisResult(
            answer.article_id, _article(record, analysis), analysis, answer.cached, now
        )

    def _with_length(self, analysis: Analysis, sentences: int | None) -> Analysis:
        """The analysis with a summary of ``sentences`` cut from its ranking (no new parse)."""
        default = self.settings.summary_sentences
        if sentences is None or sentences == default or not analysis.ranked:
            return analysis
        from bot.nlp.summarize import select_summary

        words = max(
            self.settings.summary_words, self.settings.summary_words * sentences // max(default, 1)
        )
        summary = select_summary(analysis.ranked, sentences=sentences, words=words)
        return dataclasses.replace(analysis, summary=tuple(summary))

    async def _record(self, article_id: int) -> ArticleRecord:
        record = await self.store.get_article(article_id)
        if record is None:
            raise NotFoundError("That article is no longer stored.")
        return record

    # Stored articles.

    async def article(self, article_id: int, scope: Scope) -> AnalysisResult:
        """A stored article's analysis, if it was submitted in ``scope``; else NotFoundError."""
        in_range = 1 <= article_id <= MAX_ID
        submitted = await self.store.last_submission(article_id, scope.key) if in_range else None
        if submitted is None:
            raise NotFoundError(f"There is no article #{article_id} here.")
        return await self._stored(submitted)

    async def check_article(self, article_id: int, scope: Scope) -> None:
        """``NotFoundError`` unless ``article_id`` was submitted in ``scope``: one lookup, no
        analysis, so a face can refuse an id before promising an answer."""
        in_range = 1 <= article_id <= MAX_ID
        if not in_range or await self.store.last_submission(article_id, scope.key) is None:
            raise NotFoundError(f"There is no article #{article_id} here.")

    async def _stored(self, submission: Submission) -> AnalysisResult:
        """Read a stored analysis back as the submitting scope sees it (its own address),
        re-analysing its text when the engine is newer."""
        article_id = submission.article_id
        record = await self._record(article_id)
        cached = await self.store.load_analysis(
            article_id, self.settings.algorithm
        ) or await self.store.latest_analysis(article_id)
        if cached is None:
            raise NotFoundError(
                f"The analysis of article #{article_id} was pruned from the cache; "
                "submit the article again."
            )
        analysis, from_cache = cached.analysis, True
        if cached.engine_version != ENGINE_VERSION:
            answer = await self.cache.refresh(
                _article(record, analysis), record.content_hash, analysis.algorithm
            )
            analysis, from_cache = answer.analysis, False
        analysis = _at_address(analysis, submission.url)
        return AnalysisResult(
            article_id, _article(record, analysis), analysis, from_cache, submission.submitted_at
        )

    async def articles_since(
        self, scope: Scope, since: datetime, until: datetime | None = None
    ) -> list[AnalysisResult]:
        """The analyses of articles submitted in ``scope`` in ``[since, until)``, oldest first.

        Articles whose analysis was pruned are left out (the briefing has nothing to say).
        """
        results = []
        for submission in await self.store.submissions_between(scope.key, since, until):
            try:
                results.append(await self._stored(submission))
            except NotFoundError:
                continue
        return results

    async def recent_articles(
        self, scope: Scope, query: str = "", limit: int = 25
    ) -> list[tuple[int, str, str]]:
        """``(article_id, title, url)`` of the scope's latest articles, for autocomplete.

        Several typed words match in any order ("flood Riverton" finds "Riverton braces for
        flood"): the longest narrows the search, and every one must be in the title or link.
        """
        query = query.strip()[:MAX_NAME_CHARS]
        typed = words(query)
        if len(typed) < 2:
            return await self.store.recent_articles(scope.key, query, limit)
        found = await self.store.recent_articles(scope.key, max(typed, key=len), ARTICLE_CANDIDATES)
        return [a for a in found if all(w in plain(f"{a[1]} {a[2]}") for w in typed)][:limit]

    # Quotes.

    async def whosaid(self, text: str, scope: Scope, limit: int = 3) -> WhoSaidAnswer:
        """Who said a remembered line: the best matching quotes, or the closest misses."""
        if limit < 1:
            raise InputError("Ask for at least one answer.")
        _refuse_longer(text, MAX_QUOTE_CHARS, "A line to look up")
        matches, near = await find_quotes(self.store, text, scope.key, limit)
        people = await identities_for(
            self.store, scope.key, (m.record.speaker for m in matches + near)
        )
        return WhoSaidAnswer(
            text,
            [_match(m, people.shown(m.record.speaker)) for m in matches],
            [_match(m, people.shown(m.record.speaker)) for m in near],
        )

    async def quotes_by_speaker(self, name: str, scope: Scope, limit: int = 20) -> list[QuoteMatch]:
        """Every quote of the speaker known by ``name`` (or any alias, or another name the
        scope's articles gave the same person), latest article first."""
        _refuse_longer(name, MAX_NAME_CHARS, "A speaker's name")
        if not name_key(name):
            raise InputError("Give a speaker's name.")
        records, people = await quotes_of_person(self.store, name, scope.key, limit)
        return [_match(ScoredQuote(r, 100.0), people.shown(r.speaker)) for r in records]

    async def top_speakers(
        self, scope: Scope, since: datetime | None = None, limit: int = 10
    ) -> list[tuple[str, int]]:
        """The most quoted people among the scope's articles submitted since ``since``, each
        once under the fullest name the scope's articles gave them."""
        return await most_quoted(self.store, scope.key, since, limit)

    async def speakers_like(self, scope: Scope, names: Iterable[str]) -> list[SpeakerTally]:
        """The scope's quoted speakers sharing a surname with one of ``names``: the fuller
        names a briefing's window may link its short ones to."""
        return await speakers_sharing_surnames(self.store, scope.key, names)

    async def suggest_quotes(self, scope: Scope, prefix: str, limit: int = 25) -> list[str]:
        """Quotes that start to match what the user typed so far (``/whosaid`` autocomplete)."""
        typed = words(prefix[:MAX_QUOTE_CHARS])
        if typed:
            records = await self.store.search_quotes(typed, scope.key, limit, prefix=True)
        else:
            records = await self.store.recent_quotes(scope.key, limit)
        texts = dict.fromkeys(shorten(r.quote.text, SUGGESTION_CHARS) for r in records)
        return list(texts)[:limit]

    # Housekeeping.

    async def check_database(self) -> None:
        """Raise ``StoreError`` when the store's integrity check finds the database damaged."""
        damage = await self.store.damage()
        if damage is not None:
            raise StoreError(
                f"The database {self.settings.database} is corrupt (PRAGMA quick_check: "
                f"{damage}). Restore a backup, or move it away to start a new one."
            )

    async def cache_stats(self) -> dict[str, int | float]:
        """Stored rows and size, plus this process's hits, misses and shared analyses."""
        stats = await self.store.stats(ENGINE_VERSION)
        asked = self.cache.hits + self.cache.misses
        stats.update(
            hits=self.cache.hits,
            misses=self.cache.misses,
            shared=self.cache.shared,
            hit_rate=round(self.cache.hits / asked, 3) if asked else 0.0,
        )
        return stats

    async def prune(self, days: int) -> int:
        """Drop analyses older than ``days`` days; quotes of articles still submitted stay."""
        if not 0 <= days <= MAX_DAYS:
            raise InputError(f"The number of days must be from 0 to {MAX_DAYS:,}.")
        return await self.store.prune(datetime.now(UTC) - timedelta(days=days))


def _check_length(sentences: int | None) -> None:
    """Refuse an impossible summary length before any work is done."""
    if sentences is not None and not 1 <= sentences <= 10:
        raise InputError("The number of summary sentences must be between 1 and 10.")


def _at_address(analysis: Analysis, url: str) -> Analysis:
    """The analysis as shown to a scope: at the scope's own address, not the stored one.

    A cached analysis is shared by every scope, so it is never changed; a copy is made only
    when the address differs (an article pasted as text, the common case, needs none).
    """
    return analysis if analysis.url == url else dataclasses.replace(analysis, url=url)


def _article(record: ArticleRecord, analysis: Analysis) -> Article:
    """The stored article as one scope sees it: ``analysis.url`` is already that scope's own
    address, and ``record.canonical_url`` (whoever stored it first) is never shown."""
    return Article(
        text=analysis.text,
        title=record.title or analysis.title,
        url=analysis.url,
        canonical_url=analysis.url,
        byline=record.byline,
        published=record.published,
        site_name=record.site_name,
        language=analysis.language,
        source=record.source,  # type: ignore[arg-type]
    )


def _match(scored: ScoredQuote, speaker: str | None) -> QuoteMatch:
    """One stored quote as an answer, its speaker under the name the scope shows them by."""
    record: QuoteRecord = scored.record
    return QuoteMatch(
        quote=record.quote,
        speaker=speaker,
        role=record.role,
        article_id=record.article_id,
        title=record.title,
        url=record.url,
        published=record.published,
        score=scored.score,
    )


__all__ = [
    "AnalysisResult",
    "QuoteMatch",
    "Service",
    "Submitter",
    "WhoSaidAnswer",
]


def _refuse_longer(text: str, limit: int, what: str) -> None:
    """Refuse a search string no real one is as long as, before it reaches SQL (SQLite refuses
    a long LIKE pattern with an error, and a message would echo it whole)."""
    if len(text) > limit:
        raise InputError(
            f"{what} can be at most {limit:,} characters; this one has {len(text):,} "
            f"(“{echo(text)}”)."
        )


def echo(text: str) -> str:
    """What the user typed, shortened for repeating it back in a message."""
    return shorten(text, ECHO_CHARS)
