"""The briefing's SQL: schedules and their runs, in portable SQL on either driver.

Writes go through ``store.write()`` (one transaction: ``BEGIN IMMEDIATE`` on SQLite, row locks
on PostgreSQL), so a claim is one atomic conditional statement even with several bot processes
on one database. Reads use ``store.read``. Feeds have their own module, ``feed_storage``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any, Literal
from zoneinfo import ZoneInfo

from bot.store.base import Store
from bot.store.times import stamp, unstamp

RunState = Literal["claimed", "sending", "sent", "skipped", "failed"]
FINISHED: frozenset[str] = frozenset({"sent", "skipped"})

_SCHEDULE_COLUMNS = """
    channel_id, guild_id, local_time, time_zone, hours, created_by, active_from,
    paused_reason, paused_at, last_error
"""
_RUN_COLUMNS = """
    channel_id, local_date, state, due_at, claimed_by, claimed_at, attempts, sent_at,
    message_id, detail, page_count, pages_sent, window_end
"""


@dataclass(frozen=True)
class Schedule:
    """A channel's daily briefing: a wall-clock time in a zone, and whether it is paused."""

    channel_id: int
    guild_id: int
    local_time: time
    time_zone: str
    hours: int = 24
    created_by: int = 0
    active_from: datetime | None = None
    """Runs due before this instant are not owed (the schedule did not exist, or differed)."""
    paused_reason: str | None = None
    paused_at: datetime | None = None
    last_error: str | None = None

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)


@dataclass(frozen=True)
class RunRecord:
    """What happened to one channel's briefing for one local date."""

    channel_id: int
    local_date: date
    state: RunState
    due_at: datetime
    claimed_by: str
    claimed_at: datetime
    attempts: int
    sent_at: datetime | None
    message_id: int | None
    """The first page's message."""
    detail: str
    page_count: int | None = None
    """How many pages the briefing has, recorded before the first is posted; ``None`` until then."""
    pages_sent: int = 0
    """How many pages, from the first, are known to be in the channel."""
    window_end: datetime | None = None
    """The instant the briefing was composed for, so a resumed run composes the same one."""


class BriefingStorage:
    """Schedules and runs in the store's database (tables from ``0002_briefing.sql``)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    async def _all(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        return list(await self.store.read(sql, params))

    # Schedules.

    async def save_schedule(self, schedule: Schedule, now: datetime) -> Schedule:
        """Create or replace a channel's schedule; it starts (again) now, unpaused."""
        async with self.store.write() as db:
            await db.execute(
                "INSERT INTO briefing_schedules (channel_id, guild_id, local_time, time_zone,"
                " hours, created_by, active_from, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (channel_id) DO UPDATE SET guild_id = excluded.guild_id,"
                " local_time = excluded.local_time, time_zone = excluded.time_zone,"
                " hours = excluded.hours, created_by = excluded.created_by,"
                " active_from = excluded.active_from, updated_at = excluded.updated_at,"
                " paused_reason = NULL, paused_at = NULL, last_error = NULL",
                (
                    schedule.channel_id,
                    schedule.guild_id,
                    schedule.local_time.strftime("%H:%M"),
                    schedule.time_zone,
                    schedule.hours,
                    schedule.created_by,
                    stamp(now),
                    stamp(now),
                ),
            )
        saved = await self.schedule(schedule.channel_id)
        assert saved is not None
        return saved

    async def remove_schedule(self, guild_id: int, channel_id: int) -> bool:
        """Stop a channel's briefings; False when it had none (in that server)."""
        async with self.store.write() as db:
            changed = await db.execute(
                "DELETE FROM briefing_schedules WHERE guild_id = ? AND channel_id = ?",
                (guild_id, channel_id),
            )
            return changed > 0

    async def schedule(self, channel_id: int) -> Schedule | None:
        rows = await self._all(
            f"SELECT {_SCHEDULE_COLUMNS} FROM briefing_schedules WHERE channel_id = ?",
            (channel_id,),
        )
        return _schedule(rows[0]) if rows else None

    async def schedules(self, guild_id: int | None = None) -> list[Schedule]:
        """Every schedule (of one server), paused ones included."""
        where, params = ("WHERE guild_id = ?", (guild_id,)) if guild_id is not None else ("", ())
        rows = await self._all(
            f"SELECT {_SCHEDULE_COLUMNS} FROM briefing_schedules {where} ORDER BY channel_id",
            params,
        )
        return [_schedule(row) for row in rows]

    async def pause(self, channel_id: int, reason: str, now: datetime) -> None:
        """Stop sending to a channel until someone schedules it again, and remember why."""
        async with self.store.write() as db:
            await db.execute(
                "UPDATE briefing_schedules SET paused_reason = ?, paused_at = ?"
                " WHERE channel_id = ?",
                (reason, stamp(now), channel_id),
            )

    async def note_error(self, channel_id: int, error: str | None) -> None:
        """Remember (or clear) the last failure that did not pause the schedule."""
        async with self.store.write() as db:
            await db.execute(
                "UPDATE briefing_schedules SET last_error = ? WHERE channel_id = ?",
                (error, channel_id),
            )

    # Runs.

    async def run(self, channel_id: int, local_date: date) -> RunRecord | None:
        rows = await self._all(
            f"SELECT {_RUN_COLUMNS} FROM briefing_runs WHERE channel_id = ? AND local_date = ?",
            (channel_id, local_date.isoformat()),
        )
        return _run(rows[0]) if rows else None

    async def last_run(self, channel_id: int) -> RunRecord | None:
        rows = await self._all(
            f"SELECT {_RUN_COLUMNS} FROM briefing_runs WHERE channel_id = ?"
            " ORDER BY local_date DESC LIMIT 1",
            (channel_id,),
        )
        return _run(rows[0]) if rows else None

    async def claim(
        self,
        channel_id: int,
        local_date: date,
        due_at: datetime,
        owner: str,
        now: datetime,
        stale_before: datetime,
    ) -> RunRecord | None:
        """Take the (channel, date) run for ``owner``, or ``None`` when it is not to be taken.

        One conditional upsert decides: a new row is claimed; a failed attempt, or a claim
        whose owner went silent before ``stale_before`` (a crashed process), is taken over; a
        sent or skipped run, or one another live process holds, is left alone. A taken-over
        ``sending`` row keeps that state: its owner may have delivered it before crashing.
        """
        async with self.store.write() as db:
            rows = await db.fetch(
                "INSERT INTO briefing_runs (channel_id, local_date, state, due_at, claimed_by,"
                " claimed_at) VALUES (?, ?, 'claimed', ?, ?, ?)"
                " ON CONFLICT (channel_id, local_date) DO UPDATE SET"
                " claimed_by = excluded.claimed_by, claimed_at = excluded.claimed_at,"
                " attempts = briefing_runs.attempts + 1,"
                " state = CASE briefing_runs.state WHEN 'sending' THEN 'sending'"
                " ELSE 'claimed' END"
                " WHERE briefing_runs.state = 'failed'"
                " OR (briefing_runs.state IN ('claimed', 'sending')"
                " AND briefing_runs.claimed_at < ?)"
                f" RETURNING {_RUN_COLUMNS}",
                (
                    channel_id,
                    local_date.isoformat(),
                    stamp(due_at),
                    owner,
                    stamp(now),
                    stamp(stale_before),
                ),
            )
        return _run(rows[0]) if rows else None

    async def mark(
        self,
        channel_id: int,
        local_date: date,
        owner: str,
        state: RunState,
        *,
        now: datetime,
        detail: str = "",
        message_id: int | None = None,
        window_end: datetime | None = None,
    ) -> bool:
        """Move a run this owner holds to ``state``; False when the claim was lost meanwhile.

        Moving to ``sending`` renews the lease from ``now``: the send gets a whole lease, so a
        slow compose cannot leave a send running under a claim that looks abandoned. The first
        ``message_id`` recorded stays: a resumed run's message is still its first page.
        """
        sent_at = stamp(now) if state == "sent" else None
        renewed = stamp(now) if state == "sending" else None
        async with self.store.write() as db:
            changed = await db.execute(
                "UPDATE briefing_runs SET state = ?, detail = ?,"
                " message_id = COALESCE(message_id, ?), sent_at = COALESCE(?, sent_at),"
                " claimed_at = COALESCE(?, claimed_at), window_end = COALESCE(?, window_end)"
                " WHERE channel_id = ? AND local_date = ? AND claimed_by = ?"
                " AND state IN ('claimed', 'sending')",
                (
                    state,
                    detail,
                    message_id,
                    sent_at,
                    renewed,
                    stamp(window_end) if window_end else None,
                    channel_id,
                    local_date.isoformat(),
                    owner,
                ),
            )
            return changed > 0

    async def record_pages(
        self,
        channel_id: int,
        local_date: date,
        owner: str,
        now: datetime,
        *,
        page_count: int | None = None,
        pages_sent: int | None = None,
        message_id: int | None = None,
    ) -> bool:
        """Record a run's page count or how many of its pages are in the channel.

        Written between pages, so it renews the lease like ``mark``: a long briefing stays this
        owner's while its pages go out. False when the claim was lost meanwhile.
        """
        async with self.store.write() as db:
            changed = await db.execute(
                "UPDATE briefing_runs SET page_count = COALESCE(?, page_count),"
                " pages_sent = CASE WHEN COALESCE(?, 0) > pages_sent THEN ? ELSE pages_sent END,"
                " message_id = COALESCE(message_id, ?), claimed_at = ?"
                " WHERE channel_id = ? AND local_date = ? AND claimed_by = ?"
                " AND state IN ('claimed', 'sending')",
                (
                    page_count,
                    pages_sent,
                    pages_sent,
                    message_id,
                    stamp(now),
                    channel_id,
                    local_date.isoformat(),
                    owner,
                ),
            )
            return changed > 0


def _schedule(row: Any) -> Schedule:
    hours, minutes = (int(part) for part in row[2].split(":"))
    return Schedule(
        channel_id=row[0],
        guild_id=row[1],
        local_time=time(hours, minutes),
        time_zone=row[3],
        hours=row[4],
        created_by=row[5],
        active_from=unstamp(row[6]),
        paused_reason=row[7],
        paused_at=unstamp(row[8]) if row[8] else None,
        last_error=row[9],
    )


def _run(row: Any) -> RunRecord:
    return RunRecord(
        channel_id=row[0],
        local_date=date.fromisoformat(row[1]),
        state=row[2],
        due_at=unstamp(row[3]),
        claimed_by=row[4],
        claimed_at=unstamp(row[5]),
        attempts=row[6],
        sent_at=unstamp(row[7]) if row[7] else None,
        message_id=row[8],
        detail=row[9],
        page_count=row[10],
        pages_sent=row[11],
        window_end=unstamp(row[12]) if row[12] else None,
    )
