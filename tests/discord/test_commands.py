"""A static walk over every command: names, descriptions and option limits as Discord sees them.

The commands are read from what the bot registered with the fake Discord (discord.py's real
serialisation), so a limit that only exists in a decorator but never reaches Discord fails here.
"""

from __future__ import annotations

import re

from tests.discord.harness import BotDriver
from tests.discord.payloads import GUILD_ID

NAME = re.compile(r"^[-_a-z0-9]{1,32}$")
STRING, INTEGER, BOOLEAN, ATTACHMENT = 3, 4, 5, 11


def _registered(driver: BotDriver) -> dict[str, dict]:
    return {c["name"]: c for c in driver.fake.commands[str(GUILD_ID)]}


def _options(command: dict) -> dict[str, dict]:
    return {o["name"]: o for o in command.get("options", [])}


async def test_every_command_is_named_described_and_bounded(driver: BotDriver) -> None:
    commands = _registered(driver)

    assert set(commands) >= {"summarize", "quotes", "whosaid", "Summarize", "Who said this?"}
    for command in commands.values():
        if command["type"] == 1:
            assert NAME.match(command["name"])
            assert 10 <= len(command["description"]) <= 100
            for option in command.get("options", []):
                assert NAME.match(option["name"])
                assert 5 <= len(option["description"]) <= 100, option
                if option["type"] == STRING:
                    assert 1 <= option.get("max_length", 0) <= 6000, option
        else:
            assert command["type"] == 3, "the menus act on messages"
            assert 1 <= len(command["name"]) <= 32


async def test_summarize_options_and_limits(driver: BotDriver) -> None:
    options = _options(_registered(driver)["summarize"])

    assert list(options) == ["url", "text", "file", "sentences", "private"]
    assert not any(o.get("required") for o in options.values())
    assert options["url"]["type"] == STRING and options["url"]["max_length"] == 2000
    assert options["text"]["type"] == STRING and options["text"]["max_length"] == 6000
    assert options["file"]["type"] == ATTACHMENT
    assert options["sentences"]["type"] == INTEGER
    assert (options["sentences"]["min_value"], options["sentences"]["max_value"]) == (1, 10)
    assert options["private"]["type"] == BOOLEAN


async def test_quotes_and_whosaid_options_and_autocomplete(driver: BotDriver) -> None:
    quotes = _options(_registered(driver)["quotes"])
    whosaid = _options(_registered(driver)["whosaid"])

    assert list(quotes) == ["url", "article", "private"]
    assert quotes["article"]["autocomplete"] is True
    assert quotes["article"]["max_length"] == 100
    assert list(whosaid) == ["quote"]
    assert whosaid["quote"]["required"] is True and whosaid["quote"]["autocomplete"] is True
    assert (whosaid["quote"]["min_length"], whosaid["quote"]["max_length"]) == (3, 500)


async def test_the_tree_and_the_registered_commands_agree(driver: BotDriver) -> None:
    tree = {c.name for c in driver.bot.tree.get_commands()}
    assert tree == set(_registered(driver))
