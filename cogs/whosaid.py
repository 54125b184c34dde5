"""``/whosaid`` and the "Who said this?" message command: find a quote's speaker."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import Briefbot, reply
from bot.errors import BriefbotError, InputError, NotFoundError
from bot.input_checks import check_quote, check_quoted_message
from bot.render import NO_MENTIONS, choice_name, whosaid_embed
from cogs.context import per_user_cooldown, scope_of

log = logging.getLogger(__name__)

QUERY_LIMIT = 500
"""Longest quote looked up; a quote is a sentence or two, not an article."""

NO_QUOTES_HERE = (
    "No quote like that in the articles submitted here: none has any quotes yet. "
    "Summarize an article with `/summarize` first."
)


class WhoSaid(commands.Cog):
    """Who said it: a quote looked up among the articles submitted here."""

    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name="Who said this?", callback=self.whosaid_message)
        app_commands.checks.dynamic_cooldown(per_user_cooldown)(self.menu)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.command(name="whosaid", description="Find who said a quote in the articles here.")
    @app_commands.describe(quote="The words you remember (start typing for suggestions)")
    @app_commands.checks.dynamic_cooldown(per_user_cooldown)
    async def whosaid(
        self, interaction: discord.Interaction, quote: app_commands.Range[str, 3, QUERY_LIMIT]
    ) -> None:
        check_quote(quote)
        await self._answer(interaction, quote)

    @whosaid.autocomplete("quote")
    async def quote_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """Stored quotes of this server (or DM) that start with, or contain, what is typed."""
        try:
            quotes = await self.bot.service.suggest_quotes(scope_of(interaction), current, 25)
        except BriefbotError:
            log.warning("quote autocomplete failed", exc_info=True)
            return []
        choices: dict[str, app_commands.Choice[str]] = {}
        for text in quotes:
            label = choice_name(text)
            choices.setdefault(label, app_commands.Choice(name=label, value=label))
        return list(choices.values())[:25]

    async def whosaid_message(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        """Look the chosen message's text up as a quote."""
        text = " ".join(message.content.split())
        if not text:
            raise InputError("That message has no text to look up.")
        check_quoted_message(text)
        await self._answer(interaction, text[:QUERY_LIMIT])

    async def _answer(self, interaction: discord.Interaction, query: str) -> None:
        """Look ``query`` up; a scope with no quotes at all is told so before deferring."""
        scope = scope_of(interaction)
        if not await self.bot.service.suggest_quotes(scope, "", 1):
            raise NotFoundError(NO_QUOTES_HERE)
        await interaction.response.defer(thinking=True)
        answer = await self.bot.service.whosaid(query, scope, limit=3)
        if not answer.matches and not answer.near_misses:
            raise NotFoundError("No quote like that in the articles submitted here.")
        await reply(interaction, embed=whosaid_embed(answer), allowed_mentions=NO_MENTIONS)


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(WhoSaid(bot))
