"""The one task that sends scheduled briefings: exactly once per channel and local date.

Each run of a schedule is a row keyed by (channel, local date), moved through states by
conditional writes, so the database — not process memory — says what was done:

1. **claim** (``claimed``): one atomic upsert takes the row; a second process (or a second
   dispatcher) finds it taken and moves on, so two bots racing for a schedule send once.
2. **compose**, then **sending**: the row says the briefing is being handed to Discord. This
   write succeeds only while the claim is still this dispatcher's, and renews its lease; if
   composing outlasted the lease and another dispatcher took the run over, nothing is sent.
3. **sent** with the message id — or **skipped** (missed by more than the grace period) or
   **failed** (a transient error; the next tick retries while still within the grace period).

A crash or restart at any point:

- before the claim, or after it but before ``sending``: nothing left the process. The claim
  goes stale after ``lease`` and is taken over; the briefing is composed again and sent.
- after ``sending`` and before ``sent``, the one uncertain moment: Discord may or may not have
  the message. The process that takes the stale claim over first asks the channel whether a
  message carrying this run's marker is there (``Sender.find_sent``): if so the run is marked
  sent without sending; if not it is sent, with the same per-page nonces as before, so Discord's
  own nonce check drops a copy it did receive in the last minutes. Neither skipped nor repeated.
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
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal, Protocol

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


@dataclass(frozen=True)
class Delivery:
    """One scheduled briefing as the sender sees it: where, for which date, how to find it."""

    channel_id: int
    guild_id: int
    local_date: date
    time_zone: str

    @property
    def marker(self) -> str:
        """Text every page of this run carries (its footer), so a restart can find it."""
        return f"Daily briefing · {self.local_date.isoformat()}"

    def nonce(self, page: int) -> int:
        """A stable per-page nonce: Discord drops a resent page it already has (for minutes)."""
        key = f"briefing:{self.channel_id}:{self.local_date.isoformat()}:{page}".encode()
        return int.from_bytes(hashlib.sha256(key).digest()[:8], "big") >> 1


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
        """Post every page; return the first message's id, or raise ``DeliveryError``."""
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
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    async def tick(self) -> dict[int, Outcome]:
        """Send every briefing that is due now; what happened, per channel that had a run."""
        now = self.clock.now()
        schedules = [s for s in await self.storage.schedules() if s.paused_reason is None]
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
            schedule.channel_id, schedule.guild_id, run.local_date, schedule.time_zone
        )
        if claim.state == "sending":
            found = await self._find(delivery)
            if found is not None:
                log.info("briefing %s was delivered before a restart", delivery.marker)
                await self._mark(delivery, "sent", now, message_id=found)
                return "found"
        if not within_grace(run, now, self.grace):
            late = now - run.due
            reason = f"missed by {_minutes(late)} (grace period {_minutes(self.grace)})"
            log.warning("skipping briefing for channel %s: %s", schedule.channel_id, reason)
            await self._mark(delivery, "skipped", now, detail=reason)
            return "skipped"
        return await self._deliver(schedule, delivery, now)

    def _claimable(self, run: RunRecord, now: datetime) -> bool:
        if run.state in FINISHED:
            return False
        return run.state == "failed" or run.claimed_at < now - self.lease

    async def _find(self, delivery: Delivery) -> int | None:
        try:
            return await self.sender.find_sent(delivery)
        except DeliveryError:
            return None

    async def _deliver(self, schedule: Schedule, delivery: Delivery, now: datetime) -> Outcome:
        briefing = await self.compose(Scope("guild", schedule.guild_id), schedule.hours, now)
        if not await self._mark(delivery, "sending", self.clock.now()):
            return "taken"  # composing outlasted the lease and another dispatcher took the run
        try:
            message_id = await self.sender.send(delivery, briefing)
        except DeliveryError as error:
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
        await self._mark(delivery, "sent", self.clock.now(), message_id=message_id)
        if schedule.last_error:
            await self.storage.note_error(delivery.channel_id, None)
        return "sent"

    async def _mark(
        self,
        delivery: Delivery,
        state: RunState,
        now: datetime,
        *,
        detail: str = "",
        message_id: int | None = None,
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
        self._wake.set()

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
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)


def _minutes(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes} min" if minutes < 120 else f"{minutes // 60} h {minutes % 60} min"
