"""``briefbot run`` starts the Discord bot; ``briefbot sync`` registers its commands and exits.

Commands are registered only on purpose: ``run`` syncs to ``BRIEFBOT_DEV_GUILD_ID`` when one is
set (instant, for development), and ``sync`` pushes them to one server or to every server
(global commands can take up to an hour to appear).
"""

from __future__ import annotations

import argparse
import asyncio
import logging

import aiohttp
import discord

from bot.cli.options import int_between
from bot.config import Settings
from bot.errors import ConfigError, UnreachableError

log = logging.getLogger(__name__)

NO_TOKEN = (
    "DISCORD_TOKEN is not set. Create a bot at https://discord.com/developers/applications "
    "(Bot → Reset Token), put DISCORD_TOKEN=<token> in .env, then run `briefbot run` again."
)

BAD_TOKEN = "Discord rejected DISCORD_TOKEN; copy the bot's token again (Bot → Reset Token)."

UNREACHABLE = "Discord cannot be reached ({reason}); check the network connection and try again."

MAX_SNOWFLAKE = 2**63 - 1
"""The largest Discord id (a signed 64-bit number)."""


def register(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser("run", help="start the Discord bot (needs DISCORD_TOKEN)")
    run.set_defaults(handler=_run)
    sync = subparsers.add_parser("sync", help="register the slash commands with Discord, then exit")
    sync.add_argument(
        "--guild",
        type=int_between(1, MAX_SNOWFLAKE),
        metavar="ID",
        help="only this server (appears at once); default: global",
    )
    sync.set_defaults(handler=_sync)


def _token(settings: Settings) -> str:
    if not settings.discord_token.strip():
        raise ConfigError(NO_TOKEN)
    return settings.discord_token.strip()


def _run(args: argparse.Namespace, settings: Settings) -> int:
    token = _token(settings)
    asyncio.run(_serve(settings, token))
    return 0


async def _serve(settings: Settings, token: str) -> None:
    from bot.client import create_bot

    async with create_bot(settings) as bot:
        try:
            await bot.start(token)
        except discord.LoginFailure:
            raise ConfigError(BAD_TOKEN) from None
        except (aiohttp.ClientConnectionError, TimeoutError) as error:
            raise UnreachableError(UNREACHABLE.format(reason=_reason(error))) from None


def _sync(args: argparse.Namespace, settings: Settings) -> int:
    token = _token(settings)
    names = asyncio.run(_sync_commands(settings, token, args.guild))
    where = f"server {args.guild}" if args.guild else "every server (may take up to an hour)"
    print(f"Synced {len(names)} commands to {where}: {', '.join(names)}")
    return 0


async def _sync_commands(settings: Settings, token: str, guild_id: int | None) -> list[str]:
    """Log in over HTTP only (no gateway), push the command tree, log out."""
    from bot.client import Briefbot

    async with Briefbot(settings, sync_on_start=False) as bot:
        try:
            await bot.login(token)
        except discord.LoginFailure:
            raise ConfigError(BAD_TOKEN) from None
        except (aiohttp.ClientConnectionError, TimeoutError) as error:
            raise UnreachableError(UNREACHABLE.format(reason=_reason(error))) from None
        try:
            synced = await bot.sync_commands(guild_id)
        except discord.HTTPException as error:
            raise ConfigError(_refusal(guild_id, error)) from None
    return [command.name for command in synced]


def _refusal(guild_id: int | None, error: discord.HTTPException) -> str:
    """Why Discord would not take the commands, and what to do about it."""
    where = f"server {guild_id}" if guild_id else "every server"
    text = f"Discord refused the commands for {where} ({error.status}: {error.text or 'no reason'})"
    if isinstance(error, discord.Forbidden) and guild_id:
        return f"{text}; invite the bot to that server with the applications.commands scope."
    return f"{text}."


def _reason(error: Exception) -> str:
    """A short cause for a failed connection, without a traceback."""
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return "its name does not resolve"
    if isinstance(error, TimeoutError):
        return "timed out"
    return "the connection failed"
