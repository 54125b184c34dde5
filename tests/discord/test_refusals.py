"""Input that can be refused without a worker is refused before "thinking…", privately.

Each of these once showed "thinking…" and then nothing: the bot deleted the placeholder and
its follow-up met 10008 Unknown Message. They now never get as far as a deferral.
"""

from __future__ import annotations

import discord
import pytest
from discord import app_commands

from tests.discord.articles import ARTICLE
from tests.discord.harness import BotDriver, refused_privately
from tests.discord.payloads import GUILD_ID, attachment, message_payload, option

ONE_SENTENCE = "The council met on Monday and agreed to fund six more night buses."


async def _summarize_file(driver: BotDriver, name: str, data: bytes) -> dict:
    url = driver.fake.serve_file(name, data, "text/plain")
    file = attachment(url, name, len(data), "text/plain")
    return await driver.slash("summarize", option("file", file["id"], 11), attachments=[file])


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("   ", "The text is empty"),
        (ONE_SENTENCE, "single sentence"),
        ("lol no way this is real", "no sentence punctuation"),
    ],
    ids=["whitespace", "one-sentence", "no-punctuation"],
)
async def test_text_that_cannot_be_summarized_is_refused_at_once(
    driver: BotDriver, text: str, said: str
) -> None:
    payload = await driver.slash("summarize", option("text", text))

    assert said in refused_privately(driver, payload)


@pytest.mark.parametrize(
    ("name", "data", "said"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"  \n\n ", "is empty"),
        ("binary.txt", b"\x00\x01\x02\x03binary\x00" * 40, "binary"),
        ("huge.txt", (ARTICLE + "\n") * 230, "the limit is 200,000"),
        ("short.txt", ONE_SENTENCE.encode(), "single sentence"),
        ("fake.pdf", b"<html>not a pdf</html>", "not a PDF"),
    ],
    ids=["empty", "blank", "binary", "300k-characters", "one-sentence", "not-a-pdf"],
)
async def test_a_file_that_cannot_be_summarized_is_refused_at_once(
    driver: BotDriver, name: str, data: bytes | str, said: str
) -> None:
    data = data.encode() if isinstance(data, str) else data
    if name == "huge.txt":
        assert len(data.decode()) > 300_000

    payload = await _summarize_file(driver, name, data)

    assert said in refused_privately(driver, payload)


async def test_an_article_id_this_server_does_not_have_is_refused_at_once(
    driver: BotDriver,
) -> None:
    payload = await driver.slash("quotes", option("article", "99999"))

    assert refused_privately(driver, payload) == "There is no article #99999 here."


@pytest.mark.parametrize("command", ["quotes", "summarize"])
async def test_a_link_the_address_rules_refuse_is_refused_at_once(
    driver: BotDriver, command: str
) -> None:
    payload = await driver.slash(command, option("url", "http://localhost/admin"))

    assert "local or internal host" in refused_privately(driver, payload)


async def test_summarize_on_a_message_saying_lol_is_refused_at_once(driver: BotDriver) -> None:
    payload = await driver.menu("Summarize", message_payload("lol"))

    assert "no sentence punctuation" in refused_privately(driver, payload)


async def test_summarize_on_a_message_whose_only_link_is_refused(driver: BotDriver) -> None:
    payload = await driver.menu("Summarize", message_payload("look http://192.168.1.1/x"))

    assert "private or reserved address" in refused_privately(driver, payload)


async def test_who_said_this_on_a_message_saying_lol_says_the_message_is_too_short(
    driver: BotDriver,
) -> None:
    payload = await driver.menu("Who said this?", message_payload("lol"))

    text = refused_privately(driver, payload)
    assert text.startswith("That message is too short to look up")
    assert "you remember" not in text, "the user typed nothing; the message's author did"


async def test_whosaid_with_too_few_words_is_refused_at_once(driver: BotDriver) -> None:
    payload = await driver.slash("whosaid", option("quote", "safe ride"))

    assert "at least 3 words" in refused_privately(driver, payload)


async def test_whosaid_in_a_server_with_no_quotes_is_refused_at_once(driver: BotDriver) -> None:
    await driver.slash("summarize", option("text", ARTICLE), guild_id=GUILD_ID + 1)

    payload = await driver.slash("whosaid", option("quote", "deserve a safe ride home"))

    assert refused_privately(driver, payload).startswith("No quote like that")


async def test_the_fake_discord_refuses_a_follow_up_after_the_placeholder_was_deleted(
    driver: BotDriver,
) -> None:
    """The order the bot once used, against the fake: it must fail as Discord has failed it."""
    outcome: list[BaseException | None] = []

    @app_commands.command(name="oldorder", description="Deletes its placeholder, then follows up")
    async def old_order(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True)
        await interaction.delete_original_response()
        try:
            await interaction.followup.send("too late", ephemeral=True)
            outcome.append(None)
        except discord.NotFound as error:
            outcome.append(error)

    driver.bot.tree.add_command(old_order)
    await driver.slash("oldorder")

    [error] = outcome
    assert isinstance(error, discord.NotFound) and error.code == 10008


@pytest.mark.parametrize("ephemeral_deferral", [False, True])
async def test_the_fake_discord_keeps_the_deferrals_visibility_for_the_first_follow_up(
    driver: BotDriver, ephemeral_deferral: bool
) -> None:
    """Discord documents that the first follow-up after a deferral edits the loading message
    and ignores its ephemeral flag; the second follow-up is a message of its own."""

    @app_commands.command(name="twoanswers", description="Defers, then follows up twice")
    async def two_answers(interaction: discord.Interaction) -> None:
        await interaction.response.defer(thinking=True, ephemeral=ephemeral_deferral)
        await interaction.followup.send("first", ephemeral=not ephemeral_deferral)
        await interaction.followup.send("second", ephemeral=True)

    driver.bot.tree.add_command(two_answers)
    payload = await driver.slash("twoanswers")

    original = driver.fake.original(payload)
    assert original["content"] == "first"
    assert bool(original["flags"] & 64) is ephemeral_deferral
    [second] = driver.fake.followups(payload)
    assert second["content"] == "second" and second["flags"] & 64
