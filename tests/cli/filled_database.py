"""A SQLite database with something in every table, as a bot that has run for a while leaves it.

Run as ``python -m tests.cli.filled_database FILE ARTICLES`` to make one from another process.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, date, datetime, time, timedelta

from bot.briefing.feed_storage import FeedStorage
from bot.briefing.storage import BriefingStorage, Schedule
from bot.models import Scope
from bot.store import SqliteStore
from tests.store.articles import analysis_with_quotes, store_analysis

SPEAKERS = ("Mira Okafor", "Jonas Brandt", "Lucía Fernández", None)
GUILD = Scope("guild", 4242)
CHANNEL = 777


def quote_text(article: int, line: int) -> str:
    """A distinct sentence for every quote, sharing some words with the others."""
    return f"The harbour plan number {article} will change berth {line} before the regatta"


async def fill(path: str, articles: int) -> None:
    """``articles`` articles of four quotes each, submitted in two scopes, a schedule with a
    run, and a feed with entries."""
    store = await SqliteStore.open(path)
    now = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    try:
        for number in range(articles):
            quotes = [(SPEAKERS[line % 4], quote_text(number, line)) for line in range(4)]
            analysis = analysis_with_quotes(f"Harbour plan {number}", quotes)
            scope = GUILD if number % 2 else Scope("dm", 99)
            article_id = await store_analysis(store, analysis, scope, now + timedelta(hours=number))
            await store.add_url(article_id, f"https://news.example/harbour/{number}")
        briefings = BriefingStorage(store)
        await briefings.save_schedule(Schedule(CHANNEL, GUILD.id, time(8), "Europe/Berlin"), now)
        await briefings.claim(CHANNEL, date(2026, 11, 20), now, "old-bot", now, now)
        feeds = FeedStorage(store)
        feed = await feeds.add(GUILD.id, "https://news.example/feed.xml", "Harbour news", 1, now)
        assert feed is not None
        entries = [(f"https://news.example/story/{i}", f"Story {i}") for i in range(5)]
        await feeds.add_entries(GUILD.id, feed.id, entries, now)
    finally:
        await store.close()


if __name__ == "__main__":
    asyncio.run(fill(sys.argv[1], int(sys.argv[2])))
