"""Paged answers whose buttons keep working after a restart.

The buttons are ``DynamicItem``s: the article id, the kind of page and the page number live in
the ``custom_id``, and a click looks the article up again through the service. Nothing is kept
in memory, so a click on a message from before a restart is answered like any other, and a
click on an article no longer stored says so instead of failing silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

import discord

from bot import render
from bot.errors import NotFoundError
from bot.models import Analysis
from bot.service import AnalysisResult
from cogs.context import scope_of

KINDS: dict[str, tuple[str, Callable[[Analysis], Iterable[render.Section]]]] = {
    "who": ("Who said what", render.who_said_what_sections),
    "quotes": ("All quotes", render.all_quotes_sections),
    "full": ("Full summary", render.full_summary_sections),
    "digest": ("Quotes", render.digest_sections),
}
_KIND = "|".join(KINDS)
EXPIRED = "This briefing is no longer stored; run the command again to get a fresh one."


def pages_for(result: AnalysisResult, kind: str) -> list[discord.Embed]:
    """Every page of one kind for one article."""
    title, sections = KINDS[kind]
    return render.page_embeds(result.article, result.analysis, sections(result.analysis), title)


def page_message(result: AnalysisResult, kind: str, page: int) -> dict[str, Any]:
    """Keyword arguments to send or edit a message showing ``page`` (clamped to those there are)."""
    embeds = pages_for(result, kind)
    page = max(0, min(page, len(embeds) - 1))
    message: dict[str, Any] = {"embed": embeds[page], "allowed_mentions": render.NO_MENTIONS}
    if len(embeds) > 1:
        message["view"] = pager(kind, result.article_id, page, len(embeds))
    return message


def pager(kind: str, article_id: int, page: int, total: int) -> discord.ui.View:
    """◀ page/total ▶, with the ends disabled."""
    view = discord.ui.View(timeout=None)
    view.add_item(PageButton(kind, article_id, max(page - 1, 0), "prev", disabled=page == 0))
    view.add_item(
        PageButton(kind, article_id, page, "at", label=f"{page + 1} / {total}", disabled=True)
    )
    view.add_item(
        PageButton(kind, article_id, min(page + 1, total - 1), "next", disabled=page >= total - 1)
    )
    return view


def openers(result: AnalysisResult) -> discord.ui.View:
    """The buttons under a summary: who said what, all quotes, full summary."""
    view = discord.ui.View(timeout=None)
    if result.analysis.quotes:
        view.add_item(OpenPagesButton("who", result.article_id))
        view.add_item(OpenPagesButton("quotes", result.article_id))
    view.add_item(OpenPagesButton("full", result.article_id))
    return view


async def _lookup(interaction: discord.Interaction, article_id: int) -> AnalysisResult:
    service = interaction.client.service  # type: ignore[attr-defined]
    try:
        return await service.article(article_id, scope_of(interaction))
    except NotFoundError:
        raise NotFoundError(EXPIRED) from None


class OpenPagesButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"bb:open:(?P<kind>{_KIND}):(?P<article>\d+)",
):
    """Opens a kind of page for an article, as a private message only the clicker sees."""

    def __init__(self, kind: str, article_id: int) -> None:
        super().__init__(
            discord.ui.Button(
                label=KINDS[kind][0],
                style=discord.ButtonStyle.secondary,
                custom_id=f"bb:open:{kind}:{article_id}",
            )
        )
        self.kind = kind
        self.article_id = article_id

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> OpenPagesButton:
        return cls(match["kind"], int(match["article"]))

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            result = await _lookup(interaction, self.article_id)
            await interaction.response.send_message(
                ephemeral=True, **page_message(result, self.kind, 0)
            )
        except Exception as error:
            await interaction.client.report_error(interaction, error)  # type: ignore[attr-defined]


class PageButton(
    discord.ui.DynamicItem[discord.ui.Button],
    template=rf"bb:page:(?P<kind>{_KIND}):(?P<article>\d+):(?P<page>\d+):(?P<role>prev|at|next)",
):
    """Shows another page of the same answer.

    On a private message the page replaces the one shown. A public message is everyone's, so a
    click there answers the clicker alone, with a private copy at the page asked for (whose own
    buttons then turn its pages in place); the public message stays as its requester left it.
    """

    def __init__(
        self,
        kind: str,
        article_id: int,
        page: int,
        role: str,
        *,
        label: str | None = None,
        disabled: bool = False,
    ) -> None:
        default = {"prev": "◀", "next": "▶"}.get(role, str(page + 1))
        super().__init__(
            discord.ui.Button(
                label=label or default,
                style=discord.ButtonStyle.primary
                if role != "at"
                else discord.ButtonStyle.secondary,
                custom_id=f"bb:page:{kind}:{article_id}:{page}:{role}",
                disabled=disabled,
            )
        )
        self.kind = kind
        self.article_id = article_id
        self.page = page

    @classmethod
    async def from_custom_id(
        cls, interaction: discord.Interaction, item: discord.ui.Item[Any], match: re.Match[str], /
    ) -> PageButton:
        return cls(match["kind"], int(match["article"]), int(match["page"]), match["role"])

    async def callback(self, interaction: discord.Interaction) -> None:
        try:
            result = await _lookup(interaction, self.article_id)
            message = page_message(result, self.kind, self.page)
            if _is_public(interaction.message):
                await interaction.response.send_message(ephemeral=True, **message)
                return
            message.setdefault("view", None)  # One page left: the pager goes.
            await interaction.response.edit_message(**message)
        except Exception as error:
            await interaction.client.report_error(interaction, error)  # type: ignore[attr-defined]


def _is_public(message: discord.Message | None) -> bool:
    return message is not None and not message.flags.ephemeral


DYNAMIC_ITEMS = (OpenPagesButton, PageButton)
