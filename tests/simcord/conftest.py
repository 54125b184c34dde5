"""The real Briefbot against SimCord, a simulated Discord written by others, as a second opinion.

``tests/discord/`` checks the bot against our own fake, request by request. SimCord models
Discord independently (message state, ephemeral visibility, the interaction lifecycle, guilds
and members) and runs discord.py's own dispatch, so the two fakes must agree for a behaviour
to count as Discord's. SimCord's pytest plugin provides ``simcord_env`` from ``simcord_bot``.

The bot's clock (``Briefbot.clock``, which the dispatcher and ``/briefing status`` share) is the
wall clock moved on by SimCord's ``advance_time``: the service dates submissions by the wall
clock, and a briefing's window must hold them.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path

import discord
import pytest
import simcord

from bot.client import Briefbot
from bot.config import Settings
from tests.briefing.feed_server import FeedSite, feed_site

SETTLE_SECONDS = 20.0
"""How long SimCord waits for the bot to finish an action: room for an analysis on a busy
machine, yet under the background loops' 30 and 60 s pauses, which SimCord must count as
parked (a pause within the limit would be waited for, and its real-time timer would move the
simulated clock in the middle of the action)."""


class SimulatedClock:
    """The wall clock, moved on by however far SimCord's ``advance_time`` has gone."""

    def __init__(self) -> None:
        self.env: simcord.Env | None = None
        self.env_started: datetime | None = None

    def attach(self, env: simcord.Env) -> None:
        self.env, self.env_started = env, env.now()

    def now(self) -> datetime:
        if self.env is None or self.env_started is None:
            return datetime.now(UTC)
        return datetime.now(UTC) + (self.env.now() - self.env_started)


@pytest.fixture
def clock() -> SimulatedClock:
    return SimulatedClock()


@pytest.fixture
def simcord_bot(tmp_path: Path, clock: SimulatedClock) -> Briefbot:
    settings = Settings(
        database=str(tmp_path / "briefbot.db"),
        workers=0,
        cooldown_uses=50,
        cooldown_seconds=60.0,
        fetch_allow_loopback=True,
    )
    return Briefbot(settings, sync_on_start=False, clock=clock)


@pytest.fixture
async def env(simcord_env: simcord.Env, clock: SimulatedClock) -> AsyncIterator[simcord.Env]:
    """A running SimCord with the bot's commands registered, as ``briefbot sync`` does; the
    bot is closed afterwards (SimCord detaches it but leaves its database and pool open)."""
    clock.attach(simcord_env)
    await simcord_env.bot.tree.sync()
    yield simcord_env
    await simcord_env.bot.close()


@pytest.fixture
async def site() -> AsyncIterator[FeedSite]:
    """A web server on 127.0.0.1 for the links the tests summarize."""
    async with feed_site() as serving:
        yield serving


@pytest.fixture
def guild(env: simcord.Env) -> simcord.GuildHandle:
    return env.create_guild("Riverside News")


@pytest.fixture
def channel(guild: simcord.GuildHandle) -> simcord.ChannelHandle:
    return guild.create_text_channel("news")


@pytest.fixture
def reader(env: simcord.Env, guild: simcord.GuildHandle) -> simcord.MemberActor:
    return guild.add_member(env.create_user("reader"))


@pytest.fixture
def editor(env: simcord.Env, guild: simcord.GuildHandle) -> simcord.MemberActor:
    """A member allowed to change schedules and feeds (Manage Server)."""
    role = guild.create_role("Editors", permissions=discord.Permissions(manage_guild=True))
    return guild.add_member(env.create_user("editor"), roles=[role])
