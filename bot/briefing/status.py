"""What ``/briefing status`` and ``/briefing feeds list`` say, as plain sentences.

Times are shown on the schedule's own wall clock ("Fri 27 Nov 08:00 CET"), since that is
the clock the schedule was set on.
"""

from __future__ import annotations

from datetime import UTC, datetime

from bot.briefing.feed_storage import Feed
from bot.briefing.schedule import next_run
from bot.briefing.storage import RunRecord, Schedule
from bot.briefing.text import address, shorten
from bot.inert_text import safe

ERROR_CHARS = 300
"""A feed's last error is our own message, but may quote a stranger's (a parser's) detail."""

_RUN_WORDS = {
    "sent": "sent",
    "skipped": "skipped",
    "failed": "failed, retrying",
    "claimed": "being prepared",
    "sending": "being sent",
}


def schedule_status(schedule: Schedule, last: RunRecord | None, now: datetime) -> str:
    """When the next briefing comes, or why none will until someone acts."""
    zone = schedule.zone
    every = f"Every day at {schedule.local_time:%H:%M} ({schedule.time_zone})"
    lines = []
    if schedule.paused_reason:
        since = schedule.paused_at or now
        lines.append(f"**Paused** since {_local(since, schedule)}: {schedule.paused_reason}")
        lines.append("Run `/briefing schedule` for this channel again to resume.")
    else:
        upcoming = next_run(schedule.local_time, zone, now)
        lines.append(f"{every}. Next briefing: **{upcoming.due:%a %d %b %H:%M %Z}**.")
        if schedule.last_error:
            lines.append(f"Last problem: {schedule.last_error}")
    if last is not None:
        words = _RUN_WORDS[last.state]
        if last.state == "failed" and schedule.paused_reason:
            words = "not sent"
        detail = last.detail.rstrip(".") if last.state != "sent" else ""
        detail = f" ({detail})" if detail else ""
        lines.append(f"Last briefing, {last.local_date:%a %d %b}: {words}{detail}.")
    if schedule.paused_reason:
        lines.insert(0, f"{every}.")
    return "\n".join(lines)


def feed_status(feed: Feed, counts: dict[str, int], now: datetime) -> str:
    """One feed in a list: its name and address, how its polls go, what came of its entries."""
    name = safe(shorten(feed.title or feed.url, 80))
    lines = [f"**{name}** — {address(feed.url)}"]
    if feed.last_error:
        times = "once" if feed.failures == 1 else f"{feed.failures} times in a row"
        lines.append(
            f"⚠️ failing ({times}): {safe(shorten(feed.last_error, ERROR_CHARS))} "
            f"Next try in {_ago(now, feed.next_poll_at)}."
        )
    elif feed.last_ok_at is not None:
        lines.append(f"✅ checked {_ago(feed.last_ok_at, now)} ago")
    else:
        lines.append("⏳ not checked yet")
    seen = sum(counts.values())
    analyzed = counts.get("analyzed", 0)
    failed = counts.get("failed", 0)
    waiting = counts.get("new", 0) + counts.get("analyzing", 0)
    summary = f"{seen} {'article' if seen == 1 else 'articles'} seen, {analyzed} summarized"
    summary += f", {waiting} waiting" if waiting else ""
    summary += f", {failed} could not be read" if failed else ""
    lines.append(summary)
    return "\n".join(lines)


def _local(moment: datetime, schedule: Schedule) -> str:
    return moment.astimezone(schedule.zone).strftime("%a %d %b %H:%M %Z")


def _ago(earlier: datetime, later: datetime) -> str:
    minutes = max(0, int((later.astimezone(UTC) - earlier.astimezone(UTC)).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        return f"{minutes // 60} h"
    return f"{minutes // (24 * 60)} days"
