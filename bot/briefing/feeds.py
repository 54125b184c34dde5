"""Following RSS/Atom feeds: poll on an interval, analyze new entries in the background.

Every poll goes through the safe ``Fetcher`` (with ``If-None-Match``/``If-Modified-Since`` from
the last answer, so an unchanged feed costs a 304), is parsed in a worker with a time limit,
and records its entries by canonical URL: an article listed again, or by two feeds of one
server, is analyzed once. New entries are analyzed by a bounded number of background tasks.

A feed that fails — unreachable, too large, not a feed, hostile — only records why (shown by
``/briefing feeds list``) and is retried later with a growing back-off; nothing a feed serves
can stop the poller. A new feed's backlog is not analyzed wholesale: only its newest few
entries are, the rest are marked as seen.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Protocol

from bot.briefing.feed_parse import FeedFormatError, ParsedFeed, parse_feed
from bot.briefing.feed_storage import Feed, FeedStorage
from bot.briefing.pause import Pause
from bot.briefing.schedule import Clock, SystemClock
from bot.errors import AnalysisFailedError, BriefbotError, InputError
from bot.ingest.page import FetchedPage
from bot.ingest.urls import canonical_url
from bot.models import Scope

log = logging.getLogger(__name__)

Analyze = Callable[[str, Scope], Awaitable[Any]]
JobRunner = Callable[..., Awaitable[Any]]

MAX_FEEDS_PER_SERVER = 20
FIRST_POLL_ENTRIES = 5
"""A newly added feed's newest entries analyzed at once; older ones are only marked seen."""
POLL_ENTRIES = 25
"""New entries analyzed per poll at most; a feed that lists more at once is flooding."""
MAX_BACKOFF = 16
"""A failing feed is polled at most this many intervals apart."""
STALE_ANALYSIS = timedelta(minutes=30)


class PageFetcher(Protocol):
    """What polling needs of ``bot.ingest.fetch.Fetcher``."""

    async def fetch(
        self,
        url: str,
        user_key: str = "",
        etag: str | None = None,
        last_modified: str | None = None,
        accept_feeds: bool = False,
    ) -> FetchedPage: ...


@dataclass(frozen=True)
class PollResult:
    """What one poll found: new entries queued, or why it failed."""

    feed_id: int
    new_entries: int = 0
    unchanged: bool = False
    error: str | None = None


async def _in_thread(job: Callable[..., Any], *args: Any) -> Any:
    return await asyncio.to_thread(job, *args)


class FeedPoller:
    """Polls every server's feeds and feeds new entries to the analyzer."""

    def __init__(
        self,
        storage: FeedStorage,
        fetcher: PageFetcher,
        analyze: Analyze,
        *,
        interval: timedelta,
        clock: Clock | None = None,
        concurrency: int = 2,
        run_job: JobRunner = _in_thread,
        poll_seconds: float = 60.0,
    ) -> None:
        self.storage = storage
        self.fetcher = fetcher
        self.analyze = analyze
        self.interval = interval
        self.clock = clock or SystemClock()
        self.concurrency = concurrency
        self.run_job = run_job
        self.poll_seconds = poll_seconds
        self._slots = asyncio.Semaphore(concurrency)
        self._analyses: set[asyncio.Task[None]] = set()
        self._pause = Pause()
        self._task: asyncio.Task[None] | None = None

    # Commands.

    async def add(self, guild_id: int, url: str, added_by: int = 0) -> tuple[Feed, int]:
        """Follow a feed after checking it is one; returns it and its entries queued now.

        Fetch and format errors reach the user as they are: a feed that cannot be read today
        is not added.
        """
        address = canonical_url(url)
        if len(await self.storage.feeds(guild_id)) >= MAX_FEEDS_PER_SERVER:
            raise InputError(f"A server can follow at most {MAX_FEEDS_PER_SERVER} feeds.")
        page = await self.fetcher.fetch(address, f"feeds:{guild_id}", accept_feeds=True)
        parsed = await self._parse(page)
        now = self.clock.now()
        feed = await self.storage.add(guild_id, address, parsed.title, added_by, now)
        if feed is None:
            raise InputError("This server already follows that feed.")
        await self.storage.claim_poll(feed, now + self.interval)
        queued = await self._record(feed, parsed, page, now, first=True)
        self.wake()
        return feed, queued

    async def remove(self, guild_id: int, url: str) -> None:
        if not await self.storage.remove(guild_id, canonical_url(url)):
            raise InputError("This server does not follow that feed; see `/briefing feeds list`.")

    # Polling.

    async def tick(self) -> list[PollResult]:
        """Poll the feeds that are due, then start analyzing whatever entries wait."""
        now = self.clock.now()
        results = []
        for feed in await self.storage.due(now):
            if await self.storage.claim_poll(feed, now + self.interval):
                results.append(await self.poll(feed, now))
        await self._start_analyses(now)
        return results

    async def poll(self, feed: Feed, now: datetime) -> PollResult:
        """Fetch one feed conditionally and queue its new entries; failures are recorded."""
        try:
            page = await self.fetcher.fetch(
                feed.url, f"feeds:{feed.guild_id}", feed.etag, feed.last_modified, True
            )
            if page.status == 304:
                await self.storage.record_success(
                    feed.id,
                    now,
                    etag=page.etag or feed.etag,
                    last_modified=page.last_modified or feed.last_modified,
                    title=None,
                    new_entries=0,
                )
                return PollResult(feed.id, unchanged=True)
            parsed = await self._parse(page)
        except BriefbotError as error:
            return await self._failed(feed, now, error.message)
        except Exception:
            log.exception("reading feed %s (id %s) failed", feed.url, feed.id)
            return await self._failed(feed, now, "The feed could not be read (unexpected error).")
        queued = await self._record(feed, parsed, page, now, first=feed.last_ok_at is None)
        return PollResult(feed.id, new_entries=queued)

    async def _parse(self, page: FetchedPage) -> ParsedFeed:
        """Parse in a worker: a feed that hangs or crashes the parser costs only that worker."""
        try:
            return await self.run_job(
                parse_feed, page.body, page.final_url, page.content_type, page.charset
            )
        except AnalysisFailedError:
            raise FeedFormatError(
                "The feed could not be read (its reader gave up on it)."
            ) from None

    async def _failed(self, feed: Feed, now: datetime, reason: str) -> PollResult:
        backoff = min(2 ** (feed.failures + 1), MAX_BACKOFF)
        await self.storage.record_failure(feed.id, now, reason, now + self.interval * backoff)
        log.info("feed %s (id %s) failed: %s", feed.url, feed.id, reason)
        return PollResult(feed.id, error=reason)

    async def _record(
        self, feed: Feed, parsed: ParsedFeed, page: FetchedPage, now: datetime, *, first: bool
    ) -> int:
        """Remember every entry; the newest few unseen ones are queued for analysis."""
        entries = [(e.url, e.title) for e in parsed.entries]
        limit = FIRST_POLL_ENTRIES if first else POLL_ENTRIES
        queued = await self.storage.add_entries(feed.guild_id, feed.id, entries[:limit], now)
        seen = await self.storage.add_entries(
            feed.guild_id, feed.id, entries[limit:], now, state="skipped"
        )
        await self.storage.record_success(
            feed.id,
            now,
            etag=page.etag,
            last_modified=page.last_modified,
            title=parsed.title or None,
            new_entries=len(queued) + len(seen),
        )
        return len(queued)

    # Background analysis.

    async def _start_analyses(self, now: datetime) -> None:
        room = self.concurrency * 2 - len(self._analyses)
        if room <= 0:
            return
        for guild_id, url in await self.storage.claim_entries(room, now, now - STALE_ANALYSIS):
            task = asyncio.create_task(self._analyze(guild_id, url), name=f"feed-entry {url}")
            self._analyses.add(task)
            task.add_done_callback(self._analyses.discard)

    async def _analyze(self, guild_id: int, url: str) -> None:
        async with self._slots:
            try:
                await self.analyze(url, Scope("guild", guild_id))
            except BriefbotError as error:
                await self.storage.finish_entry(guild_id, url, "failed", error.message)
            except Exception:
                log.exception("analyzing feed entry %s failed", url)
                await self.storage.finish_entry(guild_id, url, "failed", "unexpected error")
            else:
                await self.storage.finish_entry(guild_id, url, "analyzed", "")
        # Keep the queue moving without waiting for the next poll.
        await self._start_analyses(self.clock.now())

    async def drain(self) -> None:
        """Wait until every entry analysis started so far has finished."""
        while self._analyses:
            await asyncio.gather(*self._analyses, return_exceptions=True)

    # The loop.

    def start(self) -> None:
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._loop(), name="feed-poller")

    def wake(self) -> None:
        self._pause.wake()

    async def stop(self) -> None:
        """Stop polling and cancel analyses in flight (their entries are retried later)."""
        tasks = [t for t in (self._task, *self._analyses) if t is not None]
        self._task = None
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    async def _loop(self) -> None:
        while True:
            try:
                await self.tick()
            except Exception:
                log.exception("feed polling pass failed; trying again shortly")
            await self._pause.pause(self.poll_seconds)
