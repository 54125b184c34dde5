"""Daily runs across daylight-saving changes in Berlin and New York, skipped and repeated times."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from bot.briefing.schedule import (
    latest_run,
    matching_zones,
    next_run,
    parse_time,
    parse_zone,
    run_on,
    within_grace,
)
from bot.errors import InputError

BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


@pytest.mark.parametrize(
    ("zone", "before", "after", "offsets"),
    [
        (BERLIN, date(2026, 3, 28), date(2026, 3, 29), (7, 6)),  # spring forward
        (BERLIN, date(2026, 10, 24), date(2026, 10, 25), (6, 7)),  # fall back
        (NEW_YORK, date(2026, 3, 7), date(2026, 3, 8), (13, 12)),
        (NEW_YORK, date(2026, 10, 31), date(2026, 11, 1), (12, 13)),
    ],
)
def test_eight_oclock_stays_eight_oclock_local_across_dst(zone, before, after, offsets):
    first = run_on(before, time(8, 0), zone)
    second = run_on(after, time(8, 0), zone)
    assert first is not None and second is not None
    assert first.due.astimezone(zone).time() == time(8, 0)
    assert second.due.astimezone(zone).time() == time(8, 0)
    assert first.due.astimezone(UTC).hour == offsets[0]
    assert second.due.astimezone(UTC).hour == offsets[1]
    assert second.due.astimezone(UTC) - first.due.astimezone(UTC) != timedelta(hours=24)


def test_next_run_walks_a_week_over_the_berlin_spring_change_at_eight_local():
    now = utc(2026, 3, 26, 12)
    seen = []
    for _ in range(7):
        run = next_run(time(8, 0), BERLIN, now)
        seen.append((run.local_date, run.due.astimezone(BERLIN).strftime("%H:%M")))
        now = run.due.astimezone(UTC)
    assert [d for d, _ in seen] == [date(2026, 3, 27) + timedelta(days=i) for i in range(7)]
    assert {hm for _, hm in seen} == {"08:00"}


@pytest.mark.parametrize(
    ("zone", "day", "at", "runs_at_utc"),
    [
        (BERLIN, date(2026, 3, 29), time(2, 30), utc(2026, 3, 29, 1, 0)),  # 03:00 CEST
        (NEW_YORK, date(2026, 3, 8), time(2, 15), utc(2026, 3, 8, 7, 0)),  # 03:00 EDT
        (BERLIN, date(2026, 3, 29), time(2, 0), utc(2026, 3, 29, 1, 0)),
    ],
)
def test_a_skipped_time_runs_at_the_next_valid_minute(zone, day, at, runs_at_utc):
    run = run_on(day, at, zone)
    assert run is not None
    assert run.due.astimezone(UTC) == runs_at_utc
    assert run.due.astimezone(zone).time() == time(3, 0)
    assert run.local_date == day


@pytest.mark.parametrize(
    ("zone", "day", "at", "first_utc"),
    [
        (BERLIN, date(2026, 10, 25), time(2, 30), utc(2026, 10, 25, 0, 30)),
        (NEW_YORK, date(2026, 11, 1), time(1, 30), utc(2026, 11, 1, 5, 30)),
    ],
)
def test_a_repeated_time_runs_once_at_its_first_occurrence(zone, day, at, first_utc):
    run = run_on(day, at, zone)
    assert run is not None and run.due.astimezone(UTC) == first_utc
    second_occurrence = first_utc + timedelta(hours=1)
    assert second_occurrence.astimezone(zone).time() == at  # the wall clock reads it again…
    # …but the run after the first occurrence is the next day's, not a second one today.
    following = next_run(at, zone, first_utc)
    assert following.local_date == day + timedelta(days=1)
    assert latest_run(at, zone, second_occurrence) == run


def test_latest_run_is_yesterdays_until_todays_time_comes():
    assert latest_run(time(8, 0), BERLIN, utc(2026, 11, 26, 6, 59)).local_date == date(2026, 11, 25)
    assert latest_run(time(8, 0), BERLIN, utc(2026, 11, 26, 7, 0)).local_date == date(2026, 11, 26)


def test_local_date_is_the_zones_not_utcs():
    # 23:30 in New York on the 25th is already the 26th in UTC.
    run = latest_run(time(23, 30), NEW_YORK, utc(2026, 11, 26, 4, 45))
    assert run is not None and run.local_date == date(2026, 11, 25)


def test_grace_period_allows_a_late_run_and_refuses_a_stale_one():
    run = run_on(date(2026, 11, 26), time(8, 0), BERLIN)
    assert run is not None
    due = run.due.astimezone(UTC)
    grace = timedelta(minutes=120)
    assert within_grace(run, due, grace)
    assert within_grace(run, due + timedelta(minutes=120), grace)
    assert not within_grace(run, due + timedelta(minutes=121), grace)
    assert not within_grace(run, due - timedelta(minutes=1), grace)


@pytest.mark.parametrize(
    ("text", "parsed"), [("08:00", time(8)), ("7:05", time(7, 5)), ("18h30", time(18, 30))]
)
def test_times_of_day_parse(text, parsed):
    assert parse_time(text) == parsed


@pytest.mark.parametrize("text", ["24:00", "8", "08:60", "noon", ""])
def test_bad_times_are_refused_with_a_readable_message(text):
    with pytest.raises(InputError, match="HH:MM"):
        parse_time(text)


def test_zones_are_iana_names_and_autocomplete_finds_them():
    assert parse_zone("America/New_York") == NEW_YORK
    with pytest.raises(InputError, match="IANA"):
        parse_zone("Mars/Olympus")
    with pytest.raises(InputError):
        parse_zone("../../etc/passwd")
    assert matching_zones("europe/ber")[0] == "Europe/Berlin"
    assert "America/New_York" in matching_zones("new york")
    assert len(matching_zones("")) == 25
