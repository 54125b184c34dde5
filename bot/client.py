"""The Discord bot class: it wires the service, the cogs and the one error handler together.

With ``BRIEFBOT_SHARD_COUNT`` set, ``create_bot`` makes the sharded bot (``ShardedBriefbot``),
which connects only this process's shards; other processes run the others against the same
PostgreSQL database.

Startup work happens once, in ``setup_hook`` (``on_ready`` runs again on every reconnect): open
the service (database and worker pool), load one extension per feature, and sync the
commands to the development server if one is configured. Global sync is a deliberate act
(``briefbot sync``), never a side effect of starting.

Every failure of a command, context menu or button reaches ``report_error``: a
``BriefbotError``, a cooldown or a missing permission becomes a short message; anything else is
a bug, logged with its context (never a token) and answered with an error id.

How an answer reaches the user depends on how far the interaction got (``reply`` and
``send_private``). Before any acknowledgement it is the interaction's own reply, private for an
error. After a "thinking…" deferral the answer, or the error, *edits* that placeholder: Discord
keeps the deferral's visibility for it whatever flags are sent (so the cogs check what they can
before deferring, and defer privately where the outcome is private). The placeholder is never
deleted to make room for a follow-up: Discord has answered such follow-ups with 10008 Unknown
Message.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import math
import os
import uuid
from typing import Any

import discord
from discord import app_commands
from discord.ext import commands

from bot.briefing.schedule import Clock, SystemClock
from bot.config import Settings
from bot.errors import BriefbotError
from bot.render import NO_MENTIONS, notice, permission_names
from bot.service import Service
from bot.store.sqlite_open import query_error

log = logging.getLogger(__name__)

EXTENSIONS = ("cogs.summarize", "cogs.quotes", "cogs.whosaid", "cogs.briefing")
"""One extension per feature; one that is not installed (yet) is skipped."""


class BriefbotTree(app_commands.CommandTree["Briefbot"]):
    """The command tree, with the bot's one error handler for commands and context menus."""

    async def on_error(
        self, interaction: discord.Interaction[Briefbot], error: app_commands.AppCommandError, /
    ) -> None:
        await interaction.client.report_error(interaction, error)


class Briefbot(commands.Bot):
    """Briefbot on Discord: default intents, mentions never allowed, the service on ``service``."""

    def __init__(
        self, settings: Settings, *, sync_on_start: bool = True, clock: Clock | None = None
    ) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=NO_MENTIONS,
            tree_cls=BriefbotTree,
            help_command=None,
            **self._shard_options(settings),
        )
        self.settings = settings
        self.sync_on_start = sync_on_start
        self.clock: Clock = clock or SystemClock()
        """Where scheduled work and the commands about it read the time (a test passes its own)."""
        self._service: Service | None = None

    @staticmethod
    def _shard_options(settings: Settings) -> dict[str, object]:
        return {}

    def holds_guild(self, guild_id: int) -> bool:
        """Whether this process's gateway shards hold a guild (Discord's rule: the shard is
        ``(guild_id >> 22) % shard_count``); one unsharded process holds them all."""
        count = self.settings.shard_count
        return not count or (guild_id >> 22) % count in self.settings.shards

    @property
    def service(self) -> Service:
        """The façade every cog calls; open from ``setup_hook`` until ``close``."""
        if self._service is None:
            raise RuntimeError("the service is not open: setup_hook has not run")
        return self._service

    async def setup_hook(self) -> None:
        self._service = await Service.open(self.settings)
        await self._start_workers()
        for name in EXTENSIONS:
            if importlib.util.find_spec(name) is None:
                log.info("extension %s is not installed; skipping it", name)
                continue
            await self.load_extension(name)
        # Several processes must not each sync at start: sharded, only `briefbot sync` does.
        if self.sync_on_start and self.settings.dev_guild_id and not self.settings.shard_count:
            synced = await self.sync_commands(self.settings.dev_guild_id)
            log.info("synced %d commands to guild %s", len(synced), self.settings.dev_guild_id)

    async def _start_workers(self) -> None:
        """Start every worker process (each loads spaCy) before the bot goes online.

        Worker processes otherwise start on first use, and starting one blocks the event loop
        for about a second, as does the first import of the analysis code (spaCy): better here,
        before the gateway connects, than in the middle of someone's command.
        """
        importlib.import_module("bot.jobs")
        pool = self.service.pool
        if pool.workers <= 0:
            return
        try:
            await asyncio.gather(*(pool.run(os.getpid) for _ in range(pool.workers)))
        except BriefbotError as error:
            log.warning("could not start the worker processes ahead of use: %s", error.message)

    async def sync_commands(self, guild_id: int | None = None) -> list[app_commands.AppCommand]:
        """Register the commands with Discord: in one server at once, or globally.

        A server sync copies the global commands there, so they appear immediately; a global
        sync can take up to an hour to reach every server.
        """
        if guild_id:
            guild = discord.Object(id=guild_id)
            self.tree.copy_global_to(guild=guild)
            return await self.tree.sync(guild=guild)
        return await self.tree.sync()

    async def close(self) -> None:
        try:
            await super().close()
        finally:
            if self._service is not None:
                service, self._service = self._service, None
                await service.close()

    async def report_error(self, interaction: discord.Interaction, error: BaseException) -> None:
        """Answer a failed interaction with a short message, whatever state it is in: private,
        except where it replaces the placeholder of a public deferral."""
        text = describe_error(interaction, error)
        try:
            await send_private(interaction, text)
        except discord.HTTPException:
            log.warning(
                "could not deliver an error message (%s) %s",
                text,
                interaction_context(interaction),
                exc_info=True,
            )


class ShardedBriefbot(Briefbot, commands.AutoShardedBot):
    """Briefbot running some of the bot's gateway shards (``BRIEFBOT_SHARD_COUNT`` in all,
    ``BRIEFBOT_SHARD_IDS`` here), one of several processes sharing a PostgreSQL database."""

    @staticmethod
    def _shard_options(settings: Settings) -> dict[str, object]:
        return {"shard_count": settings.shard_count, "shard_ids": list(settings.shards)}


def create_bot(settings: Settings, *, sync_on_start: bool = True) -> Briefbot:
    """The bot the settings ask for: sharded when ``BRIEFBOT_SHARD_COUNT`` is set."""
    if settings.shard_count:
        return ShardedBriefbot(settings, sync_on_start=sync_on_start)
    return Briefbot(settings, sync_on_start=sync_on_start)


def describe_error(interaction: discord.Interaction, error: BaseException) -> str:
    """The sentence a user sees for ``error``; unexpected errors are logged here with an id."""
    if isinstance(error, app_commands.CommandInvokeError):
        error = error.original
    if isinstance(error, BriefbotError):
        return error.message
    failure = query_error(getattr(interaction.client, "settings", Settings()).database, error)
    if failure is not None:
        _log_database_failure_once(failure, error)
        return DATABASE_DOWN
    if isinstance(error, app_commands.CommandOnCooldown):
        wait = math.ceil(error.retry_after)
        return f"Slow down a little: you can use this command again in {wait} s."
    if isinstance(error, app_commands.MissingPermissions):
        return f"You need the {permission_names(error.missing_permissions)} permission for that."
    if isinstance(error, app_commands.BotMissingPermissions):
        names = permission_names(error.missing_permissions)
        return f"I need the {names} permission in this channel for that."
    if isinstance(error, app_commands.NoPrivateMessage):
        return "This command only works in a server."
    if isinstance(error, app_commands.TransformerError):
        return f"“{error.value}” is not a valid value for that option."
    if isinstance(error, app_commands.CheckFailure):
        return "You can't use this command here."
    error_id = uuid.uuid4().hex[:8]
    log.error(
        "unexpected error %s %s",
        error_id,
        interaction_context(interaction),
        exc_info=(type(error), error, error.__traceback__),
    )
    return f"Sorry, something went wrong on my side (error id `{error_id}`)."


DATABASE_DOWN = "My database cannot be read right now; the bot's operator has been told."
_database_failures: set[str] = set()


def _log_database_failure_once(failure: BriefbotError, error: BaseException) -> None:
    """A corrupt page fails every query that touches it: the operator needs it in the log once,
    not once per user who asked."""
    if failure.message in _database_failures:
        return
    _database_failures.add(failure.message)
    log.error("%s", failure.message, exc_info=(type(error), error, error.__traceback__))


def interaction_context(interaction: discord.Interaction) -> str:
    """Where an interaction came from, for logs: ids and the command, never its token."""
    command = interaction.command.qualified_name if interaction.command else None
    custom_id = (interaction.data or {}).get("custom_id")
    return (
        f"(type={interaction.type.name} command={command} custom_id={custom_id} "
        f"guild={interaction.guild_id} channel={interaction.channel_id} "
        f"user={interaction.user.id} interaction={interaction.id})"
    )


PLACEHOLDER_REPLACED = "briefbot:placeholder-replaced"
"""Set in ``Interaction.extras`` once the "thinking…" placeholder holds an answer. Every answer
after a deferral goes through ``reply``, so this is known without asking Discord."""


def _placeholder_waiting(interaction: discord.Interaction) -> bool:
    """Whether the interaction shows a "thinking…" placeholder no answer has replaced yet."""
    return (
        interaction.response.type is discord.InteractionResponseType.deferred_channel_message
        and not interaction.extras.get(PLACEHOLDER_REPLACED)
    )


async def reply(
    interaction: discord.Interaction, *, ephemeral: bool = False, **message: Any
) -> None:
    """Send an answer: the interaction's reply, the edit of its "thinking…" placeholder, or,
    once that holds an answer, a further message.

    Discord documents the first follow-up after a deferral as an edit of the placeholder that
    keeps the deferral's visibility (and calls that use deprecated), so the placeholder is
    edited outright; ``ephemeral`` matters only for the reply and for further messages.
    """
    if not interaction.response.is_done():
        await interaction.response.send_message(ephemeral=ephemeral, **message)
    elif _placeholder_waiting(interaction):
        await interaction.edit_original_response(**message)
        interaction.extras[PLACEHOLDER_REPLACED] = True
    else:
        await interaction.followup.send(ephemeral=ephemeral, **message)


async def send_private(interaction: discord.Interaction, text: str) -> None:
    """Send ``text`` as an error: privately, or in place of the "thinking…" placeholder.

    The placeholder is edited, never deleted: a follow-up after deleting it has failed with
    10008 Unknown Message, and the user would see "thinking…" vanish and nothing else. Its
    visibility is the deferral's, so the cogs refuse what they can before deferring.
    """
    await reply(interaction, content=notice(text), ephemeral=True, allowed_mentions=NO_MENTIONS)
