"""Feeds served by a real HTTP server on 127.0.0.1: new, unchanged, duplicated, broken, huge."""

from __future__ import annotations

import asyncio
import time
from datetime import timedelta

import pytest

from bot.briefing.feed_parse import MAX_ENTRIES, FeedFormatError
from bot.briefing.feed_storage import FeedStorage
from bot.briefing.feeds import FIRST_POLL_ENTRIES, POLL_ENTRIES, FeedPoller
from bot.config import Settings
from bot.errors import FetchError, InputError
from bot.ingest.fetch import Fetcher
from bot.store.sqlite import SqliteStore
from bot.workers import WorkerPool
from tests.briefing.feed_server import BILLION_LAUGHS, atom, feed_site, rss

GUILD = 42
INTERVAL = timedelta(minutes=30)


class Analyzer:
    """Where new entries go: records what it was asked to analyze, can refuse some."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.refuse: dict[str, Exception] = {}
        self.running = 0
        self.most_at_once = 0

    async def __call__(self, url, scope):
        assert scope.key == f"guild:{GUILD}"
        self.running += 1
        self.most_at_once = max(self.most_at_once, self.running)
        try:
            await asyncio.sleep(0.01)
            if url in self.refuse:
                raise self.refuse[url]
            self.urls.append(url)
        finally:
            self.running -= 1


def articles(count: int, start: int = 0) -> list[tuple[str, str]]:
    return [(f"/news/{n}.html", f"Story {n}") for n in range(start + count - 1, start - 1, -1)]


@pytest.fixture
async def site():
    async with feed_site() as running:
        yield running


@pytest.fixture
async def fetcher(database):
    settings = Settings(
        database=database,
        fetch_allow_loopback=True,
        fetch_max_bytes=300_000,
        fetch_total_timeout=5.0,
    )
    opened = Fetcher(settings)
    yield opened
    await opened.close()


@pytest.fixture
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture
def poller(store, fetcher, analyzer, clock) -> FeedPoller:
    return FeedPoller(FeedStorage(store), fetcher, analyzer, interval=INTERVAL, clock=clock)


async def settle(poller: FeedPoller) -> None:
    """Start every queued analysis and wait for all of them."""
    while True:
        await poller.tick()
        if not poller._analyses:
            return
        await poller.drain()


async def test_a_new_feed_queues_its_newest_entries_and_marks_the_rest_seen(site, poller, analyzer):
    url = site.publish("/feed.xml", rss("Daily Ledger", articles(8), site.base))
    feed, queued = await poller.add(GUILD, url, added_by=9)
    assert (feed.title, queued) == ("Daily Ledger", FIRST_POLL_ENTRIES)
    await settle(poller)
    assert sorted(analyzer.urls) == sorted(f"{site.base}/news/{n}.html" for n in range(3, 8))
    counts = await poller.storage.entry_counts(feed.id)
    assert counts == {"analyzed": 5, "skipped": 3}


async def test_an_unchanged_feed_is_answered_304_and_queues_nothing(site, poller, clock):
    url = site.publish("/feed.xml", rss("Daily Ledger", articles(3), site.base))
    await poller.add(GUILD, url)
    clock.advance(minutes=31)
    (result,) = await poller.tick()
    assert result.unchanged and result.new_entries == 0
    assert site.not_modified == 1
    assert site.requests[-1][1] is not None  # the poll sent If-None-Match
    clock.advance(minutes=10)
    assert await poller.tick() == []  # not due again before the interval


async def test_a_new_entry_is_picked_up_and_analyzed_on_the_next_poll(
    site, poller, analyzer, clock
):
    url = site.publish("/feed.xml", rss("Daily Ledger", articles(3), site.base))
    await poller.add(GUILD, url)
    await settle(poller)
    site.publish("/feed.xml", rss("Daily Ledger", articles(4), site.base))
    clock.advance(minutes=31)
    await settle(poller)
    assert analyzer.urls.count(f"{site.base}/news/3.html") == 1
    assert len(analyzer.urls) == 4


async def test_an_article_in_two_feeds_or_with_tracking_parameters_is_analyzed_once(
    site, poller, analyzer
):
    tracked = [(f"{path}?utm_source=rss&utm_medium=feed", title) for path, title in articles(3)]
    await poller.add(GUILD, site.publish("/rss.xml", rss("Ledger", tracked, site.base)))
    await poller.add(
        GUILD, site.publish("/atom.xml", atom("Post", articles(4)), "application/atom+xml")
    )
    await settle(poller)
    assert sorted(analyzer.urls) == sorted(f"{site.base}/news/{n}.html" for n in range(4))


async def test_a_feed_already_followed_is_not_added_twice(site, poller):
    url = site.publish("/feed.xml", rss("Daily Ledger", articles(2), site.base))
    await poller.add(GUILD, url)
    with pytest.raises(InputError, match="already follows"):
        await poller.add(GUILD, url + "#top")


@pytest.mark.parametrize(
    "body",
    [b"<html><body>Just a web page</body></html>", b"\x00\x01garbage", b"<rss><channel><item>"],
)
async def test_a_malformed_feed_is_refused_when_added(site, poller, body):
    url = site.publish("/bad.xml", body, "application/xml")
    with pytest.raises(FeedFormatError, match="RSS or Atom"):
        await poller.add(GUILD, url)
    assert await poller.storage.feeds(GUILD) == []


async def test_a_feed_address_with_an_unusable_host_is_refused_with_a_message(poller):
    with pytest.raises(InputError, match="valid host name"):
        await poller.add(GUILD, "http://%zz/feed.xml")
    with pytest.raises(InputError, match="does not follow"):
        await poller.remove(GUILD, "http://%zz/feed.xml")


async def test_an_enormous_feed_is_refused_not_read_to_the_end(site, poller):
    with pytest.raises(FetchError, match="too large"):
        await poller.add(GUILD, site.base + "/huge.xml")
    padding = b"<!--" + b"x" * 400_000 + b"-->"
    url = site.publish("/padded.xml", rss("Ledger", articles(2), site.base) + padding)
    with pytest.raises(FetchError, match="too large"):
        await poller.add(GUILD, url)


async def test_a_feed_that_breaks_later_is_reported_while_the_others_go_on(
    site, poller, analyzer, clock
):
    broken = site.publish("/a.xml", rss("A", articles(2), site.base))
    healthy = site.publish("/b.xml", rss("B", articles(2, start=10), site.base))
    await poller.add(GUILD, broken)
    await poller.add(GUILD, healthy)
    await settle(poller)
    site.publish("/a.xml", b"<html>We moved!</html>", "text/html")
    site.publish("/b.xml", rss("B", articles(3, start=10), site.base))
    clock.advance(minutes=31)
    results = {r.feed_id: r for r in await poller.tick()}
    feeds = {f.url: f for f in await poller.storage.feeds(GUILD)}
    assert "RSS or Atom" in results[feeds[broken].id].error
    assert feeds[broken].failures == 1 and "RSS or Atom" in feeds[broken].last_error
    assert feeds[broken].next_poll_at - clock.now() == INTERVAL * 2  # backing off
    assert results[feeds[healthy].id].new_entries == 1 and feeds[healthy].last_error is None
    site.feeds.pop("/a.xml")
    clock.advance(minutes=61)
    await poller.tick()
    (gone,) = [f for f in await poller.storage.feeds(GUILD) if f.url == broken]
    assert gone.failures == 2 and "not found" in gone.last_error


async def test_a_billion_laughs_feed_does_not_expand(site, poller):
    url = site.publish("/laughs.xml", BILLION_LAUGHS)
    try:
        feed, _ = await asyncio.wait_for(poller.add(GUILD, url), 10)
    except FeedFormatError:
        return
    assert len(feed.title) < 1000


async def test_a_feed_body_naming_a_local_file_is_not_read_from_disk(site, poller, tmp_path):
    local = tmp_path / "local-feed.xml"
    local.write_bytes(rss("Local secrets", articles(3), "http://secret.example"))
    url = site.publish("/named.xml", str(local).encode(), "application/xml")
    with pytest.raises(FeedFormatError):
        await poller.add(GUILD, url)


async def test_a_flooding_feed_is_read_only_so_far(site, poller, analyzer, clock):
    url = site.publish("/flood.xml", rss("Flood", articles(500), site.base))
    feed, queued = await poller.add(GUILD, url)
    assert queued == FIRST_POLL_ENTRIES
    assert sum((await poller.storage.entry_counts(feed.id)).values()) == MAX_ENTRIES
    site.publish("/flood.xml", rss("Flood", articles(60, start=1000), site.base))
    clock.advance(minutes=31)
    (result,) = await poller.tick()
    assert result.new_entries == POLL_ENTRIES


async def test_entry_analyses_run_in_the_background_with_bounded_concurrency(
    site, store, fetcher, analyzer, clock
):
    poller = FeedPoller(
        FeedStorage(store), fetcher, analyzer, interval=INTERVAL, clock=clock, concurrency=2
    )
    await poller.add(GUILD, site.publish("/feed.xml", rss("L", articles(5), site.base)))
    await settle(poller)
    assert len(analyzer.urls) == 5 and analyzer.most_at_once == 2


async def test_an_entry_that_cannot_be_analyzed_is_recorded_as_failed(site, poller, analyzer):
    analyzer.refuse[f"{site.base}/news/1.html"] = FetchError("HTTP 404 (not found).")
    feed, _ = await poller.add(GUILD, site.publish("/feed.xml", rss("L", articles(3), site.base)))
    await settle(poller)
    assert await poller.storage.entry_counts(feed.id) == {"analyzed": 2, "failed": 1}


async def test_removing_a_feed_stops_its_polls(site, poller, clock):
    url = site.publish("/feed.xml", rss("L", articles(2), site.base))
    await poller.add(GUILD, url)
    await poller.remove(GUILD, url)
    clock.advance(minutes=31)
    assert await poller.tick() == []
    with pytest.raises(InputError, match="does not follow"):
        await poller.remove(GUILD, url)


async def test_a_removed_feeds_queued_entries_are_not_analyzed(site, poller, analyzer):
    url = site.publish("/feed.xml", rss("L", articles(3), site.base))
    other = site.publish("/other.xml", rss("M", articles(2, start=10), site.base))
    _, queued = await poller.add(GUILD, url)
    await poller.add(GUILD, other)
    assert queued == 3
    await poller.remove(GUILD, url)
    await settle(poller)
    assert sorted(analyzer.urls) == [f"{site.base}/news/10.html", f"{site.base}/news/11.html"]


async def test_two_pollers_on_one_database_poll_a_due_feed_once(site, database, fetcher, clock):
    first, second = await SqliteStore.open(database), await SqliteStore.open(database)
    try:
        pollers = [
            FeedPoller(FeedStorage(s), fetcher, Analyzer(), interval=INTERVAL, clock=clock)
            for s in (first, second)
        ]
        await pollers[0].add(GUILD, site.publish("/feed.xml", rss("L", articles(2), site.base)))
        clock.advance(minutes=31)
        before = len(site.requests)
        results = await asyncio.gather(pollers[0].tick(), pollers[1].tick())
        assert sorted(len(r) for r in results) == [0, 1]
        assert len(site.requests) == before + 1
    finally:
        await first.close()
        await second.close()


async def test_a_feed_that_hangs_its_reader_is_reported_as_unreadable(site, store, fetcher, clock):
    pool = WorkerPool(workers=1, queue_limit=4, timeout=0.5, model="")

    async def hanging_reader(job, *args):
        return await pool.run(time.sleep, 5)

    poller = FeedPoller(
        FeedStorage(store),
        fetcher,
        Analyzer(),
        interval=INTERVAL,
        clock=clock,
        run_job=hanging_reader,
    )
    try:
        with pytest.raises(FeedFormatError, match="could not be read"):
            await poller.add(GUILD, site.publish("/feed.xml", rss("L", articles(2), site.base)))
    finally:
        await pool.close()
