"""The one task that sends scheduled briefings: exactly once per channel and local date.

Each run of a schedule is a row keyed by (channel, local date), moved through states by
conditional writes, so the database — not process memory — says what was done:

1. **claim** (``claimed``): one atomic upsert takes the row; a second process (or a second
   dispatcher) finds it taken and moves on, so two bots racing for a schedule send once.
2. **compose**, then **sending**: the row says the briefing is being handed to Discord. This
   write succeeds only while the claim is still this dispatcher's, and renews its lease; if
   composing outlasted the lease and another dispatcher took the run over, nothing is sent.
   A briefing longer than one message goes out page by page: the sender records the page
   count before the first page and each page as it lands (``PageLog``), renewing the lease.
3. **sent** with the first page's message id — or **skipped** (missed by more than the grace
   period) or **failed** (a transient error; the next tick retries while still within the
   grace period).

A crash or restart at any point:

- before the claim, or after it but before ``sending``: nothing left the process. The claim
  goes stale after ``lease`` and is taken over; the briefing is composed again and sent.
- after ``sending`` and before ``sent``: the pages recorded are in the channel; the one page
  in flight (the first not recorded) may or may not be. The process that takes the stale claim
  over asks the channel for that one page (``Sender.find_sent`` with ``Delivery.only_page``),
  records it if it is there, and posts the pages still missing, in order, with the same
  per-page nonces as before, so Discord's own nonce check drops a copy it did receive in the
  last minutes. The briefing is composed again for the same window, so the rest continues it.
  A failed run (a transient error between pages) resumes the same way. No page is skipped or
  repeated. A run in ``sending`` with no page count recorded (an older Briefbot's, or a sender
  that does not report pages) is checked as a whole: any page of it found means it was sent.
- after ``sent``: nothing to do; the next run is tomorrow's.

After downtime only the latest due run is considered, and only within the grace period
(``briefing_grace_minutes``); an older one is marked skipped and logged. A deleted channel or a
lost permission (``DeliveryError(permanent=True)``) pauses the schedule with the reason, which
``/briefing status`` shows until someone schedules the channel again.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import logging
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from typing import Literal, Protocol

from bot.briefing.pause import Pause
from bot.briefing.schedule import Clock, SystemClock, latest_run, within_grace
from bot.briefing.storage import FINISHED, BriefingStorage, RunRecord, RunState, Schedule
from bot.briefing.types import Briefing
from bot.models import Scope

log = logging.getLogger(__name__)

Outcome = Literal["sent", "found", "skipped", "paused", "failed", "taken"]
Composer = Callable[[Scope, int, datetime], Awaitable[Briefing]]

LEASE = timedelta(minutes=5)
"""How long a claim protects a run; longer than composing and sending ever take."""
POLL_SECONDS = 30.0
"""The longest the dispatcher sleeps, so a clock jump or a new schedule is seen quickly."""


class ClaimLost(Exception):
    """Another dispatcher took the run over while its pages were going out: post no more."""


class PageLog:
    """Which pages of one run are in the channel, kept in the run's row as they land.

    The sender calls ``begin`` once it knows how many pages the briefing has, posts the pages
    from the index it returns, and calls ``posted`` after each before posting the next. So a
    restart knows every page up to the one in flight, and only that one is ever uncertain.
    Both raise ``ClaimLost`` when the run is no longer this dispatcher's.
    """

    def __init__(
        self,
        storage: BriefingStorage,
        owner: str,
        clock: Clock,
        run: RunRecord,
    ) -> None:
        self._storage = storage
        self._owner = owner
        self._clock = clock
        self._channel_id = run.channel_id
        self._local_date = run.local_date
        self.count = run.page_count
        """The briefing's page count, once a sender has told it."""
        self.sent = run.pages_sent
        """How many pages, from the first, are in the channel."""

    @property
    def complete(self) -> bool:
        return self.count is not None and self.sent >= self.count

    async def begin(self, count: int) -> int:
        """Record that the briefing has ``count`` pages; the index of the first page to post."""
        if self.count is not None and count != self.count:
            log.warning(
                "briefing for channel %s has %d pages now, %d before; posting from page %d",
                self._channel_id,
                count,
                self.count,
                self.sent + 1,
            )
        await self._record(page_count=count)
        self.count = count
        return self.sent

    async def posted(self, page: int, message_id: int) -> None:
        """Record that page ``page`` (from 0) is in the channel as message ``message_id``."""
        await self._record(pages_sent=page + 1, message_id=message_id)
        self.sent = max(self.sent, page + 1)

    async def _record(self, **changes: int) -> None:
        held = await self._storage.record_pages(
            self._channel_id, self._local_date, self._owner, self._clock.now(), **changes
        )
        if not held:
            raise ClaimLost(f"briefing for channel {self._channel_id} was taken over")


@dataclass(frozen=True)
class Delivery:
    """One scheduled briefing as the sender sees it: where, for which date, how to find it."""

    channel_id: int
    guild_id: int
    local_date: date
    time_zone: str
    pages: PageLog = field(compare=False, repr=False)
    """Where to start posting and where to report each page posted."""
    page: tuple[int, int] | None = None
    """``(index, count)`` when only one page is meant: ``marker`` is then that page's own."""

    @property
    def marker(self) -> str:
        """Text every page of this run carries (its footer), so a restart can find it.

        For ``only_page`` it is the whole footer of that page: the run's marker and, when
        there are several pages, ``Page n of N``.
        """
        run = f"Daily briefing · {self.local_date.isoformat()}"
        return run if self.page is None else page_footer(run, *self.page)

    def only_page(self, index: int, count: int) -> Delivery:
        """This run narrowed to page ``index`` (from 0) of ``count``, to find that page alone."""
        return replace(self, page=(index, count))

    def nonce(self, page: int) -> int:
        """A stable per-page nonce: Discord drops a resent page it already has (for minutes)."""
        key = f"briefing:{self.channel_id}:{self.local_date.isoformat()}:{page}".encode()
        return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") >> 1


def page_footer(marker: str, index: int, count: int) -> str:
    """The footer of page ``index`` (from 0) of ``count``: ``marker``, then ``Page n of N``
    when there are several pages. The sender writes it and a restart looks for it, so both
    take it from here."""
    parts = [marker] if marker else []
    if count > 1:
        parts.append(f"Page {index + 1} of {count}")
    return " · ".join(parts)


class DeliveryError(Exception):
    """Sending failed.

    ``permanent`` (channel gone, permission lost) pauses the schedule. ``retry=False`` (Discord
    refused this briefing itself, e.g. HTTP 400) skips this day's run: sending the same pages
    again would be refused again, for the whole grace period.
    """

    def __init__(self, reason: str, *, permanent: bool, retry: bool = True) -> None:
        super().__init__(reason)
        self.reason = reason
        self.permanent = permanent
        self.retry = retry


class Sender(Protocol):
    """Posts a briefing to a channel (the Discord cog implements it)."""

    async def send(self, delivery: Delivery, briefing: Briefing) -> int:
        """Post the pages still missing; return the first posted message's id.

        ``await delivery.pages.begin(count)`` says from which page to post; after each page,
        ``await delivery.pages.posted(index, message_id)``, so a restart resumes after it.
        Raises ``DeliveryError`` (and lets ``ClaimLost`` through).
        """
        ...

    async def find_sent(self, delivery: Delivery) -> int | None:
        """The id of a message already in the channel carrying ``delivery.marker``, if any."""
        ...


class Dispatcher:
    """Sends each schedule's briefing when due; ``tick`` is one pass, ``start`` the loop."""

    def __init__(
        self,
        storage: BriefingStorage,
        compose: Composer,
        sender: Sender,
        *,
        grace: timedelta,
        clock: Clock | None = None,
        lease: timedelta = LEASE,
        owner: str | None = None,
        poll_seconds: float = POLL_SECONDS,
        concurrency: int = 4,
        ready: Callable[[], Awaitable[object]] | None = None,
        sends_for: Callable[[int], bool] | None = None,
    ) -> None:
        self.storage = storage
        self.compose = compose
        self.sender = sender
        self.grace = grace
        self.clock = clock or SystemClock()
        self.lease = lease
        self.owner = owner or uuid.uuid4().hex
        self.poll_seconds = poll_seconds
        self._slots = asyncio.Semaphore(concurrency)
        self.ready = ready
        self._pause = Pause()
        self.sends_for = sends_for
        """Whether this process sends a guild's briefings (its shards hold the guild); the
        claim still decides who sends, this only keeps other processes' guilds off its plate."""
        self._task: asyncio.Task[None] | None = None

    async def tick(self) -> dict[int, Outcome]:
        """Send every briefing that is due now; what happened, per channel that had a run."""
        now = self.clock.now()
        schedules = [
            s
            for s in await self.storage.schedules()
            if s.paused_reason is None and (self.sends_for is None or self.sends_for(s.guild_id))
        ]
        results = await asyncio.gather(*(self._guarded(s, now) for s in schedules))
        return {s.channel_id: r for s, r in zip(schedules, results, strict=True) if r}

    async def _guarded(self, schedule: Schedule, now: datetime) -> Outcome | None:
        """One schedule's turn; an unexpected error is logged and the others carry on."""
        async with self._slots:
            try:
                return await self._handle(schedule, now)
            except Exception:
                log.exception("scheduled briefing for channel %s failed", schedule.channel_id)
                return None

    async def _handle(self, schedule: Schedule, now: datetime) -> Outcome | None:
        run = latest_run(schedule.local_time, schedule.zone, now)
        if run is None or (schedule.active_from and run.due < schedule.active_from):
            return None
        existing = await self.storage.run(schedule.channel_id, run.local_date)
        if existing is not None and not self._claimable(existing, now):
            return None
        claim = await self.storage.claim(
            schedule.channel_id, run.local_date, run.due, self.owner, now, now - self.lease
        )
        if claim is None:
            return "taken"
        delivery = Delivery(
            schedule.channel_id,
            schedule.guild_id,
            run.local_date,
            schedule.time_zone,
            PageLog(self.storage, self.owner, self.clock, claim),
        )
        try:
            if await self._delivered_before(claim, delivery, now):
                return "found"
            if not within_grace(run, now, self.grace):
                late = now - run.due
                reason = f"missed by {_minutes(late)} (grace period {_minutes(self.grace)})"
                log.warning("skipping briefing for channel %s: %s", schedule.channel_id, reason)
                await self._mark(delivery, "skipped", now, detail=reason)
                return "skipped"
            # Once a page is out, the rest must continue that briefing: compose it again.
            until = claim.window_end if delivery.pages.sent and claim.window_end else now
            return await self._deliver(schedule, delivery, until)
        except DeliveryError as error:
            return await self._failed(delivery, error, now)
        except ClaimLost:
            log.warning("lost the claim on %s in channel %s", delivery.marker, delivery.channel_id)
            return "taken"

    def _claimable(self, run: RunRecord, now: datetime) -> bool:
        if run.state in FINISHED:
            return False
        return run.state == "failed" or run.claimed_at < now - self.lease

    async def _delivered_before(self, claim: RunRecord, delivery: Delivery, now: datetime) -> bool:
        """Whether an earlier attempt left every page in the channel; if so, mark the run sent.

        Only the page in flight when that attempt stopped is looked for: the ones before it were
        recorded, and none after it was posted. Raises ``DeliveryError`` when the channel cannot
        be read, rather than risk posting a page twice.
        """
        pages = delivery.pages
        if pages.count is None:
            # No page count: nothing was posted yet, or the whole briefing went out unrecorded
            # (an older Briefbot's run, or a sender that does not report pages).
            found = await self.sender.find_sent(delivery) if claim.state == "sending" else None
            if found is None:
                return False
        elif not pages.complete:
            found = await self.sender.find_sent(delivery.only_page(pages.sent, pages.count))
            if found is not None:
                await pages.posted(pages.sent, found)
            if not pages.complete:
                return False
        else:
            found = None
        log.info("briefing %s was delivered before a restart", delivery.marker)
        await self._mark(delivery, "sent", now, message_id=found)
        return True

    async def _deliver(self, schedule: Schedule, delivery: Delivery, until: datetime) -> Outcome:
        briefing = await self.compose(Scope("guild", schedule.guild_id), schedule.hours, until)
        if not await self._mark(delivery, "sending", self.clock.now(), window_end=until):
            return "taken"  # composing outlasted the lease and another dispatcher took the run
        message_id = await self.sender.send(delivery, briefing)
        await self._mark(delivery, "sent", self.clock.now(), message_id=message_id or None)
        if schedule.last_error:
            await self.storage.note_error(delivery.channel_id, None)
        return "sent"

    async def _failed(self, delivery: Delivery, error: DeliveryError, now: datetime) -> Outcome:
        """Record why sending (or looking for what was sent) failed, and what happens next."""
        refused = not error.retry and not error.permanent
        await self._mark(delivery, "skipped" if refused else "failed", now, detail=error.reason)
        if error.permanent:
            log.warning("pausing briefings in channel %s: %s", delivery.channel_id, error)
            await self.storage.pause(delivery.channel_id, error.reason, now)
            return "paused"
        await self.storage.note_error(delivery.channel_id, error.reason)
        if refused:
            log.error("briefing %s refused, skipped: %s", delivery.marker, error.reason)
            return "skipped"
        return "failed"

    async def _mark(
        self,
        delivery: Delivery,
        state: RunState,
        now: datetime,
        *,
        detail: str = "",
        message_id: int | None = None,
        window_end: datetime | None = None,
    ) -> bool:
        """Move the run to ``state``; False (and logged) when this dispatcher no longer holds it."""
        held = await self.storage.mark(
            delivery.channel_id,
            delivery.local_date,
            self.owner,
            state,
            now=now,
            detail=detail,
            message_id=message_id,
            window_end=window_end,
        )
        if not held:
            log.warning("lost the claim on %s in channel %s", delivery.marker, delivery.channel_id)
        return held

    # The loop.

    def start(self) -> None:
        """Run ``tick`` forever in one supervised task (idempotent)."""
        if self._task is None or self._task.done():
            self._task = asyncio.create_task(self._loop(), name="briefing-dispatcher")

    def wake(self) -> None:
        """Look again now (a schedule was added or changed)."""
        self._pause.wake()

    async def stop(self) -> None:
        """Cancel the loop and wait for it; a run in progress keeps its claim until the lease."""
        if self._task is not None:
            task, self._task = self._task, None
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await task

    async def _loop(self) -> None:
        if self.ready is not None:
            await self.ready()  # e.g. the bot's first connection: channels are known then
        while True:
            try:
                await self.tick()
            except Exception:
                log.exception("briefing dispatcher pass failed; trying again shortly")
            await self._pause.pause(self.poll_seconds)


def _minutes(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes} min" if minutes < 120 else f"{minutes // 60} h {minutes % 60} min"
