"""``/briefing``: the daily briefing now or on a schedule, and the feeds it is built from.

Everyone may read (``now``, ``status``, ``feeds list``); changing schedules and feeds needs
Manage Server, checked in each of those commands. (Discord applies a default member
permission to a whole top-level command only, so it cannot be set on these subcommands alone
without hiding ``/briefing now`` from everyone.)

The cog owns the two background tasks: the dispatcher that sends scheduled briefings and the
feed poller, started in ``cog_load`` and stopped in ``cog_unload``. ``DiscordSender`` is the
dispatcher's way into a channel.

"Now" comes from one clock, the bot's (``Briefbot.clock``), for the dispatcher, the poller and
every command here, so ``/briefing status`` and the runs it announces never disagree, and a
test clock moves all of them together.
"""

from __future__ import annotations

import logging
from datetime import UTC, timedelta, tzinfo
from zoneinfo import ZoneInfo

import aiohttp
import discord
from discord import app_commands
from discord.ext import commands

from bot import render
from bot.briefing.build import briefing_for
from bot.briefing.dispatcher import Delivery, DeliveryError, Dispatcher, page_footer
from bot.briefing.feed_storage import FeedStorage
from bot.briefing.feeds import FeedPoller
from bot.briefing.pages import briefing_sections, briefing_title
from bot.briefing.schedule import Clock, matching_zones, parse_time, parse_zone
from bot.briefing.status import feed_status, schedule_status
from bot.briefing.storage import BriefingStorage, Schedule
from bot.briefing.types import Briefing
from bot.client import Briefbot, reply
from bot.errors import InputError, NotFoundError
from bot.ingest.fetch import Fetcher
from bot.input_checks import check_link
from cogs.context import per_user_cooldown, scope_of

log = logging.getLogger(__name__)

POSTABLE = (discord.ChannelType.text, discord.ChannelType.news)
NEEDED = ("view_channel", "send_messages", "embed_links")
HISTORY_SEARCHED = 50
"""Recent messages searched for a briefing that may have been sent before a crash."""


class PostableChannel(app_commands.Transformer):
    """A channel option whose picker offers only channels a briefing can be posted in.

    The channel arrives as Discord resolved it (the bot need not have it cached); a client
    that ignores the picker's filter is answered by ``BriefingCog._target``.
    """

    @property
    def type(self) -> discord.AppCommandOptionType:
        return discord.AppCommandOptionType.channel

    @property
    def channel_types(self) -> list[discord.ChannelType]:
        return list(POSTABLE)

    async def transform(
        self, interaction: discord.Interaction, value: app_commands.AppCommandChannel
    ) -> app_commands.AppCommandChannel:
        return value


def briefing_embeds(briefing: Briefing, zone: tzinfo, marker: str = "") -> list[discord.Embed]:
    """The briefing as embeds, one page each, every one within Discord's limits; each footer
    carries ``marker`` (a scheduled run's) and the page number."""
    sections = [
        render.Section(s.heading, list(s.entries)) for s in briefing_sections(briefing, zone)
    ]
    pages = render.paginate(sections)
    embeds = []
    for number, text in enumerate(pages, start=1):
        embed = discord.Embed(
            title=briefing_title(briefing), description=text, colour=render.BRAND_COLOUR
        )
        footer = page_footer(marker, number - 1, len(pages))
        if footer:
            embed.set_footer(text=footer)
        embeds.append(embed)
    return embeds


class DiscordSender:
    """Posts scheduled briefings into channels and finds one posted before a crash."""

    def __init__(self, bot: commands.Bot) -> None:
        self.bot = bot

    async def send(self, delivery: Delivery, briefing: Briefing) -> int:
        """Post the pages still missing, each recorded as it lands, so a restart resumes."""
        channel = await self._channel(delivery.channel_id)
        embeds = briefing_embeds(briefing, ZoneInfo(delivery.time_zone), delivery.marker)
        first = 0
        for page in range(await delivery.pages.begin(len(embeds)), len(embeds)):
            try:
                message = await channel.send(
                    embed=embeds[page],
                    nonce=delivery.nonce(page),
                    allowed_mentions=render.NO_MENTIONS,
                )
            except discord.HTTPException as error:
                raise _delivery_error(error) from None
            except (aiohttp.ClientError, OSError, TimeoutError):
                raise DeliveryError("Discord could not be reached.", permanent=False) from None
            await delivery.pages.posted(page, message.id)
            first = first or message.id
        return first

    async def find_sent(self, delivery: Delivery) -> int | None:
        channel = await self._channel(delivery.channel_id)
        me = self.bot.user
        try:
            async for message in channel.history(limit=HISTORY_SEARCHED):
                if me is not None and message.author.id != me.id:
                    continue
                if any(delivery.marker in (e.footer.text or "") for e in message.embeds):
                    return message.id
        except discord.HTTPException as error:
            raise _delivery_error(error) from None
        return None

    async def _channel(self, channel_id: int) -> discord.abc.Messageable:
        channel = self.bot.get_channel(channel_id)
        if channel is None:
            try:
                channel = await self.bot.fetch_channel(channel_id)
            except discord.HTTPException as error:
                raise _delivery_error(error) from None
        if not isinstance(channel, discord.abc.Messageable):
            raise DeliveryError("The channel can no longer hold messages.", permanent=True)
        guild = getattr(channel, "guild", None)
        me = guild.me if guild is not None else None
        if me is not None and isinstance(channel, discord.abc.GuildChannel):
            permissions = channel.permissions_for(me)
            missing = [name for name in NEEDED if not getattr(permissions, name)]
            if missing:
                names = render.permission_names(missing)
                raise DeliveryError(f"I lost the {names} permission there.", permanent=True)
        return channel


def _delivery_error(error: discord.HTTPException) -> DeliveryError:
    if isinstance(error, discord.NotFound):
        return DeliveryError("The channel was deleted (or I can no longer see it).", permanent=True)
    if isinstance(error, discord.Forbidden):
        return DeliveryError(
            "I am no longer allowed to post there (missing access or permission).",
            permanent=True,
        )
    if 400 <= error.status < 500 and error.status != 429:
        return DeliveryError(
            f"Discord refused this briefing (HTTP {error.status}); today's was skipped.",
            permanent=False,
            retry=False,
        )
    return DeliveryError(f"Discord answered {error.status}; I will retry.", permanent=False)


class BriefingCog(commands.Cog, name="Briefing"):
    """Daily briefings of what this server read, and the feeds that add to it."""

    briefing = app_commands.Group(
        name="briefing", description="Briefings of this server's articles", guild_only=True
    )
    feeds = app_commands.Group(
        name="feeds", description="News feeds whose articles go into the briefing", parent=briefing
    )

    def __init__(self, bot: Briefbot) -> None:
        self.bot = bot
        service = bot.service
        settings = bot.settings
        self.storage = BriefingStorage(service.store)
        self.fetcher = Fetcher(settings)
        self.clock: Clock = bot.clock
        self.dispatcher = Dispatcher(
            self.storage,
            lambda scope, hours, now: briefing_for(service, scope, hours, now),
            DiscordSender(bot),
            grace=timedelta(minutes=settings.briefing_grace_minutes),
            clock=self.clock,
            ready=bot.wait_until_ready,
            sends_for=bot.holds_guild,
        )
        self.poller = FeedPoller(
            FeedStorage(service.store),
            self.fetcher,
            lambda url, scope: service.analyze_url(url, scope),
            interval=timedelta(minutes=settings.feed_poll_minutes),
            clock=self.clock,
            run_job=service.pool.run,
        )

    async def cog_load(self) -> None:
        self.dispatcher.start()
        self.poller.start()

    async def cog_unload(self) -> None:
        await self.dispatcher.stop()
        await self.poller.stop()
        await self.fetcher.close()

    # Reading.

    @briefing.command(name="now", description="Post the briefing of the last hours here now.")
    @app_commands.describe(hours="How far back to look (default 24)")
    @app_commands.checks.dynamic_cooldown(per_user_cooldown)
    async def now(
        self, interaction: discord.Interaction, hours: app_commands.Range[int, 1, 168] = 24
    ) -> None:
        await interaction.response.defer(thinking=True)
        now = self.clock.now()
        briefing = await briefing_for(self.bot.service, scope_of(interaction), hours, now)
        schedule = await self.storage.schedule(interaction.channel_id or 0)
        zone = schedule.zone if schedule else UTC
        for embed in briefing_embeds(briefing, zone):
            await reply(interaction, embed=embed, allowed_mentions=render.NO_MENTIONS)

    @briefing.command(name="status", description="When this server's briefings come next.")
    async def status(self, interaction: discord.Interaction) -> None:
        guild_id = interaction.guild_id or 0
        now = self.clock.now()
        schedules = await self.storage.schedules(guild_id)
        if not schedules:
            raise NotFoundError(
                "No channel here has a daily briefing. Add one with `/briefing schedule`."
            )
        schedules.sort(key=lambda s: s.channel_id != interaction.channel_id)
        entries = []
        for schedule in schedules:
            last = await self.storage.last_run(schedule.channel_id)
            entries.append(f"<#{schedule.channel_id}>\n{schedule_status(schedule, last, now)}")
        await self._send_pages(interaction, "Daily briefings", entries)

    # Changing schedules (Manage Server).

    @briefing.command(name="schedule", description="Post a briefing every day at a local time.")
    @app_commands.describe(
        time="Local time of day, HH:MM (24-hour clock)",
        timezone="Time zone, e.g. Europe/Berlin (start typing)",
        channel="Where to post it (default: this channel)",
    )
    @app_commands.checks.has_permissions(manage_guild=True)
    async def schedule(
        self,
        interaction: discord.Interaction,
        time: app_commands.Range[str, 3, 5],
        timezone: app_commands.Range[str, 1, 64],
        channel: app_commands.Transform[app_commands.AppCommandChannel, PostableChannel]
        | None = None,
    ) -> None:
        at, zone = parse_time(time), parse_zone(timezone)
        channel_id = self._target(interaction, channel)
        saved = await self.storage.save_schedule(
            Schedule(channel_id, interaction.guild_id or 0, at, zone.key, 24, interaction.user.id),
            self.clock.now(),
        )
        self.dispatcher.wake()
        status = schedule_status(saved, None, self.clock.now())
        await interaction.response.send_message(
            f"Daily briefing scheduled in <#{channel_id}>.\n{status}",
            allowed_mentions=render.NO_MENTIONS,
        )

    @schedule.autocomplete("timezone")
    async def timezone_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        return [app_commands.Choice(name=z, value=z) for z in matching_zones(current)]

    @briefing.command(name="unschedule", description="Stop the daily briefing in a channel.")
    @app_commands.describe(channel="The channel (default: this one)")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def unschedule(
        self,
        interaction: discord.Interaction,
        channel: app_commands.AppCommandChannel | None = None,
    ) -> None:
        channel_id = channel.id if channel else interaction.channel_id or 0
        if not await self.storage.remove_schedule(interaction.guild_id or 0, channel_id):
            raise NotFoundError(f"<#{channel_id}> has no daily briefing.")
        await interaction.response.send_message(
            f"No more daily briefings in <#{channel_id}>.", allowed_mentions=render.NO_MENTIONS
        )

    def _target(
        self, interaction: discord.Interaction, channel: app_commands.AppCommandChannel | None
    ) -> int:
        """The channel to post in: one that holds messages, where the bot may post."""
        if channel is None:
            permissions = interaction.app_permissions
            target = interaction.channel_id or 0
        else:
            if channel.type not in POSTABLE:
                raise InputError("Briefings can go to text and announcement channels only.")
            cached = interaction.guild.get_channel(channel.id) if interaction.guild else None
            me = interaction.guild.me if interaction.guild else None
            if cached is None or me is None:
                return channel.id
            permissions = cached.permissions_for(me)
            target = channel.id
        missing = [n for n in NEEDED if not getattr(permissions, n)]
        if missing:
            names = render.permission_names(missing)
            raise InputError(f"I need the {names} permission in <#{target}> to post briefings.")
        return target

    # Feeds.

    @feeds.command(name="add", description="Follow an RSS or Atom feed for the briefing.")
    @app_commands.describe(url="The feed's address")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def feeds_add(
        self, interaction: discord.Interaction, url: app_commands.Range[str, 8, 2000]
    ) -> None:
        check_link(url, self.bot.settings)
        await interaction.response.defer(thinking=True)
        feed, queued = await self.poller.add(
            interaction.guild_id or 0, url.strip(), interaction.user.id
        )
        name = render.safe(render.shorten(feed.title or feed.url, 100))
        await reply(
            interaction,
            content=f"Following **{name}** (<{feed.url}>). {queued} recent articles are being "
            f"summarized for the briefing; new ones are picked up every "
            f"{self.bot.settings.feed_poll_minutes} minutes.",
            allowed_mentions=render.NO_MENTIONS,
        )

    @feeds.command(name="remove", description="Stop following a feed.")
    @app_commands.describe(feed="The feed (start typing its name or address)")
    @app_commands.checks.has_permissions(manage_guild=True)
    async def feeds_remove(
        self, interaction: discord.Interaction, feed: app_commands.Range[str, 1, 2000]
    ) -> None:
        guild_id = interaction.guild_id or 0
        followed = {str(f.id): f.url for f in await self.poller.storage.feeds(guild_id)}
        url = followed.get(feed.strip(), feed.strip())
        await self.poller.remove(guild_id, url)
        await interaction.response.send_message(
            f"No longer following <{url}>.", allowed_mentions=render.NO_MENTIONS
        )

    @feeds_remove.autocomplete("feed")
    async def feed_choices(
        self, interaction: discord.Interaction, current: str
    ) -> list[app_commands.Choice[str]]:
        typed = current.strip().lower()
        choices = []
        for feed in await self.poller.storage.feeds(interaction.guild_id or 0):
            label = render.shorten(f"{feed.title} — {feed.url}" if feed.title else feed.url, 100)
            if typed in label.lower():
                choices.append(app_commands.Choice(name=label, value=str(feed.id)))
        return choices[:25]

    @feeds.command(name="list", description="The feeds this server follows and how they are doing.")
    async def feeds_list(self, interaction: discord.Interaction) -> None:
        now = self.clock.now()
        feeds = await self.poller.storage.feeds(interaction.guild_id or 0)
        if not feeds:
            raise NotFoundError("This server follows no feeds. Add one with `/briefing feeds add`.")
        entries = [
            feed_status(feed, await self.poller.storage.entry_counts(feed.id), now)
            for feed in feeds
        ]
        await self._send_pages(interaction, "Feeds", entries)

    async def _send_pages(
        self, interaction: discord.Interaction, title: str, entries: list[str]
    ) -> None:
        """A private answer of one or more pages."""
        pages = render.paginate([render.Section("", entries)])
        for number, text in enumerate(pages):
            embed = discord.Embed(title=title, description=text, colour=render.BRAND_COLOUR)
            if number == 0 and not interaction.response.is_done():
                await interaction.response.send_message(
                    embed=embed, ephemeral=True, allowed_mentions=render.NO_MENTIONS
                )
            else:
                await interaction.followup.send(
                    embed=embed, ephemeral=True, allowed_mentions=render.NO_MENTIONS
                )


async def setup(bot: Briefbot) -> None:
    await bot.add_cog(BriefingCog(bot))
