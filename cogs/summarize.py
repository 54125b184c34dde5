"""``/summarize`` and the "Summarize" message command: an article in, a summary embed out.

Everything that can be refused from the input alone (empty or one-sentence text, a file that
is too big, empty or binary, a link the address rules refuse) is refused first, privately.
Then the interaction is deferred, so Discord's three seconds never run out while a page is
fetched or analyzed, and the answer (or a later failure) replaces the "thinking…" placeholder.

An attachment is downloaded before deferring when that takes under ``EARLY_DOWNLOAD_SECONDS``
(Discord's file servers usually answer in a fraction of that), so a binary, empty or oversized
file is refused privately too; a slower download goes on after the deferral.
"""

from __future__ import annotations

import asyncio

import discord
from discord import app_commands
from discord.ext import commands

from bot.client import Briefbot, describe_error, reply
from bot.errors import BriefbotError, InputError
from bot.ingest.urls import find_urls
from bot.input_checks import check_file, check_link, check_text
from bot.render import NO_MENTIONS, summary_embed
from bot.service import AnalysisResult
from cogs.attachments import check_attachment, is_supported, read_attachment
from cogs.context import per_user_cooldown, scope_of, submitter_of
from cogs.pages import DYNAMIC_ITEMS, openers

MAX_LINKS = 3
"""Links summarized from one message; more would flood the channel."""

TEXT_OPTION_LIMIT = 6000
"""Discord's maximum for a string option; longer articles go in as a file."""

EARLY_DOWNLOAD_SECONDS = 1.0
"""How long an attachment may download before the deferral (Discord allows three seconds)."""


async def send_summary(interaction: discord.Interaction, result: AnalysisResult) -> None:
    """The summary embed with its buttons, as the (deferred) answer or a further message."""
    await reply(
        interaction,
        embed=summary_embed(result.article, result.analysis, cached=result.cached),
        view=openers(result),
        allowed_mentions=NO_MENTIONS,
    )


class Summarize(commands.Cog):
    """Summaries of links, pasted text, files and messages."""

    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot
        self.menu = app_commands.ContextMenu(name="Summarize", callback=self.summarize_message)
        app_commands.checks.dynamic_cooldown(per_user_cooldown)(self.menu)

    async def cog_load(self) -> None:
        self.bot.tree.add_command(self.menu)

    async def cog_unload(self) -> None:
        self.bot.tree.remove_command(self.menu.name, type=self.menu.type)

    @app_commands.command(
        name="summarize",
        description="Summarize a news article: key points, key quotes and who said them.",
    )
    @app_commands.describe(
        url="Link to the article",
        text="The article's text, pasted (up to 6,000 characters; attach a file for longer ones)",
        file="The article as a .txt, .md, .html or .pdf file",
        sentences="How many sentences the summary has (1-10)",
        private="Only you see the answer",
    )
    @app_commands.checks.dynamic_cooldown(per_user_cooldown)
    async def summarize(
        self,
        interaction: discord.Interaction,
        url: app_commands.Range[str, 8, 2000] | None = None,
        text: app_commands.Range[str, 1, TEXT_OPTION_LIMIT] | None = None,
        file: discord.Attachment | None = None,
        sentences: app_commands.Range[int, 1, 10] | None = None,
        private: bool = False,
    ) -> None:
        given = [value for value in (url, text, file) if value is not None]
        if len(given) != 1:
            raise InputError("Give me exactly one of `url`, `text` or `file` to summarize.")
        settings = self.bot.settings
        data = None
        if url is not None:
            check_link(url, settings)
        elif text is not None:
            check_text(text, settings)
        else:
            assert file is not None
            data = await self._download_early(file)
        await interaction.response.defer(thinking=True, ephemeral=private)
        service = self.bot.service
        scope, submitter = scope_of(interaction), submitter_of(interaction)
        if url is not None:
            result = await service.analyze_url(
                url.strip(), scope, submitter=submitter, sentences=sentences
            )
        elif text is not None:
            result = await service.analyze_text(
                text, scope, submitter=submitter, sentences=sentences
            )
        else:
            assert file is not None
            data = data if data is not None else await self._read(file)
            result = await service.analyze_file(
                data, file.filename, scope, submitter=submitter, sentences=sentences
            )
        await send_summary(interaction, result)

    async def summarize_message(
        self, interaction: discord.Interaction, message: discord.Message
    ) -> None:
        """Summarize a message's links, else its text or text/HTML/PDF attachment."""
        links = find_urls(message.content)[:MAX_LINKS]
        attachment = next((a for a in message.attachments if is_supported(a)), None)
        text = message.content.strip()
        if not (links or attachment or text):
            raise InputError(
                "That message has no link, text or .txt/.md/.html/.pdf file to summarize."
            )
        settings = self.bot.settings
        data = None
        if links:
            self._check_links(links)
        elif attachment is not None:
            data = await self._download_early(attachment)
        else:
            check_text(text, settings)
        await interaction.response.defer(thinking=True)
        service = self.bot.service
        scope, submitter = scope_of(interaction), submitter_of(interaction)
        if links:
            await self._summarize_links(interaction, links)
            return
        if attachment is not None:
            data = data if data is not None else await self._read(attachment)
            result = await service.analyze_file(
                data, attachment.filename, scope, submitter=submitter
            )
        else:
            result = await service.analyze_text(text, scope, submitter=submitter)
        await send_summary(interaction, result)

    def _check_links(self, links: list[str]) -> None:
        """Refuse now if the address rules refuse every link (the first refusal says why);
        otherwise the refused ones are reported with the other failures."""
        refusals: list[BriefbotError] = []
        for link in links:
            try:
                check_link(link, self.bot.settings)
            except BriefbotError as error:
                refusals.append(error)
        if len(refusals) == len(links):
            raise refusals[0]

    async def _download_early(self, attachment: discord.Attachment) -> bytes | None:
        """The attachment's bytes, checked, if it downloads within ``EARLY_DOWNLOAD_SECONDS``
        (``None`` if not: it is downloaded again after the deferral); refusals come now."""
        settings = self.bot.settings
        check_attachment(attachment, settings.fetch_max_bytes)
        try:
            async with asyncio.timeout(EARLY_DOWNLOAD_SECONDS):
                data = await self._read(attachment)
        except TimeoutError:
            return None
        check_file(data, attachment.filename, settings)
        return data

    async def _summarize_links(self, interaction: discord.Interaction, links: list[str]) -> None:
        """Each link fetched, analyzed and answered in turn; failures reported, not fatal.

        One after another, not at once: all of a message's links count against one user's
        fetch allowance (``fetch_per_user``), and the answers go out in order anyway. A link
        that fails, even from a bug, costs the other links neither their answer nor their line
        in the report.
        """
        scope, submitter = scope_of(interaction), submitter_of(interaction)
        failures: list[tuple[str, Exception]] = []
        sent = 0
        for link in links:
            try:
                result = await self.bot.service.analyze_url(link, scope, submitter=submitter)
            except Exception as error:
                failures.append((link, error))
                continue
            await send_summary(interaction, result)
            sent += 1
        if len(failures) == 1 and not sent:
            raise failures[0][1]
        if failures:
            heading = "every link" if sent else "any of these links"
            lines = [f"I couldn't summarize {heading}:"]
            for link, error in failures:
                lines.append(f"- <{link}>: {describe_error(interaction, error)}")
            await self.bot.report_error(interaction, InputError("\n".join(lines)))

    async def _read(self, attachment: discord.Attachment) -> bytes:
        settings = self.bot.settings
        return await read_attachment(
            attachment, settings.fetch_max_bytes, settings.fetch_total_timeout
        )


async def setup(bot: Briefbot) -> None:
    bot.add_dynamic_items(*DYNAMIC_ITEMS)
    await bot.add_cog(Summarize(bot))
