"""What every command needs to know about the interaction it serves: scope, submitter, limits.

Scope is the privacy boundary: in a server, everything submitted in that server; in DMs, only
the user's own submissions.
"""

from __future__ import annotations

import discord
from discord import app_commands

from bot.models import Scope
from bot.service import Submitter


def scope_of(interaction: discord.Interaction) -> Scope:
    """``guild:<id>`` inside a server, ``dm:<user id>`` in direct messages."""
    if interaction.guild_id:
        return Scope("guild", interaction.guild_id)
    return Scope("dm", interaction.user.id)


def submitter_of(interaction: discord.Interaction) -> Submitter:
    """Who asked and where, recorded with the submission."""
    return Submitter(user_id=interaction.user.id, channel_id=interaction.channel_id or 0)


def per_user_cooldown(interaction: discord.Interaction) -> app_commands.Cooldown:
    """``BRIEFBOT_COOLDOWN_USES`` uses per ``BRIEFBOT_COOLDOWN_SECONDS``, per user and command."""
    settings = interaction.client.settings  # type: ignore[attr-defined]
    return app_commands.Cooldown(settings.cooldown_uses, settings.cooldown_seconds)
