"""The Discord bot class: it wires the service, the cogs and the one error handler together.

Startup work happens once, in ``setup_hook`` (``on_ready`` runs again on every reconnect):
open the service (database and worker pool), load one extension per feature, and sync the
commands to the development server if one is configured. Global sync is a deliberate act
(``briefbot sync``), never a side effect of starting.

Every failure of a command, context menu or button reaches ``report_error``: a
``BriefbotError``, a cooldown or a missing permission becomes a short private message; anything
else is a bug, logged with its context (never a token) and answered with an error id.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import math
import os
import uuid

import discord
from discord import app_commands
from discord.ext import commands

from bot.config import Settings
from bot.errors import BriefbotError
from bot.render import NO_MENTIONS, notice
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

    def __init__(self, settings: Settings, *, sync_on_start: bool = True) -> None:
        super().__init__(
            command_prefix=commands.when_mentioned,
            intents=discord.Intents.default(),
            allowed_mentions=NO_MENTIONS,
            tree_cls=BriefbotTree,
            help_command=None,
        )
        self.settings = settings
        self.sync_on_start = sync_on_start
        self._service: Service | None = None

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
        if self.sync_on_start and self.settings.dev_guild_id:
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
        """Answer a failed interaction with a short private message, whatever state it is in."""
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
        return f"You need the {_permission_names(error.missing_permissions)} permission for that."
    if isinstance(error, app_commands.BotMissingPermissions):
        names = _permission_names(error.missing_permissions)
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


def _permission_names(permissions: list[str]) -> str:
    return ", ".join(name.replace("_", " ").title() for name in permissions)


def interaction_context(interaction: discord.Interaction) -> str:
    """Where an interaction came from, for logs: ids and the command, never its token."""
    command = interaction.command.qualified_name if interaction.command else None
    custom_id = (interaction.data or {}).get("custom_id")
    return (
        f"(type={interaction.type.name} command={command} custom_id={custom_id} "
        f"guild={interaction.guild_id} channel={interaction.channel_id} "
        f"user={interaction.user.id} interaction={interaction.id})"
    )


async def send_private(interaction: discord.Interaction, text: str) -> None:
    """Send ``text`` only the user sees, as the interaction's reply or as a follow-up.

    A deferred command still showing "thinking…" publicly would turn the first follow-up into
    a public message, so that placeholder is deleted first.
    """
    text = notice(text)
    if not interaction.response.is_done():
        await interaction.response.send_message(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
        return
    if interaction.response.type is discord.InteractionResponseType.deferred_channel_message:
        original = await interaction.original_response()
        if original.flags.loading:
            await original.delete()
    await interaction.followup.send(text, ephemeral=True, allowed_mentions=NO_MENTIONS)
