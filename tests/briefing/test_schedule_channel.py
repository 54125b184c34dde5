"""``/briefing schedule channel:`` offers, and takes, only channels a briefing can be posted in."""

from __future__ import annotations

import pytest

from tests.briefing.test_cog import subcommand
from tests.discord.conftest import driver, fake_discord, settings, start_bot  # noqa: F401
from tests.discord.payloads import GUILD_ID, option, slash_command

TEXT, VOICE, CATEGORY, NEWS, STAGE, FORUM = 0, 2, 4, 5, 13, 15
"""Discord's channel type numbers."""
OTHER_CHANNEL = 710000000000000099


def schedule_option(registered: list[dict]) -> dict:
    (command,) = [c for c in registered if c["name"] == "briefing"]
    (schedule,) = [o for o in command["options"] if o["name"] == "schedule"]
    (channel,) = [o for o in schedule["options"] if o["name"] == "channel"]
    return channel


async def test_the_schedule_picker_offers_text_and_announcement_channels_only(
    driver,  # noqa: F811
    fake_discord,  # noqa: F811
):
    channel = schedule_option(fake_discord.commands[str(GUILD_ID)])
    assert channel["type"] == 7 and channel.get("required", False) is False
    assert sorted(channel["channel_types"]) == [TEXT, NEWS]
    local = schedule_option([c.to_dict(driver.bot.tree) for c in driver.bot.tree.get_commands()])
    assert sorted(local["channel_types"]) == [TEXT, NEWS]


def scheduled_in(channel_type: int, user_id: int) -> dict:
    """``/briefing schedule`` naming another channel of ``channel_type``, as Discord resolves it."""
    payload = slash_command(
        "briefing",
        subcommand(
            "schedule",
            option("time", "08:00"),
            option("timezone", "UTC"),
            option("channel", str(OTHER_CHANNEL), kind=7),
        ),
        user_id=user_id,
    )
    payload["data"]["resolved"] = {
        "channels": {
            str(OTHER_CHANNEL): {
                "id": str(OTHER_CHANNEL),
                "type": channel_type,
                "name": "elsewhere",
                "permissions": payload["app_permissions"],
                "guild_id": str(GUILD_ID),
                "parent_id": None,
                "flags": 0,
            }
        }
    }
    return payload


@pytest.mark.parametrize("channel_type", [VOICE, STAGE, FORUM, CATEGORY])
async def test_a_channel_a_briefing_cannot_go_to_is_refused_privately(
    driver,  # noqa: F811
    fake_discord,  # noqa: F811
    channel_type,
):
    payload = scheduled_in(channel_type, driver.user_id)
    await driver.send(payload)
    answer = fake_discord.original(payload)
    assert answer["content"] == "Briefings can go to text and announcement channels only."
    assert answer["flags"] & 64  # ephemeral
    assert await driver.bot.get_cog("Briefing").storage.schedules(GUILD_ID) == []


@pytest.mark.parametrize("channel_type", [TEXT, NEWS])
async def test_a_text_or_announcement_channel_gets_the_schedule(
    driver,  # noqa: F811
    fake_discord,  # noqa: F811
    channel_type,
):
    payload = scheduled_in(channel_type, driver.user_id)
    await driver.send(payload)
    assert f"scheduled in <#{OTHER_CHANNEL}>" in fake_discord.original(payload)["content"]
    (saved,) = await driver.bot.get_cog("Briefing").storage.schedules(GUILD_ID)
    assert saved.channel_id == OTHER_CHANNEL
