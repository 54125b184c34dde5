"""Reading a Discord attachment for analysis, within the bot's size and type limits."""

from __future__ import annotations

import asyncio
from pathlib import PurePosixPath

import discord

from bot.errors import FetchError, InputError

SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")


def is_supported(attachment: discord.Attachment) -> bool:
    """Whether the file looks like text, Markdown, HTML or PDF by its name."""
    return PurePosixPath(attachment.filename.lower()).suffix in SUPPORTED_SUFFIXES


def check_attachment(attachment: discord.Attachment, max_bytes: int) -> None:
    """Refuse an unsupported or oversized file from its metadata, before any download."""
    if not is_supported(attachment):
        raise InputError(
            f"I can read .txt, .md, .html and .pdf files; “{attachment.filename}” is none of those."
        )
    if attachment.size > max_bytes:
        raise InputError(
            f"That file is {attachment.size / 1_000_000:.1f} MB; "
            f"the limit is {max_bytes / 1_000_000:.1f} MB."
        )


async def read_attachment(attachment: discord.Attachment, max_bytes: int, timeout: float) -> bytes:
    """The attachment's bytes, once ``check_attachment`` has accepted it."""
    check_attachment(attachment, max_bytes)
    try:
        async with asyncio.timeout(timeout):
            data = await attachment.read()
    except (TimeoutError, discord.HTTPException):
        raise FetchError("I couldn't download that file from Discord; please try again.") from None
    if len(data) > max_bytes:
        raise InputError(f"That file is larger than the {max_bytes / 1_000_000:.1f} MB limit.")
    return data
