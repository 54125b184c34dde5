"""Fixtures for the Discord face: a fake Discord on 127.0.0.1 and real bots logged in to it.

Each bot is the real ``Briefbot`` with a real ``Service`` on a SQLite file under ``tmp_path``;
its worker pool runs in a thread (``workers=0``) to keep the tests fast.
"""

from __future__ import annotations

import itertools
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import replace
from pathlib import Path

import discord
import pytest
import yarl
from discord.gateway import DiscordWebSocket

from bot.client import Briefbot
from bot.config import Settings
from tests.discord.harness import BotDriver, FakeDiscord
from tests.discord.payloads import GUILD_ID, USER_ID

_users = itertools.count(USER_ID)


@pytest.fixture
async def fake_discord(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeDiscord]:
    """The fake Discord, with discord.py's API address pointed at it for this test.

    Afterwards it checks the rule every test shares: no message the bot sent allowed a mention.
    """
    fake = FakeDiscord()
    await fake.start()
    monkeypatch.setattr(discord.http.Route, "BASE", fake.api_base)
    monkeypatch.setattr(DiscordWebSocket, "DEFAULT_GATEWAY", yarl.URL(fake.gateway.url))
    yield fake
    await fake.stop()
    for request in fake.requests:
        if request.is_message:
            assert request.message_data.get("allowed_mentions") == {"parse": []}, request


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database=str(tmp_path / "briefbot.db"),
        workers=0,
        dev_guild_id=GUILD_ID,
        fetch_allow_loopback=True,
        cooldown_uses=50,
        cooldown_seconds=60.0,
    )


StartBot = Callable[..., Awaitable[BotDriver]]


@pytest.fixture
async def start_bot(fake_discord: FakeDiscord, settings: Settings) -> AsyncIterator[StartBot]:
    """Start (log in) a bot; call again for a "restart" on the same database."""
    bots: list[Briefbot] = []

    async def start(**overrides: object) -> BotDriver:
        bot = Briefbot(replace(settings, **overrides))
        await bot.login("test-token")
        bots.append(bot)
        return BotDriver(bot, fake_discord, next(_users))

    yield start
    for bot in bots:
        await bot.close()


@pytest.fixture
async def driver(start_bot: StartBot) -> BotDriver:
    """One running bot."""
    return await start_bot()
