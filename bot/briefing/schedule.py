"""When a daily briefing is due: pure time math over IANA zones, with an injectable clock.

A schedule is a local wall-clock time in a zone ("08:00 in Europe/Berlin"). Each local date has
at most one run, keyed by that date, so the zone's rules are applied afresh every day:

- 08:00 stays 08:00 local across daylight-saving changes (the UTC instant moves instead);
- a time the clocks skip (02:30 on a spring-forward night) runs at the next minute that exists
  on that date (03:00);
- a time the clocks repeat (02:30 on a fall-back night) runs once, at its first occurrence,
  because the run belongs to the date, not to the wall-clock reading.

Nothing here reads the system clock: callers pass ``now`` (from a ``Clock``), so tests can
walk through a year of transitions in milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from typing import Protocol
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from bot.errors import InputError

_HH_MM = re.compile(r"^\s*([01]?\d|2[0-3])[:.h]([0-5]\d)\s*$")
_LONGEST_GAP = timedelta(hours=48)
"""Farther than any clock jump on record (Samoa skipped a whole day in 2011)."""


class Clock(Protocol):
    """Where "now" comes from: the system in production, a hand-wound clock in tests."""

    def now(self) -> datetime:
        """The current instant, timezone-aware."""
        ...


class SystemClock:
    """The real clock, in UTC."""

    def now(self) -> datetime:
        return datetime.now(UTC)


@dataclass(frozen=True)
class Run:
    """One scheduled briefing: the local date it is for and the instant it is due."""

    local_date: date
    due: datetime
    """Timezone-aware, in the schedule's zone."""


def parse_time(text: str) -> time:
    """``"8:00"``, ``"08:00"``, ``"8.30"`` or ``"18h15"`` as a wall-clock time."""
    match = _HH_MM.match(text)
    if not match:
        raise InputError(f"{text!r} is not a time of day; use HH:MM, for example 08:00.")
    return time(int(match.group(1)), int(match.group(2)))


def parse_zone(name: str) -> ZoneInfo:
    """An IANA zone by name (``Europe/Berlin``), with a readable error for anything else."""
    cleaned = name.strip()
    if not cleaned or cleaned not in zone_names():
        raise InputError(
            f"{name!r} is not a time zone name; use an IANA name such as Europe/Berlin."
        )
    try:
        return ZoneInfo(cleaned)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(f"The time zone {name!r} is not available here.") from None


@cache
def zone_names() -> frozenset[str]:
    """Every IANA zone name this installation knows (read once)."""
    return frozenset(available_timezones())


def matching_zones(typed: str, limit: int = 25) -> list[str]:
    """Zone names for autocomplete: prefix matches first, then names containing the text."""
    needle = typed.strip().lower().replace(" ", "_")
    names = sorted(zone_names())
    if not needle:
        return [n for n in names if "/" in n and not n.startswith("Etc/")][:limit]
    starts = [n for n in names if n.lower().startswith(needle)]
    contains = [n for n in names if needle in n.lower() and n not in starts]
    return (starts + contains)[:limit]


def exists(moment: datetime) -> bool:
    """Whether a naive-with-zone wall-clock reading actually occurs in its zone."""
    round_trip = moment.astimezone(UTC).astimezone(moment.tzinfo)
    return round_trip.replace(tzinfo=None) == moment.replace(tzinfo=None)


def run_on(local_date: date, at: time, zone: ZoneInfo) -> Run | None:
    """The run for ``local_date``: the first occurrence of ``at``, or the next valid minute.

    ``None`` when the date has no valid minute at or after ``at`` (a skipped day).
    """
    wall = datetime.combine(local_date, at, tzinfo=zone).replace(fold=0)
    limit = wall + _LONGEST_GAP
    while not exists(wall):
        wall += timedelta(minutes=1)
        if wall > limit:
            return None
    if wall.date() != local_date:
        return None
    return Run(local_date=local_date, due=wall)


def latest_run(at: time, zone: ZoneInfo, now: datetime) -> Run | None:
    """The most recent run due at or before ``now`` (today's, or else yesterday's…)."""
    today = now.astimezone(zone).date()
    for back in range(3):
        run = run_on(today - timedelta(days=back), at, zone)
        if run is not None and run.due.astimezone(UTC) <= now.astimezone(UTC):
            return run
    return None


def next_run(at: time, zone: ZoneInfo, now: datetime) -> Run:
    """The first run strictly after ``now``."""
    today = now.astimezone(zone).date()
    for ahead in range(4):
        run = run_on(today + timedelta(days=ahead), at, zone)
        if run is not None and run.due.astimezone(UTC) > now.astimezone(UTC):
            return run
    raise AssertionError("every zone has a valid minute within four days")


def within_grace(run: Run, now: datetime, grace: timedelta) -> bool:
    """Whether a due run may still be sent: late by no more than ``grace``."""
    late = now.astimezone(UTC) - run.due.astimezone(UTC)
    return timedelta(0) <= late <= grace
