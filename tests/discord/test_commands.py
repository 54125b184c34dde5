"""A static walk over every command: names, descriptions and option limits as Discord sees them.

The commands are read from what the bot registered with the fake Discord (discord.py's real
serialisation), so a limit that only exists in a decorator but never reaches Discord fails here.
"""

from __future__ import annotations

import re

import pytest

from tests.discord.harness import BotDriver
from tests.discord.payloads import GUILD_ID

NAME = re.compile(r"^[-_a-z0-9]{1,32}$")
SUBCOMMAND, GROUP, STRING, INTEGER, BOOLEAN, NUMBER, ATTACHMENT = 1, 2, 3, 4, 5, 10, 11


def _registered(driver: BotDriver) -> dict[str, dict]:
    return {c["name"]: c for c in driver.fake.commands[str(GUILD_ID)]}


def _options(command: dict) -> dict[str, dict]:
    return {o["name"]: o for o in command.get("options", [])}


def _check_command(command: dict) -> list[str]:
    """Assert a registered command is well formed; returns the paths of the options checked.

    Groups and subcommands are walked down to their options, so ``/briefing feeds add url``
    is held to the same rules as ``/summarize url``.
    """
    if command["type"] != 1:
        assert command["type"] == 3, "the menus act on messages"
        assert 1 <= len(command["name"]) <= 32
        return []
    assert NAME.match(command["name"])
    assert 10 <= len(command["description"]) <= 100, command["name"]
    return _check_options(command["name"], command.get("options", []))


def _check_options(path: str, options: list[dict]) -> list[str]:
    checked = []
    for option in options:
        where = f"{path} {option['name']}"
        assert NAME.match(option["name"]), where
        if option["type"] in (SUBCOMMAND, GROUP):
            assert 10 <= len(option["description"]) <= 100, where
            checked += _check_options(where, option.get("options", []))
            continue
        assert 5 <= len(option["description"]) <= 100, where
        if option["type"] == STRING:
            assert 1 <= option.get("max_length", 0) <= 6000, where
        if option["type"] in (INTEGER, NUMBER):
            assert "min_value" in option and "max_value" in option, where
        checked.append(where)
    return checked


async def test_every_command_is_named_described_and_bounded(driver: BotDriver) -> None:
    commands = _registered(driver)

    assert set(commands) >= {"summarize", "quotes", "whosaid", "Summarize", "Who said this?"}
    checked = [path for command in commands.values() for path in _check_command(command)]
    assert {"summarize url", "quotes article", "whosaid quote"} <= set(checked)
    assert {
        "briefing now hours",
        "briefing schedule time",
        "briefing schedule timezone",
        "briefing feeds add url",
        "briefing feeds remove feed",
    } <= set(checked)


def test_the_walk_reaches_the_options_of_subcommands_in_groups() -> None:
    unbounded = {"name": "url", "type": STRING, "description": "The feed's address"}
    undescribed = {"name": "hours", "type": INTEGER, "description": "", "min_value": 1}
    for option in (unbounded, undescribed):
        subcommand = {"name": "add", "type": SUBCOMMAND, "description": "Add a thing here."}
        group = {"name": "feeds", "type": GROUP, "description": "Feeds for the briefing"}
        command = {
            "name": "briefing",
            "type": 1,
            "description": "Daily briefings",
            "options": [{**group, "options": [{**subcommand, "options": [option]}]}],
        }
        with pytest.raises(AssertionError, match="briefing feeds add"):
            _check_command(command)


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
