"""The bot class: startup in ``setup_hook``, explicit command sync, default intents, no pings."""

from __future__ import annotations

import discord
import pytest

from bot.client import Briefbot
from bot.models import Scope
from tests.discord.conftest import StartBot
from tests.discord.harness import BotDriver
from tests.discord.payloads import APPLICATION_ID, GUILD_ID


def _command_syncs(driver: BotDriver) -> list[str]:
    return [r.path for r in driver.fake.requests if r.method == "PUT" and "commands" in r.path]


async def test_setup_hook_opens_the_service_and_loads_every_feature(driver: BotDriver) -> None:
    assert driver.bot.service is not None
    assert {"cogs.summarize", "cogs.quotes", "cogs.whosaid"} <= set(driver.bot.extensions)
    assert "on_ready" not in vars(Briefbot), "startup work never runs again on reconnect"


async def test_start_syncs_to_the_development_server_only(driver: BotDriver) -> None:
    assert _command_syncs(driver) == [f"/applications/{APPLICATION_ID}/guilds/{GUILD_ID}/commands"]


async def test_without_a_development_server_start_syncs_nothing(start_bot: StartBot) -> None:
    driver = await start_bot(dev_guild_id=0)

    assert _command_syncs(driver) == []


async def test_global_sync_is_an_explicit_call(start_bot: StartBot) -> None:
    driver = await start_bot(dev_guild_id=0)

    synced = await driver.bot.sync_commands()

    assert _command_syncs(driver) == [f"/applications/{APPLICATION_ID}/commands"]
    assert {c.name for c in synced} >= {
        "summarize",
        "quotes",
        "whosaid",
        "Summarize",
        "Who said this?",
    }


async def test_default_intents_and_no_mentions_by_default(driver: BotDriver) -> None:
    assert driver.bot.intents == discord.Intents.default()
    assert not driver.bot.intents.message_content
    assert driver.bot.allowed_mentions is not None
    assert driver.bot.allowed_mentions.to_dict() == {"parse": []}


async def test_close_releases_the_service(start_bot: StartBot) -> None:
    driver = await start_bot()
    service = driver.bot.service

    await driver.bot.close()

    with pytest.raises(RuntimeError, match="not open"):
        driver.bot.service  # noqa: B018
    with pytest.raises(ValueError, match="no active connection"):
        await service.recent_articles(Scope("guild", GUILD_ID))
