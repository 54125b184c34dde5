"""Two real bot processes, each holding its own gateway shards, against one PostgreSQL database.

Each process is the whole bot (``tests/scale/bot_process.py``) logged in to its own fake
Discord, so what each one posted is on record apart. The database alone decides who does
what must be done once: an article asked of both at once is analysed once; each server's
daily briefing is sent by the process whose shards hold that server, once; a feed due for a
poll is polled by one of them; and a process killed with SIGKILL in the middle of posting a
briefing loses nothing: the next process completes it without posting any page twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import signal
import sys
from collections.abc import AsyncIterator, Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest

from bot.briefing.feed_storage import FeedStorage
from bot.briefing.storage import BriefingStorage, Schedule
from bot.store.postgres import PostgresStore
from tests.briefing.feed_server import feed_site, rss
from tests.briefing.stories import write_window
from tests.briefing.test_cog import ChannelDiscord
from tests.discord.articles import ARTICLE
from tests.discord.gateway import IDENTIFY
from tests.discord.payloads import GUILD_ID, option, slash_command
from tests.scale.sharded_gateway import sharded_discord

SHARDS = 4
START_TIMEOUT = 90.0


def guild_on_shard(shard: int) -> int:
    """A guild id that Discord puts on ``shard`` (of ``SHARDS``)."""
    return (((GUILD_ID >> 22) // SHARDS * SHARDS + shard) << 22) | 1


GUILD_A, GUILD_B = guild_on_shard(1), guild_on_shard(2)
CHANNEL_A, CHANNEL_B = 710000000000000101, 710000000000000202


class BotProcess:
    """A bot in its own OS process, on a fake Discord, with its log in a file."""

    def __init__(self, fake: ChannelDiscord, database: str, shard_ids: str, log: Path) -> None:
        self.fake = fake
        self.arguments = [fake.api_base, fake.gateway.url, database, str(SHARDS), shard_ids]
        self.log = log
        self.process: asyncio.subprocess.Process | None = None

    async def start(self) -> None:
        with self.log.open("ab") as log:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "tests.scale.bot_process",
                *self.arguments,
                stdout=asyncio.subprocess.PIPE,
                stderr=log,
                env={**os.environ, "PYTHONPATH": os.getcwd()},
            )
        assert self.process.stdout is not None
        line = await asyncio.wait_for(self.process.stdout.readline(), START_TIMEOUT)
        assert line.strip() == b"ready", self.log.read_text()

    async def stop(self) -> dict[str, int]:
        """Stop it the way a deployment does (SIGTERM); its analysis cache counters."""
        assert self.process is not None and self.process.stdout is not None
        self.process.send_signal(signal.SIGTERM)
        line = await asyncio.wait_for(self.process.stdout.readline(), 30)
        await asyncio.wait_for(self.process.wait(), 30)
        assert line, self.log.read_text()
        return json.loads(line)

    async def kill(self) -> None:
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        await self.process.wait()

    async def ensure_stopped(self) -> None:
        if self.process is not None and self.process.returncode is None:
            await self.kill()


@pytest.fixture
async def fakes() -> AsyncIterator[tuple[ChannelDiscord, ChannelDiscord]]:
    pair = (sharded_discord(), sharded_discord())
    for fake in pair:
        await fake.start()
    yield pair
    for fake in pair:
        await fake.stop()


@pytest.fixture
async def store(postgres_url: str) -> AsyncIterator[PostgresStore]:
    opened = await PostgresStore.open(postgres_url)
    yield opened
    await opened.close()


async def _until(condition: Callable[[], object], timeout: float = 60.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.005)


async def _a_day_of_stories(store: PostgresStore, guild: int, end: datetime) -> None:
    for written in write_window(end):
        digest = hashlib.sha256(written.article.text.encode()).hexdigest()
        article_id = await store.save_analysis(
            written.article, digest, written.analysis, [written.article.url]
        )
        await store.add_submission(
            article_id, f"guild:{guild}", written.submitted_at, guild_id=guild
        )


async def _schedule_due_now(store: PostgresStore, guild: int, channel: int) -> None:
    """A daily briefing at ten minutes ago (UTC), scheduled yesterday: due now."""
    now = datetime.now(UTC)
    at = (now - timedelta(minutes=10)).time()
    schedule = Schedule(channel, guild, time(at.hour, at.minute), "UTC")
    await BriefingStorage(store).save_schedule(schedule, now - timedelta(days=1))
    await _a_day_of_stories(store, guild, now - timedelta(minutes=5))


def _footers(fake: ChannelDiscord, channel: int) -> list[str]:
    return [m["embeds"][0]["footer"]["text"] for m in fake.posted.get(str(channel), [])]


async def _run_state(store: PostgresStore, channel: int) -> tuple[str, int | None] | None:
    run = await BriefingStorage(store).last_run(channel)
    return None if run is None else (run.state, run.page_count)


async def test_two_processes_analyse_once_brief_each_server_once_and_poll_a_feed_once(
    store: PostgresStore, postgres_url: str, fakes, tmp_path: Path
) -> None:
    fake_a, fake_b = fakes
    await _schedule_due_now(store, GUILD_A, CHANNEL_A)
    await _schedule_due_now(store, GUILD_B, CHANNEL_B)
    async with feed_site() as site:
        feed_url = site.publish("/feed.xml", rss("Harbour news", [], site.base))
        await FeedStorage(store).add(GUILD_A, feed_url, "Harbour news", 1, datetime.now(UTC))
        bots = (
            BotProcess(fake_a, postgres_url, "0,1", tmp_path / "a.log"),
            BotProcess(fake_b, postgres_url, "2,3", tmp_path / "b.log"),
        )
        try:
            await asyncio.gather(*(bot.start() for bot in bots))
            asked = [slash_command("summarize", [option("text", ARTICLE)]) for _ in bots]
            for fake, payload in zip(fakes, asked, strict=True):
                fake.expect_interaction(payload)
            await asyncio.gather(
                *(
                    fake.gateway.dispatch("INTERACTION_CREATE", payload)
                    for fake, payload in zip(fakes, asked, strict=True)
                )
            )
            await _until(
                lambda: all(
                    (f.original_or_none(p) or {}).get("embeds")
                    for f, p in zip(fakes, asked, strict=True)
                )
            )
            for channel in (CHANNEL_A, CHANNEL_B):
                await _until_sent(store, channel)
            await asyncio.sleep(0.5)  # time for a second, wrong send to show
            counters = await asyncio.gather(*(bot.stop() for bot in bots))
        finally:
            for bot in bots:
                await bot.ensure_stopped()
        feed_polls = [path for path, _ in site.requests if path == "/feed.xml"]

    assert sum(c["misses"] for c in counters) == 1, counters  # one analysis, one cache hit
    assert sum(c["hits"] for c in counters) >= 1
    for fake, channel, other in ((fake_a, CHANNEL_A, CHANNEL_B), (fake_b, CHANNEL_B, CHANNEL_A)):
        state = await _run_state(store, channel)
        assert state is not None and state[0] == "sent"
        footers = _footers(fake, channel)
        assert len(footers) == state[1] == len(set(footers)), footers
        assert _footers(fake, other) == [], "only the process holding a server's shard sends"
    assert len(feed_polls) == 1
    for fake, shards in (
        (fake_a, [[0, SHARDS], [1, SHARDS]]),
        (fake_b, [[2, SHARDS], [3, SHARDS]]),
    ):
        assert [m["d"]["shard"] for m in fake.gateway.sent(IDENTIFY)] == shards
        assert not fake.commands, "commands are synced by `briefbot sync`, not at start"


async def _until_sent(store: PostgresStore, channel: int, timeout: float = 60.0) -> None:
    async with asyncio.timeout(timeout):
        while (await _run_state(store, channel) or ("",))[0] != "sent":
            await asyncio.sleep(0.05)


async def test_a_process_killed_mid_briefing_loses_nothing_and_repeats_no_page(
    store: PostgresStore, postgres_url: str, fakes, tmp_path: Path
) -> None:
    fake, _ = fakes
    await _schedule_due_now(store, GUILD_A, CHANNEL_A)
    # Page 2's first post fails (503): discord.py waits a second before trying again, and the
    # process is killed in that second, with page 1 in the channel and page 2 not.
    fake.failing_posts = {2}
    first = BotProcess(fake, postgres_url, "0,1", tmp_path / "first.log")
    try:
        await first.start()
        await _until(lambda: fake.post_attempts >= 2)
        await first.kill()
    finally:
        await first.ensure_stopped()
    posted_before = len(_footers(fake, CHANNEL_A))
    state = await _run_state(store, CHANNEL_A)
    assert state is not None
    # Its claim is a five-minute lease: let it run out, as it would while no process runs.
    async with store.write() as sql:
        await sql.execute(
            "UPDATE briefing_runs SET claimed_at = ? WHERE channel_id = ?",
            (
                (datetime.now(UTC) - timedelta(minutes=6)).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
                CHANNEL_A,
            ),
        )

    second = BotProcess(fake, postgres_url, "0,1", tmp_path / "second.log")
    try:
        await second.start()
        await _until_sent(store, CHANNEL_A)
        await second.stop()
    finally:
        await second.ensure_stopped()

    state = await _run_state(store, CHANNEL_A)
    footers = _footers(fake, CHANNEL_A)
    assert state is not None and state[0] == "sent" and state[1] is not None
    pages = state[1]
    assert pages >= 2 and posted_before == 1
    assert sorted(footers) == sorted(
        f"Daily briefing · {footers[0].split(' · ')[1]} · Page {n} of {pages}"
        for n in range(1, pages + 1)
    ), footers
