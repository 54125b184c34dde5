"""Shortening text for small slots (titles, fields, suggestions), shared by every renderer.

Pure string functions with no Discord import, so the briefing, the service and the Discord
renderer all cut text the same way: at a word, with an ellipsis.
"""

from __future__ import annotations

ELLIPSIS = "…"


def one_line(text: str) -> str:
    """Collapse whitespace, so a quote renders as one block-quote line."""
    return " ".join(text.split())


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, cut at a word boundary with an ellipsis when over ``limit``."""
    text = one_line(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    if " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:") + ELLIPSIS
