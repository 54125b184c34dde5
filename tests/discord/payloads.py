"""Gateway ``INTERACTION_CREATE`` payloads shaped the way Discord sends them (API v10).

Only what Discord really sends goes in: snowflakes as strings, ``member`` in a server and
``user`` in DMs, ``resolved`` objects for attachments and messages, ``focused`` on the option
being typed for autocomplete, the clicked message for a component.
"""

from __future__ import annotations

import itertools
import time
from typing import Any

APPLICATION_ID = 900000000000000001
BOT_USER_ID = APPLICATION_ID
GUILD_ID = 700000000000000001
CHANNEL_ID = 710000000000000001
DM_CHANNEL_ID = 720000000000000001
USER_ID = 800000000000000001
ALL_PERMISSIONS = str((1 << 50) - 1)

DISCORD_EPOCH_MS = 1_420_070_400_000
_sequence = itertools.count()


def snowflake() -> str:
    """A fresh id carrying the current time, as Discord's do (cooldowns read that time)."""
    millis = int(time.time() * 1000) - DISCORD_EPOCH_MS
    return str((millis << 22) | (next(_sequence) % (1 << 22)))


def user_payload(user_id: int = USER_ID, name: str = "reader", *, bot: bool = False) -> dict:
    return {
        "id": str(user_id),
        "username": name,
        "global_name": name.title(),
        "discriminator": "0",
        "avatar": None,
        "public_flags": 0,
        "bot": bot,
    }


def bot_user_payload() -> dict:
    return user_payload(BOT_USER_ID, "briefbot", bot=True)


def _context(
    *, guild_id: int | None, user_id: int, permissions: str = ALL_PERMISSIONS
) -> dict[str, Any]:
    """Who is asking and where: a member in a server channel, or a user in their DMs."""
    user = user_payload(user_id)
    if guild_id is None:
        return {
            "user": user,
            "channel_id": str(DM_CHANNEL_ID),
            "channel": {"id": str(DM_CHANNEL_ID), "type": 1, "recipients": [user]},
            "context": 1,
            "authorizing_integration_owners": {"1": str(user_id)},
        }
    return {
        "guild_id": str(guild_id),
        "guild": {"id": str(guild_id), "locale": "en-US", "features": []},
        "guild_locale": "en-US",
        "channel_id": str(CHANNEL_ID),
        "channel": {
            "id": str(CHANNEL_ID),
            "type": 0,
            "guild_id": str(guild_id),
            "name": "news",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": False,
            "parent_id": None,
            "flags": 0,
            "permissions": permissions,
        },
        "member": {
            "user": user,
            "roles": [],
            "joined_at": "2026-01-01T00:00:00+00:00",
            "deaf": False,
            "mute": False,
            "flags": 0,
            "pending": False,
            "nick": None,
            "avatar": None,
            "permissions": permissions,
        },
        "context": 0,
        "authorizing_integration_owners": {"0": str(guild_id)},
    }


def _interaction(kind: int, data: dict, *, guild_id: int | None, user_id: int, **extra) -> dict:
    payload = {
        "id": snowflake(),
        "application_id": str(APPLICATION_ID),
        "type": kind,
        "data": data,
        "token": f"itoken-{snowflake()}",
        "version": 1,
        "locale": "en-US",
        "app_permissions": ALL_PERMISSIONS,
        "entitlements": [],
        "attachment_size_limit": 10_485_760,
        **_context(guild_id=guild_id, user_id=user_id),
    }
    payload.update(extra)
    return payload


def option(name: str, value: Any, kind: int = 3, *, focused: bool = False) -> dict:
    """A command option; kind 3 string, 4 integer, 5 boolean, 11 attachment."""
    entry = {"name": name, "type": kind, "value": value}
    if focused:
        entry["focused"] = True
    return entry


def attachment(
    url: str, filename: str, size: int, content_type: str | None = None
) -> dict[str, Any]:
    """A resolved attachment object; ``url`` is where discord.py will download it from."""
    entry: dict[str, Any] = {
        "id": snowflake(),
        "filename": filename,
        "size": size,
        "url": url,
        "proxy_url": url,
    }
    if content_type:
        entry["content_type"] = content_type
    return entry


def slash_command(
    name: str,
    options: list[dict] | None = None,
    *,
    attachments: list[dict] | None = None,
    guild_id: int | None = GUILD_ID,
    user_id: int = USER_ID,
    autocomplete: bool = False,
) -> dict:
    """A chat-input command (type 2) or its autocomplete request (type 4)."""
    data: dict[str, Any] = {
        "id": snowflake(),
        "name": name,
        "type": 1,
        "options": options or [],
    }
    if attachments:
        data["resolved"] = {"attachments": {a["id"]: a for a in attachments}}
    return _interaction(4 if autocomplete else 2, data, guild_id=guild_id, user_id=user_id)


def message_payload(
    content: str,
    *,
    message_id: str | None = None,
    channel_id: int = CHANNEL_ID,
    author: dict | None = None,
    attachments: list[dict] | None = None,
    embeds: list[dict] | None = None,
    components: list[dict] | None = None,
    flags: int = 0,
) -> dict:
    """A message object as Discord serialises it."""
    return {
        "id": message_id or snowflake(),
        "channel_id": str(channel_id),
        "author": author or user_payload(USER_ID + 7, "newsdesk"),
        "content": content,
        "timestamp": "2026-11-26T08:00:00.000000+00:00",
        "edited_timestamp": None,
        "tts": False,
        "mention_everyone": False,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments or [],
        "embeds": embeds or [],
        "components": components or [],
        "pinned": False,
        "type": 0,
        "flags": flags,
    }


def message_command(
    name: str, message: dict, *, guild_id: int | None = GUILD_ID, user_id: int = USER_ID
) -> dict:
    """A message context-menu command (type 2, command type 3) on ``message``."""
    data = {
        "id": snowflake(),
        "name": name,
        "type": 3,
        "target_id": message["id"],
        "resolved": {"messages": {message["id"]: message}},
    }
    return _interaction(2, data, guild_id=guild_id, user_id=user_id)


def button_click(
    custom_id: str, message: dict, *, guild_id: int | None = GUILD_ID, user_id: int = USER_ID
) -> dict:
    """A button press (type 3) on ``message``, which carries the button."""
    data = {"custom_id": custom_id, "component_type": 2}
    return _interaction(3, data, guild_id=guild_id, user_id=user_id, message=message)
