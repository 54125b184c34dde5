"""``/quotes``: the key quotes and who-said-what digest of a link or of a recent article here."""

from __future__ import annotations

import logging

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import Briefbot, reply
from bot.errors import BriefbotError, InputError
from bot.input_checks import check_link
from bot.render import choice_name
from bot.service import AnalysisResult
from cogs.context import per_user_cooldown, scope_of, submitter_of
from cogs.pages import page_message

log = logging.getLogger(__name__)


class Quotes(commands.Cog):
    """Quote digests: what was said in an article, and by whom."""

    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot

    @app_commands.command(name="quotes", description="Key quotes and who said what in an article.")
    @app_commands.describe(
        url="Link to the article",
        article="An article already summarized here (start typing its title)",
        private="Only you see the answer",
    )
    @app_commands.checks.dynamic_cooldown(per_user_cooldown)
    async def quotes(
        self,
        interaction: discord.Interaction,
        url: app_commands.Range[str, 8, 2000] | None = None,
        article: app_commands.Range[str, 1, 100] | None = None,
        private: bool = False,
    ) -> None:
        if (url is None) == (article is None):
            raise InputError("Give me either a `url` or one of the `article`s summarized here.")
        # isdecimal, not isdigit: "²" is a digit that int() refuses.
        if article is not None and not article.strip().isdecimal():
            raise InputError("Pick an article from the list that appears as you type.")
        if article is not None:
            await self.bot.service.check_article(int(article), scope_of(interaction))
        else:
            assert url is not None
            check_link(url, self.bot.settings)
        await interaction.response.defer(thinking=True, ephemeral=private)
        result = await self._resolve(interaction, url, article)
        await reply(interaction, **page_message(result, "digest", 0))

    async def _resolve(
        self, interaction: discord.Interaction, url: str | None, article: str | None
    ) -> AnalysisResult:
        scope = scope_of(interaction)
        if article is not None:
            return await self.bot.service.article(int(article), scope)
        assert url is not None
        return await self.bot.service.analyze_url(
            url.strip(), scope, submitter=submitter_of(interaction)
        )

    @quotes.autocomplete("article")
    async def article_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        """This server's (or this DM's) recent articles whose title has the typed words."""
        try:
            recent = await self.bot.service.recent_articles(scope_of(interaction), current, 25)
        except BriefbotError:
            log.warning("article autocomplete failed", exc_info=True)
            return []
        return [
            app_commands.Choice(
                name=choice_name(title or url or f"Article {ident}"), value=str(ident)
            )
            for ident, title, url in recent[:25]
        ]


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(Quotes(bot))
