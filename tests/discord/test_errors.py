"""Every expected failure becomes a short private message; a bug becomes an apology with an id."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import discord
import pytest
from discord import app_commands

from bot.client import DATABASE_DOWN
from bot.config import Settings
from tests.discord.articles import ARTICLE
from tests.discord.conftest import StartBot
from tests.discord.harness import BotDriver
from tests.discord.payloads import ALL_PERMISSIONS, option, slash_command
from tests.store.damage import damage_pages


def _private_message(driver: BotDriver, payload: dict) -> str:
    """The one private message the user got, whether sent as the reply or as a follow-up."""
    requests = driver.fake.requests_for(payload)
    messages = [r.message_data for r in requests if r.is_message]
    assert len(messages) == 1, f"expected one message, got {messages}"
    [message] = messages
    assert message["flags"] & 64, "error messages are ephemeral"
    assert message["allowed_mentions"] == {"parse": []}
    assert not driver.fake.original_or_none(payload) or driver.fake.original(payload)["flags"] & 64
    return message["content"]


async def test_a_failure_after_deferring_replaces_the_public_placeholder(
    driver: BotDriver,
) -> None:
    url = driver.fake.base_url + "/files/missing.html"

    payload = await driver.slash("summarize", option("url", url))

    calls = [(r.method, r.path.split("/")[-1]) for r in driver.fake.requests_for(payload)]
    assert calls[0] == ("POST", "callback")
    assert ("DELETE", "@original") in calls, "the public 'thinking…' message is removed"
    assert "404" in _private_message(driver, payload)


async def test_blocked_address_is_refused(driver: BotDriver) -> None:
    payload = await driver.slash("summarize", option("url", "http://10.1.2.3/news/story"))

    assert "private" in _private_message(driver, payload).lower()


async def test_a_link_to_an_image_is_not_an_article(driver: BotDriver) -> None:
    url = driver.fake.serve_file("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")

    payload = await driver.slash("summarize", option("url", url))

    assert "not an article" in _private_message(driver, payload)


async def test_a_full_queue_says_busy(start_bot: StartBot) -> None:
    driver = await start_bot(worker_queue=0)

    payload = await driver.slash("summarize", option("text", ARTICLE))

    assert "busy" in _private_message(driver, payload).lower()


async def test_an_analysis_that_runs_too_long_fails_alone(start_bot: StartBot) -> None:
    driver = await start_bot(analysis_timeout=0.001)

    payload = await driver.slash("summarize", option("text", ARTICLE))

    assert "took too long" in _private_message(driver, payload)


async def test_too_long_text_is_refused_with_the_limit(start_bot: StartBot) -> None:
    driver = await start_bot(max_text_chars=500)

    payload = await driver.slash("summarize", option("text", ARTICLE))

    assert "the limit is 500" in _private_message(driver, payload)


async def test_cooldown_tells_the_remaining_time(start_bot: StartBot) -> None:
    driver = await start_bot(cooldown_uses=1, cooldown_seconds=30.0)
    await driver.slash("whosaid", option("quote", "safe ride home"))

    payload = await driver.slash("whosaid", option("quote", "safe ride home"))

    [request] = driver.fake.requests_for(payload)
    assert request.body["type"] == 4, "a cooldown is answered at once, without deferring"
    text = _private_message(driver, payload)
    seconds = int(re.search(r"again in (\d+) s", text)[1])
    assert 25 <= seconds <= 30


async def test_missing_permissions_are_named(driver: BotDriver) -> None:
    @app_commands.command(name="tidy", description="Needs Manage Server")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def tidy(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("done")

    @app_commands.command(name="embedder", description="Needs the bot to embed links")
    @app_commands.checks.bot_has_permissions(embed_links=True)
    async def embedder(interaction: discord.Interaction) -> None:
        await interaction.response.send_message("done")

    driver.bot.tree.add_command(tidy)
    driver.bot.tree.add_command(embedder)
    user = slash_command("tidy", user_id=driver.user_id)
    user["member"]["permissions"] = "0"
    bot = slash_command("embedder", user_id=driver.user_id)
    bot["app_permissions"] = str(int(ALL_PERMISSIONS) & ~(1 << 14))

    await driver.send(user)
    await driver.send(bot)

    assert _private_message(driver, user) == "You need the Manage Guild permission for that."
    assert "I need the Embed Links permission" in _private_message(driver, bot)


async def test_an_unexpected_error_is_logged_with_context_and_an_id(
    driver: BotDriver, caplog: pytest.LogCaptureFixture
) -> None:
    @app_commands.command(name="explode", description="Fails like a bug would")
    async def explode(interaction: discord.Interaction) -> None:
        raise ZeroDivisionError("bug")

    driver.bot.tree.add_command(explode)
    payload = slash_command("explode", user_id=driver.user_id)

    with caplog.at_level(logging.ERROR, logger="bot.client"):
        await driver.send(payload)

    text = _private_message(driver, payload)
    error_id = re.search(r"error id `(\w+)`", text)[1]
    [record] = [r for r in caplog.records if error_id in r.getMessage()]
    assert f"user={driver.user_id}" in record.getMessage()
    assert "command=explode" in record.getMessage()
    assert record.exc_info[0] is ZeroDivisionError
    logged = caplog.text
    assert payload["token"] not in logged and "test-token" not in logged


async def test_a_corrupt_database_gets_a_short_answer_and_one_log_record(
    start_bot: StartBot, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    first = await start_bot()
    await first.slash("summarize", option("text", ARTICLE))
    await first.bot.close()
    damage_pages(Path(settings.database))
    driver = await start_bot()

    with caplog.at_level(logging.ERROR, logger="bot.client"):
        answers = [
            _private_message(driver, await driver.slash("whosaid", option("quote", words)))
            for words in ("the night buses run", "who pays for the buses")
        ]

    assert answers == [DATABASE_DOWN, DATABASE_DOWN]
    logged = [r for r in caplog.records if r.name == "bot.client" and r.levelno >= logging.ERROR]
    assert len(logged) == 1 and "is corrupt" in logged[0].getMessage()
