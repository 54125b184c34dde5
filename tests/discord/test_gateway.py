"""A started bot, end to end: login, gateway handshake, an interaction, a reconnect."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace

import discord
import pytest

from bot.client import Briefbot
from bot.config import Settings
from tests.discord.articles import ARTICLE
from tests.discord.fake_discord import FakeDiscord
from tests.discord.gateway import IDENTIFY, RESUME
from tests.discord.payloads import option, slash_command


@pytest.fixture
async def running_bot(fake_discord: FakeDiscord, settings: Settings) -> AsyncIterator[Briefbot]:
    """A bot started as ``briefbot run`` starts it, connected to the fake gateway."""
    bot = Briefbot(replace(settings))
    task = asyncio.create_task(bot.start(fake_discord.token))
    await fake_discord.gateway.wait_ready()
    yield bot
    await bot.close()
    await asyncio.wait_for(task, 10)


async def _until(condition: object, timeout: float = 30.0) -> None:
    async with asyncio.timeout(timeout):
        while not condition():  # type: ignore[operator]
            await asyncio.sleep(0.01)


async def test_a_started_bot_identifies_with_default_intents(
    running_bot: Briefbot, fake_discord: FakeDiscord
) -> None:
    [identify] = fake_discord.gateway.sent(IDENTIFY)

    assert identify["d"]["token"] == fake_discord.token
    assert identify["d"]["intents"] == discord.Intents.default().value


async def test_a_started_bot_answers_an_interaction_from_the_gateway(
    running_bot: Briefbot, fake_discord: FakeDiscord
) -> None:
    payload = slash_command("summarize", [option("text", ARTICLE)])
    fake_discord.expect_interaction(payload)

    await fake_discord.gateway.dispatch("INTERACTION_CREATE", payload)

    await _until(lambda: (fake_discord.original_or_none(payload) or {}).get("embeds"))
    [embed] = fake_discord.original(payload)["embeds"]
    assert "night buses" in embed["description"]


async def test_a_reconnect_repeats_no_startup_work(
    running_bot: Briefbot, fake_discord: FakeDiscord
) -> None:
    service = running_bot.service
    syncs = [r for r in fake_discord.requests if r.method == "PUT"]

    await fake_discord.gateway.ask_to_reconnect()
    await fake_discord.gateway.wait_ready()

    assert fake_discord.gateway.sessions == 2 and fake_discord.gateway.sent(RESUME)
    assert running_bot.service is service, "the service is not reopened"
    assert [r for r in fake_discord.requests if r.method == "PUT"] == syncs, "no second sync"
