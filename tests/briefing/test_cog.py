"""``/briefing`` through discord.py's real parsing, against the project's fake Discord.

The fake is extended here (not edited) with the channel routes scheduled briefings use:
fetching a channel, posting to it and reading its history, so ``DiscordSender`` is tested
through discord.py's own HTTP client, nonce handling and error types.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import discord
import pytest

from bot.briefing.build import briefing_for
from bot.briefing.dispatcher import Dispatcher
from tests.briefing.conftest import FakeClock
from tests.briefing.feed_server import feed_site, rss
from tests.briefing.stories import write_window
from tests.discord.conftest import settings, start_bot  # noqa: F401 (fixtures)
from tests.discord.harness import BotDriver, DiscordError, FakeDiscord
from tests.discord.payloads import (
    CHANNEL_ID,
    GUILD_ID,
    bot_user_payload,
    message_payload,
    option,
    slash_command,
)

OTHER_CHANNEL = CHANNEL_ID + 5


class ChannelDiscord(FakeDiscord):
    """The fake Discord plus text channels that bots can post to and read back."""

    def __init__(self) -> None:
        super().__init__()
        self.posted: dict[str, list[dict]] = {}
        self.deleted: set[str] = set()
        self.forbidden: set[str] = set()
        self.failing_posts: set[int] = set()
        """Numbers (from 1) of the posts that get a 503 instead, as a Discord outage would."""
        self.post_attempts = 0

    def _route(self, method: str, parts: list[str], body: Any) -> Any:
        match method, parts:
            case "GET", ["channels", channel]:
                self._check(channel)
                return _channel(channel)
            case "POST", ["channels", channel, "messages"]:
                self._check(channel)
                if channel in self.forbidden:
                    raise DiscordError(403, 50013, "Missing Permissions")
                self.post_attempts += 1
                if self.post_attempts in self.failing_posts:
                    raise DiscordError(503, 0, "Service Unavailable")
                message = message_payload(
                    body.get("content", ""),
                    channel_id=int(channel),
                    author=bot_user_payload(),
                    embeds=body.get("embeds", []),
                )
                message["nonce"] = body.get("nonce")
                message["_request"] = body
                self.posted.setdefault(channel, []).append(message)
                return {k: v for k, v in message.items() if not k.startswith("_")}
            case "GET", ["channels", channel, "messages"]:
                self._check(channel)
                stored = reversed(self.posted.get(channel, []))
                return [{k: v for k, v in m.items() if not k.startswith("_")} for m in stored]
        return super()._route(method, parts, body)

    def _check(self, channel: str) -> None:
        if channel in self.deleted:
            raise DiscordError(404, 10003, "Unknown Channel")


def _channel(channel_id: str) -> dict:
    return {
        "id": channel_id,
        "type": 0,
        "guild_id": str(GUILD_ID),
        "name": "news",
        "position": 0,
        "permission_overwrites": [],
        "nsfw": False,
        "parent_id": None,
        "flags": 0,
    }


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch):
    fake = ChannelDiscord()
    await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    yield fake
    await fake.stop()


@pytest.fixture
async def driver(start_bot) -> BotDriver:  # noqa: F811
    return await start_bot()


def subcommand(name: str, *options: dict, group: str | None = None) -> list[dict]:
    """``/briefing name …`` (or ``/briefing group name …``) as Discord nests it."""
    command = {"name": name, "type": 1, "options": list(options)}
    return [{"name": group, "type": 2, "options": [command]}] if group else [command]


async def briefing(driver: BotDriver, *parts: dict, permissions: str | None = None) -> dict:
    payload = slash_command("briefing", list(parts), user_id=driver.user_id)
    if permissions is not None:
        payload["member"]["permissions"] = permissions
    await driver.send(payload)
    return payload


def answers(fake: FakeDiscord, payload: dict) -> list[dict]:
    return [fake.original(payload), *fake.followups(payload)]


def text_of(messages: list[dict]) -> str:
    parts = []
    for message in messages:
        parts.append(message.get("content") or "")
        for embed in message.get("embeds", []):
            parts += [embed.get("title") or "", embed.get("description") or ""]
            parts.append((embed.get("footer") or {}).get("text") or "")
    return "\n".join(parts)


async def store_articles(bot, end: datetime) -> None:
    store = bot.service.store
    for written in write_window(end):
        digest = hashlib.sha256(written.article.text.encode()).hexdigest()
        article_id = await store.save_analysis(
            written.article, digest, written.analysis, [written.article.url]
        )
        await store.add_submission(
            article_id, f"guild:{GUILD_ID}", written.submitted_at, guild_id=GUILD_ID
        )


async def test_the_briefing_group_is_registered_with_its_subcommands(driver, fake_discord):
    (registered,) = [c for c in fake_discord.commands[str(GUILD_ID)] if c["name"] == "briefing"]
    names = {o["name"]: o for o in registered["options"]}
    assert set(names) == {"now", "schedule", "unschedule", "status", "feeds"}
    assert {o["name"] for o in names["feeds"]["options"]} == {"add", "remove", "list"}
    hours = names["now"]["options"][0]
    assert (hours["min_value"], hours["max_value"]) == (1, 168)
    assert registered.get("dm_permission") is False or registered.get("contexts") == [0]


async def test_briefing_now_posts_the_servers_stories_within_discords_limits(driver, fake_discord):
    await store_articles(driver.bot, datetime.now(UTC) - timedelta(minutes=1))
    payload = await briefing(driver, *subcommand("now"))
    messages = answers(fake_discord, payload)
    text = text_of(messages)
    assert "Briefing: the last 24 hours" in text
    assert "50 articles, 10 stories" in text
    assert text.count("5 sources:") == 10 and "__Most quoted__" in text
    assert len(messages) >= 2 and "Page 1 of" in text
    for message in messages:
        assert message["_last_allowed_mentions"] == {"parse": []}


async def test_briefing_now_on_an_empty_server_says_so_and_how_to_fill_it(driver, fake_discord):
    payload = await briefing(driver, *subcommand("now", option("hours", 6, kind=4)))
    text = text_of(answers(fake_discord, payload))
    assert "Nothing was analyzed here in the last 6 hours" in text
    assert "/summarize" in text and "/briefing feeds add" in text


async def test_changing_the_schedule_needs_manage_server(driver, fake_discord):
    payload = await briefing(
        driver,
        *subcommand("schedule", option("time", "08:00"), option("timezone", "Europe/Berlin")),
        permissions="0",
    )
    assert "Manage Server" in fake_discord.original(payload)["content"]
    assert await driver.bot.get_cog("Briefing").storage.schedules(GUILD_ID) == []


async def test_schedule_then_status_shows_the_next_run_in_local_time(driver, fake_discord):
    choices = await driver.autocomplete(
        "briefing",
        {
            "name": "schedule",
            "type": 1,
            "options": [option("timezone", "europe/ber", focused=True)],
        },
    )
    assert choices[0]["value"] == "Europe/Berlin"
    payload = await briefing(
        driver,
        *subcommand("schedule", option("time", "8:00"), option("timezone", "Europe/Berlin")),
    )
    assert "Every day at 08:00 (Europe/Berlin)" in fake_discord.original(payload)["content"]
    payload = await briefing(driver, *subcommand("status"))
    status = text_of(answers(fake_discord, payload))
    assert f"<#{CHANNEL_ID}>" in status and "Next briefing: **" in status
    assert "CET**" in status or "CEST**" in status


async def test_a_bad_time_or_zone_is_explained(driver, fake_discord):
    payload = await briefing(
        driver, *subcommand("schedule", option("time", "25:00"), option("timezone", "UTC"))
    )
    assert "HH:MM" in fake_discord.original(payload)["content"]
    payload = await briefing(
        driver, *subcommand("schedule", option("time", "08:00"), option("timezone", "Mars"))
    )
    assert "IANA" in fake_discord.original(payload)["content"]


async def scheduled_at_eight(
    driver: BotDriver,
) -> tuple[Any, FakeClock, Callable[[], Dispatcher]]:
    """A server with a day's stories, a briefing due at 08:00 Berlin time and a clock at 08:00;
    returns the cog, the clock and a maker of fresh dispatchers (a restart is a new one)."""
    cog = driver.bot.get_cog("Briefing")
    await store_articles(driver.bot, datetime(2026, 11, 26, 6, 30, tzinfo=UTC))
    await briefing(
        driver,
        *subcommand("schedule", option("time", "08:00"), option("timezone", "Europe/Berlin")),
    )
    await cog.storage.save_schedule(
        (await cog.storage.schedule(CHANNEL_ID)), datetime(2026, 11, 25, tzinfo=UTC)
    )
    clock = FakeClock(datetime(2026, 11, 26, 7, 0, tzinfo=UTC))
    service = driver.bot.service

    def dispatcher() -> Dispatcher:
        return Dispatcher(
            cog.storage,
            lambda scope, hours, now: briefing_for(service, scope, hours, now),
            cog.dispatcher.sender,
            grace=timedelta(hours=2),
            clock=clock,
        )

    return cog, clock, dispatcher


async def test_the_dispatcher_posts_through_discord_once_and_finds_it_after_a_crash(
    driver, fake_discord
):
    cog, clock, dispatcher = await scheduled_at_eight(driver)

    assert await dispatcher().tick() == {CHANNEL_ID: "sent"}
    posted = fake_discord.posted[str(CHANNEL_ID)]
    assert len(posted) >= 2  # ten stories take more than one page
    assert all(m["_request"]["enforce_nonce"] is True for m in posted)
    assert len({m["nonce"] for m in posted}) == len(posted)
    footer = posted[0]["embeds"][0]["footer"]["text"]
    assert footer.startswith("Daily briefing · 2026-11-26 · Page 1 of")
    assert all(m["_request"]["allowed_mentions"] == {"parse": []} for m in posted)
    # The process died after posting and before marking: the next one finds the post.
    async with cog.storage.store.transaction() as db:
        await db.execute("UPDATE briefing_runs SET state = 'sending', claimed_by = 'dead'")
    clock.advance(minutes=6)
    assert await dispatcher().tick() == {CHANNEL_ID: "found"}
    assert len(fake_discord.posted[str(CHANNEL_ID)]) == len(posted)


async def test_a_briefing_cut_off_between_pages_resumes_with_the_missing_pages_only(
    driver, fake_discord
):
    _, clock, dispatcher = await scheduled_at_eight(driver)

    fake_discord.failing_posts = {2}  # page 1 lands, then Discord fails on page 2
    assert await dispatcher().tick() != {CHANNEL_ID: "sent"}
    assert len(fake_discord.posted[str(CHANNEL_ID)]) == 1
    for _ in range(12):  # retries come after a back-off; give the clock room
        clock.advance(minutes=10)
        if await dispatcher().tick() == {CHANNEL_ID: "sent"}:
            break
    posted = fake_discord.posted[str(CHANNEL_ID)]
    footers = [m["embeds"][0]["footer"]["text"] for m in posted]
    count = len(footers)
    assert count >= 2
    assert footers == [
        f"Daily briefing · 2026-11-26 · Page {n} of {count}" for n in range(1, count + 1)
    ]
    assert len({m["nonce"] for m in posted}) == count


async def test_a_deleted_channel_pauses_its_schedule_and_status_says_why(driver, fake_discord):
    cog = driver.bot.get_cog("Briefing")
    await briefing(
        driver,
        *subcommand("schedule", option("time", "08:00"), option("timezone", "UTC")),
    )
    await cog.storage.save_schedule(
        (await cog.storage.schedule(CHANNEL_ID)), datetime(2026, 11, 25, tzinfo=UTC)
    )
    fake_discord.deleted.add(str(CHANNEL_ID))
    clock = FakeClock(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
    bot_dispatcher = Dispatcher(
        cog.storage,
        cog.dispatcher.compose,
        cog.dispatcher.sender,
        grace=timedelta(hours=2),
        clock=clock,
    )
    assert await bot_dispatcher.tick() == {CHANNEL_ID: "paused"}
    payload = await briefing(driver, *subcommand("status"))
    status = text_of(answers(fake_discord, payload))
    assert "**Paused**" in status and "The channel was deleted" in status


async def test_feeds_list_on_a_server_without_feeds_says_how_to_add_one(driver, fake_discord):
    payload = await briefing(driver, *subcommand("list", group="feeds"))
    assert "/briefing feeds add" in fake_discord.original(payload)["content"]


async def test_adding_a_feed_needs_manage_server(driver, fake_discord):
    payload = await briefing(
        driver,
        *subcommand("add", option("url", "https://example.com/rss"), group="feeds"),
        permissions="0",
    )
    assert "Manage Server" in fake_discord.original(payload)["content"]


async def test_lost_permission_pauses_the_schedule(driver, fake_discord):
    cog = driver.bot.get_cog("Briefing")
    await briefing(
        driver, *subcommand("schedule", option("time", "08:00"), option("timezone", "UTC"))
    )
    await cog.storage.save_schedule(
        (await cog.storage.schedule(CHANNEL_ID)), datetime(2026, 11, 25, tzinfo=UTC)
    )
    fake_discord.forbidden.add(str(CHANNEL_ID))
    clock = FakeClock(datetime(2026, 11, 26, 8, 0, tzinfo=UTC))
    paused = Dispatcher(
        cog.storage,
        cog.dispatcher.compose,
        cog.dispatcher.sender,
        grace=timedelta(hours=2),
        clock=clock,
    )
    assert await paused.tick() == {CHANNEL_ID: "paused"}
    schedule = await cog.storage.schedule(CHANNEL_ID)
    assert "no longer allowed to post" in schedule.paused_reason


async def test_feeds_add_list_and_remove_through_discord(driver, fake_discord):
    async with feed_site() as site:
        url = site.publish("/feed.xml", rss("Harbour Times", [("/a.html", "A")], site.base))
        payload = await briefing(driver, *subcommand("add", option("url", url), group="feeds"))
        assert "Following **Harbour Times**" in fake_discord.original(payload)["content"]
        payload = await briefing(driver, *subcommand("list", group="feeds"))
        listed = text_of(answers(fake_discord, payload))
        assert "**Harbour Times**" in listed and "1 article seen" in listed
        choices = await driver.autocomplete(
            "briefing",
            {
                "name": "feeds",
                "type": 2,
                "options": [
                    {"name": "remove", "type": 1, "options": [option("feed", "harb", focused=True)]}
                ],
            },
        )
        assert [c["name"] for c in choices] == [f"Harbour Times — {url}"]
        payload = await briefing(
            driver, *subcommand("remove", option("feed", choices[0]["value"]), group="feeds")
        )
        assert "No longer following" in fake_discord.original(payload)["content"]
        assert await driver.bot.get_cog("Briefing").poller.storage.feeds(GUILD_ID) == []
