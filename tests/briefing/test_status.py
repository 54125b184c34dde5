"""What /briefing status and /briefing feeds list say."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from bot.briefing.feed_storage import Feed
from bot.briefing.status import feed_status, schedule_status
from bot.briefing.storage import RunRecord, Schedule

NOW = datetime(2026, 3, 28, 12, 0, tzinfo=UTC)


def test_status_gives_the_next_run_on_the_schedules_own_clock_across_dst():
    schedule = Schedule(1, 2, time(8, 0), "Europe/Berlin")
    text = schedule_status(schedule, None, NOW)
    assert text == ("Every day at 08:00 (Europe/Berlin). Next briefing: **Sun 29 Mar 08:00 CEST**.")


def test_status_of_a_paused_schedule_says_why_and_how_to_resume():
    schedule = Schedule(
        1,
        2,
        time(7, 30),
        "America/New_York",
        paused_reason="The channel was deleted (or I can no longer see it).",
        paused_at=datetime(2026, 3, 28, 11, 30, tzinfo=UTC),
    )
    last = RunRecord(
        1, date(2026, 3, 28), "failed", NOW, "x", NOW, 1, None, None, "The channel was deleted."
    )
    text = schedule_status(schedule, last, NOW)
    assert text.splitlines() == [
        "Every day at 07:30 (America/New_York).",
        "**Paused** since Sat 28 Mar 07:30 EDT: The channel was deleted (or I can no longer "
        "see it).",
        "Run `/briefing schedule` for this channel again to resume.",
        "Last briefing, Sat 28 Mar: not sent (The channel was deleted).",
    ]


def feed(**changes) -> Feed:
    values = dict(
        id=1,
        guild_id=2,
        url="https://news.example/rss",
        title="Example News",
        etag=None,
        last_modified=None,
        added_by=0,
        added_at=NOW - timedelta(days=1),
        next_poll_at=NOW + timedelta(minutes=60),
        last_polled_at=NOW - timedelta(minutes=5),
        last_ok_at=NOW - timedelta(minutes=5),
        last_error=None,
        failures=0,
        entries_seen=12,
    )
    values.update(changes)
    return Feed(**values)


def test_a_healthy_feed_shows_when_it_was_checked_and_what_came_of_it():
    text = feed_status(feed(), {"analyzed": 5, "skipped": 7}, NOW)
    assert text.splitlines() == [
        "**Example News** — <https://news.example/rss>",
        "✅ checked 5 min ago",
        "12 articles seen, 5 summarized",
    ]


def test_a_failing_feed_says_why_and_when_it_is_tried_again():
    text = feed_status(
        feed(last_error="The site took too long to answer (timed out).", failures=3),
        {"analyzed": 2, "failed": 1, "new": 1},
        NOW,
    )
    assert "⚠️ failing (3 times in a row): The site took too long" in text
    assert "Next try in 1 h." in text
    assert text.endswith("4 articles seen, 2 summarized, 1 waiting, 1 could not be read")


def test_a_feed_with_a_6000_character_address_is_listed_in_a_short_entry():
    address = "https://news.example/rss?" + "q" * 6000
    text = feed_status(feed(url=address, title=""), {"analyzed": 1}, NOW)
    assert len(text) < 500
    assert text.splitlines()[0].startswith("**https://news.example/rss?")
