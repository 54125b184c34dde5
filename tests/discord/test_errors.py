"""Every expected failure reaches the user as a short message; a bug as an apology with an id.

What can be refused from the input alone is refused before "thinking…", as a private reply.
A failure after a deferral edits the placeholder into the error, keeping the deferral's
visibility; the placeholder is never deleted to make room for a follow-up.
"""

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
from tests.discord.harness import BotDriver, error_in_placeholder, refused_privately
from tests.discord.payloads import ALL_PERMISSIONS, option, slash_command
from tests.store.damage import damage_pages


async def test_a_failure_after_deferring_edits_the_placeholder_into_the_error(
    driver: BotDriver,
) -> None:
    url = driver.fake.base_url + "/files/missing.html"

    payload = await driver.slash("summarize", option("url", url))

    message = error_in_placeholder(driver, payload)
    assert "404" in message["content"]
    assert not message["flags"] & 64, "visibility follows the public deferral"


async def test_a_failure_after_a_private_deferral_stays_private(driver: BotDriver) -> None:
    url = driver.fake.base_url + "/files/missing.html"

    payload = await driver.slash("summarize", option("url", url), option("private", True, 5))

    assert error_in_placeholder(driver, payload)["flags"] & 64


async def test_blocked_address_is_refused_before_deferring(driver: BotDriver) -> None:
    payload = await driver.slash("summarize", option("url", "http://10.1.2.3/news/story"))

    assert "private" in refused_privately(driver, payload).lower()


async def test_a_link_to_an_image_is_not_an_article(driver: BotDriver) -> None:
    url = driver.fake.serve_file("photo.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")

    payload = await driver.slash("summarize", option("url", url))

    assert "not an article" in error_in_placeholder(driver, payload)["content"]


async def test_a_full_queue_says_busy(start_bot: StartBot) -> None:
    driver = await start_bot(worker_queue=0)

    payload = await driver.slash("summarize", option("text", ARTICLE))

    assert "busy" in error_in_placeholder(driver, payload)["content"].lower()


async def test_an_analysis_that_runs_too_long_fails_alone(start_bot: StartBot) -> None:
    driver = await start_bot(analysis_timeout=0.001)

    payload = await driver.slash("summarize", option("text", ARTICLE))

    assert "took too long" in error_in_placeholder(driver, payload)["content"]


async def test_too_long_text_is_refused_with_the_limit(start_bot: StartBot) -> None:
    driver = await start_bot(max_text_chars=500)

    payload = await driver.slash("summarize", option("text", ARTICLE))

    assert "the limit is 500" in refused_privately(driver, payload)


async def test_cooldown_tells_the_remaining_time(start_bot: StartBot) -> None:
    driver = await start_bot(cooldown_uses=1, cooldown_seconds=30.0)
    await driver.slash("whosaid", option("quote", "safe ride home"))

    payload = await driver.slash("whosaid", option("quote", "safe ride home"))

    text = refused_privately(driver, payload)
    seconds = int(re.search(r"again in (\d+) s", text)[1])
    assert 25 <= seconds <= 30


async def test_missing_permissions_are_named_as_discord_names_them(driver: BotDriver) -> None:
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

    assert refused_privately(driver, user) == "You need the Manage Server permission for that."
    assert "I need the Embed Links permission" in refused_privately(driver, bot)


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

    text = refused_privately(driver, payload)
    error_id = re.search(r"error id `(\w+)`", text)[1]
    [record] = [r for r in caplog.records if error_id in r.getMessage()]
    assert f"user={driver.user_id}" in record.getMessage()
    assert "command=explode" in record.getMessage()
    assert record.exc_info[0] is ZeroDivisionError
    logged = caplog.text
    assert payload["token"] not in logged and "test-token" not in logged


async def test_a_bug_after_deferring_puts_its_error_id_in_the_placeholder(
    driver: BotDriver, caplog: pytest.LogCaptureFixture
) -> None:
    @app_commands.command(name="slowbug", description="Fails like a bug would, after deferring")
    async def slowbug(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True, ephemeral=True)
        raise ZeroDivisionError("bug")

    driver.bot.tree.add_command(slowbug)
    payload = slash_command("slowbug", user_id=driver.user_id)

    with caplog.at_level(logging.ERROR, logger="bot.client"):
        await driver.send(payload)

    message = error_in_placeholder(driver, payload)
    assert message["flags"] & 64
    error_id = re.search(r"error id `(\w+)`", message["content"])[1]
    assert any(error_id in r.getMessage() for r in caplog.records)


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
            refused_privately(driver, await driver.slash("whosaid", option("quote", words)))
            for words in ("the night buses run", "who pays for the buses")
        ]

    assert answers == [DATABASE_DOWN, DATABASE_DOWN]
    logged = [r for r in caplog.records if r.name == "bot.client" and r.levelno >= logging.ERROR]
    assert len(logged) == 1 and "is corrupt" in logged[0].getMessage()
