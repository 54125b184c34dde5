"""Untrusted text made inert for Discord and markdown: it can neither format nor ping.

Kept apart from ``bot.render`` (which builds discord.py embeds) so that the briefing's plain
markdown, the CLI and Discord all escape through this one function without loading discord.py.
"""

from __future__ import annotations

import re

ZERO_WIDTH_SPACE = "\u200b"

_WEB_ADDRESS = r"https?://[^\s<>\[\]]*[^\s<>\[\].,:;\"')]"
_MARKUP = r"[\\`*_~|\[\]<]|(?<!\S)#"
"""Characters that format or link, and a ``#`` that could open or close a heading."""
_MARKUP_OR_ADDRESS = re.compile(rf"(?P<address>{_WEB_ADDRESS})|(?P<markup>{_MARKUP})")
_LINE_START_MARKUP = re.compile(r"^(\s*)([->]|\+(?=\s))", re.MULTILINE)
_ORDERED_LIST = re.compile(r"^(\s*\d+)\.(?=\s)", re.MULTILINE)
_MENTION = re.compile(r"@(everyone|here)|<(@[!&]?|#)(?=\d)", re.IGNORECASE)


def safe(text: str) -> str:
    """Untrusted text made inert, in Discord and in markdown: it can neither format nor ping.

    Markdown characters are backslash-escaped everywhere but inside web addresses (which must
    stay whole to link), and so is what only counts at the start of a line (block quotes,
    lists, subtext); ``@everyone``, ``@here`` and user and role mentions are also broken with
    a zero-width space. Line breaks are kept: callers that need one line pass ``one_line(text)``.
    """
    escaped = _MARKUP_OR_ADDRESS.sub(_escape_markup, text)
    escaped = _LINE_START_MARKUP.sub(r"\1\\\2", escaped)
    escaped = _ORDERED_LIST.sub(r"\1\\.", escaped)
    return _MENTION.sub(_break_mention, escaped)


def _escape_markup(match: re.Match[str]) -> str:
    return match.group("address") or "\\" + match.group("markup")


def _break_mention(match: re.Match[str]) -> str:
    if match.group(1):
        return "@" + ZERO_WIDTH_SPACE + match.group(1)
    return "<" + ZERO_WIDTH_SPACE + match.group(2)
